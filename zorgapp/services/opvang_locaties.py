"""The shelter registry: locations, their organisations and their default daily rates.

Every change is audited (field names only).
"""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from typing import Any

from zorgapp.domain.codes import nieuw_uuid
from zorgapp.domain.errors import DomainError
from zorgapp.domain.opvang import Locatie, OpvangType
from zorgapp.errors import N_, ValidationError
from zorgapp.services.base import VaultService
from zorgapp.services.opvang_validatie import maak_tarief, validatie
from zorgapp.store import audit
from zorgapp.store.opvang import LocatieRij, OpvangRepository


class LocatieService(VaultService):
    """Use cases of the shelter registry."""

    def locaties(self, alleen_actief: bool = False) -> list[LocatieRij]:
        with self.vault.read() as db:
            return OpvangRepository(db).alle(alleen_actief)

    def locatie(self, uuid: str) -> LocatieRij:
        with self.vault.read() as db:
            return OpvangRepository(db).get(uuid)

    def organisaties(self) -> list[str]:
        with self.vault.read() as db:
            return OpvangRepository(db).organisaties()

    def nieuwe_locatie(self, organisatie: str, naam: str, type: OpvangType | str, *,
                       contact: str = "", capaciteit: int | None = None,
                       adres_geheim: bool = True, adres: str = "",
                       dagtarief: Decimal | str | None = None,
                       geldig_vanaf: date | None = None) -> Locatie:
        tarieven = []
        if dagtarief is not None and str(dagtarief).strip() != "":
            tarieven.append(maak_tarief(dagtarief, geldig_vanaf or self.vandaag))
        locatie = self._locatie(uuid=nieuw_uuid(), organisatie=organisatie, naam=naam,
                                type=type, contact=contact, capaciteit=capaciteit,
                                adres_geheim=adres_geheim, adres=adres, tarieven=tarieven)
        with self.vault.transaction() as db:
            OpvangRepository(db).bewaar(locatie)
            self.vault.audit.record(audit.CREATE, record_type="opvanglocatie",
                                    record_uuid=locatie.uuid, fields=_locatie_velden(locatie))
        return locatie

    def wijzig_locatie(self, locatie: Locatie, actief: bool = True) -> list[str]:
        """Store changed registry data; the rates go through ``zet_locatie_tarief``."""
        locatie = self._locatie(**{f.name: getattr(locatie, f.name)
                                   for f in dataclasses.fields(locatie)})
        with self.vault.transaction() as db:
            repo = OpvangRepository(db)
            oud = repo.get(locatie.uuid)
            veranderd = [f for f in ("organisatie", "naam", "type", "contact", "capaciteit",
                                     "adres_geheim", "adres", "tarieven")
                         if getattr(oud.locatie, f) != getattr(locatie, f)]
            if oud.actief != actief:
                veranderd.append("actief")
            if veranderd:
                repo.bewaar(locatie, actief=actief, is_demo=oud.is_demo)
                self.vault.audit.record(audit.CHANGE, record_type="opvanglocatie",
                                        record_uuid=locatie.uuid, fields=veranderd)
        return veranderd

    def zet_locatie_tarief(self, locatie_uuid: str, dagtarief: Decimal | str,
                           geldig_vanaf: date) -> Locatie:
        """A new default rate from ``geldig_vanaf`` (replaces one starting the same day).

        Running placements keep their own rates: a shelter's new price is agreed per
        placement with ``wijzig_tarief``, so old invoices never change silently.
        """
        nieuw = maak_tarief(dagtarief, geldig_vanaf)
        with self.vault.transaction() as db:
            repo = OpvangRepository(db)
            rij = repo.get(locatie_uuid)
            tarieven = [t for t in rij.locatie.tarieven if t.geldig_vanaf != geldig_vanaf]
            locatie = dataclasses.replace(rij.locatie, tarieven=[*tarieven, nieuw])
            repo.bewaar(locatie, actief=rij.actief, is_demo=rij.is_demo)
            self.vault.audit.record(audit.CHANGE, record_type="opvanglocatie",
                                    record_uuid=locatie_uuid, fields=["tarieven"])
        return locatie

    def _locatie(self, **velden: Any) -> Locatie:
        if not str(velden.get("naam", "")).strip():
            raise ValidationError(N_("Geef de opvanglocatie een naam."))
        if not str(velden.get("organisatie", "")).strip():
            raise ValidationError(N_("Geef de organisatie van de opvanglocatie op."))
        try:
            return Locatie(**velden)
        except (DomainError, ValueError) as exc:
            if isinstance(exc, DomainError):
                raise validatie(exc) from None
            raise ValidationError(N_("Onbekend soort opvang: {type}."),
                                  type=str(velden.get("type"))) from None


def _locatie_velden(locatie: Locatie) -> list[str]:
    return ["organisatie", "naam", "type", "contact", "capaciteit", "adres_geheim",
            "adres", "tarieven"]

