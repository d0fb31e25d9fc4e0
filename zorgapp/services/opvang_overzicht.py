"""Read-only views of shelter: occupancy tonight, placements about to end, and a
dossier's placements as JSON for ``zorgapp case show``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from zorgapp.domain.errors import DomainError
from zorgapp.domain.geld import NUL, som
from zorgapp.domain.opvang import Locatie, Plaatsing, kosten_plaatsing, nachten
from zorgapp.services.base import VaultService
from zorgapp.store.opvang import OpvangRepository, PlaatsingRepository, dossier_info
from zorgapp.store.vault import Vault


@dataclass(frozen=True)
class Bezetting:
    locatie: Locatie
    bezet: int
    actief: bool = True

    @property
    def vrij(self) -> int | None:
        """Free places tonight; never below zero (a full location has none)."""
        if self.locatie.capaciteit is None:
            return None
        return max(0, self.locatie.capaciteit - self.bezet)

    @property
    def boven_capaciteit(self) -> int:
        """Clients placed beyond capacity (each with a recorded override)."""
        if self.locatie.capaciteit is None:
            return 0
        return max(0, self.bezet - self.locatie.capaciteit)


@dataclass(frozen=True)
class EindigendePlaatsing:
    plaatsing: Plaatsing
    dossiernummer: str
    locatie: str


class OpvangOverzichtService(VaultService):
    """Figures across all placements, for the Opvang page."""

    def bezetting(self, dag: date | None = None) -> list[Bezetting]:
        """Occupied places per location tonight (residential placements only)."""
        dag = dag or self.vandaag
        with self.vault.read() as db:
            locaties = OpvangRepository(db).alle()
            tellingen: dict[str, int] = {}
            for p in PlaatsingRepository(db).lopend_op(dag):
                if p.locatie_uuid:
                    tellingen[p.locatie_uuid] = tellingen.get(p.locatie_uuid, 0) + 1
        return [Bezetting(r.locatie, tellingen.get(r.locatie.uuid, 0), r.actief)
                for r in locaties]

    def eindigend(self, dagen: int = 14) -> list[EindigendePlaatsing]:
        """Running placements expected to end within ``dagen`` days, overdue ones first."""
        horizon = self.vandaag + timedelta(days=dagen)
        with self.vault.read() as db:
            gevonden = PlaatsingRepository(db).open_met_einde_voor(horizon)
            info = dossier_info(db, [p.dossier_uuid for p in gevonden])
            namen = OpvangRepository(db).namen()
        return [EindigendePlaatsing(p, info.get(p.dossier_uuid, ("", ""))[0],
                                    namen.get(p.locatie_uuid or "", ""))
                for p in gevonden]

    def dossiernummers(self, uuids: Iterable[str]) -> dict[str, str]:
        with self.vault.read() as db:
            return {u: v[0] for u, v in dossier_info(db, uuids).items()}


def _tekst_bedrag(bedrag: Decimal) -> str:
    return f"{bedrag:.2f}"


def plaatsingen_json(vault: Vault, dossier_uuid: str,
                     vandaag: date | None = None) -> list[dict[str, Any]]:
    """A dossier's placements for ``zorgapp case show --json``.

    ``van`` is the first night, ``tot`` the day the client left (exclusive: that night
    is not paid), ``dagtarief`` the rate in force today or on the last night, as text
    with two decimals (no floats), ``tarieven`` every rate with its start date.
    """
    vandaag = vandaag or date.today()
    with vault.read() as db:
        plaatsingen = PlaatsingRepository(db).voor_dossier(dossier_uuid)
        namen = OpvangRepository(db).namen()
    result: list[dict[str, Any]] = []
    for p in plaatsingen:
        peil = vandaag
        if p.tot is not None:
            peil = min(vandaag, p.tot - timedelta(days=1))
        if p.van is not None:
            peil = max(peil, p.van)
        tarief = p.tarief_op(peil) if p.tarieven else None
        kosten = NUL
        if p.telt and p.van is not None:
            try:
                kosten = som(r.bedrag for r in kosten_plaatsing(
                    p, p.van, max(vandaag, p.van), peildatum=vandaag))
            except DomainError:
                kosten = NUL
        result.append({
            "id": p.uuid,
            "type": str(p.type),
            "locatie": namen.get(p.locatie_uuid or "", ""),
            "locatie_id": p.locatie_uuid,
            "status": str(p.status),
            "aangevraagd_op": p.aangevraagd_op.isoformat() if p.aangevraagd_op else None,
            "van": p.van.isoformat() if p.van else None,
            "tot": p.tot.isoformat() if p.tot else None,
            "einde_reden": p.einde_reden,
            "dagtarief": _tekst_bedrag(tarief.dagtarief) if tarief else None,
            "tarieven": [{"geldig_vanaf": t.geldig_vanaf.isoformat(),
                          "dagtarief": _tekst_bedrag(t.dagtarief)} for t in p.tarieven],
            "financier": str(p.financier),
            "landelijk": p.landelijk,
            "gemeente_code": p.gemeente_code,
            "evaluatiedatum": p.evaluatiedatum.isoformat() if p.evaluatiedatum else None,
            "verwachte_einddatum": (p.verwachte_einddatum.isoformat()
                                    if p.verwachte_einddatum else None),
            "nachten": nachten(p, p.van, max(vandaag, p.van), peildatum=vandaag)
            if p.telt and p.van else 0,
            "kosten_tot_nu": _tekst_bedrag(kosten),
        })
    return result


