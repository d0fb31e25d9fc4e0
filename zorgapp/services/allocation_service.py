"""Use case: divide the region's costs over a month, quarter or year naar ratio.

Reads the stored placements and cost posts, cuts them to the period, and hands them
to ``domain.allocation.verdeel`` with the region's key for that year. Running
placements count up to today, never into the future. Nationally funded costs are
listed apart (``niet_verdeeld``).

Periods are half-open inside the app (``tot`` exclusive, like placements); what users
and scripts read is the inclusive last day (``2026-03-31`` for Q1), see
``verdeling_json``.

The CSV is what Dutch Excel opens correctly by double-click: ``;`` between fields,
decimal comma, UTF-8 with BOM, CRLF line ends. It is only written where the user asks.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from zorgapp.domain.allocation import (
    Sleutel,
    Verdeelsleutel,
    Verdeling,
    periode,
    verdeel,
)
from zorgapp.domain.allocation_bedragen import (
    Kostensommen,
    verdeel_bedragen,
)
from zorgapp.domain.betaler import bedenktijd_perioden
from zorgapp.domain.errors import DomainError
from zorgapp.domain.opvang import (
    Kostenregel,
    kosten_plaatsing,
)
from zorgapp.domain.regio import Regio
from zorgapp.domain.vaststelling import Correctie
from zorgapp.errors import N_, ValidationError
from zorgapp.fileio import atomic_write
from zorgapp.i18n import _, format_date
from zorgapp.services import allocation_sommen
from zorgapp.services.opvang_service import validatie
from zorgapp.services.region_service import RegionService
from zorgapp.store import audit
from zorgapp.store.connection import Connection
from zorgapp.store.dossiers import DossierRepository
from zorgapp.store.geld import overnames
from zorgapp.store.opvang import KostenpostRepository, PlaatsingRepository, dossier_info
from zorgapp.store.vault import Vault


def bedrag_tekst(bedrag: Decimal) -> str:
    """``"1234.56"``: two decimals, a point, no grouping (JSON, scripts)."""
    return f"{bedrag:.2f}"


def bedrag_excel(bedrag: Decimal) -> str:
    """``"1234,56"``: what Dutch Excel and LibreOffice read as a number."""
    return f"{bedrag:.2f}".replace(".", ",")


@dataclass(frozen=True)
class Uitkomst:
    """A computed allocation plus what the screens need to explain it."""

    verdeling: Verdeling
    dossiernummers: dict[str, str]
    van: date
    tot: date  # exclusive
    #: Cases handed over to this region: what the sending region paid before the
    #: takeover day, per sender, in cents (history, never allocated here).
    elders_betaald: dict[str, int] = field(default_factory=dict)
    #: When the statement was issued (vastgesteld), else None: then it is frozen.
    vastgesteld: str | None = None
    #: Corrections of earlier issued periods shown (or, when issued, booked) here.
    correcties: list[Correctie] = field(default_factory=list)
    #: A year statement's settlement per municipality (cents), else None.
    verrekening: dict[str, int] | None = None

    @property
    def laatste_dag(self) -> date:
        return self.tot - timedelta(days=1)


class AllocationService:
    def __init__(self, vault: Vault, vandaag: Callable[[], date] = date.today) -> None:
        self.vault = vault
        self._vandaag = vandaag
        self._cache: dict[tuple[date, date, date], tuple[Kostensommen, dict[str, int]]] = {}

    def bereken(self, jaar: int, kwartaal: int | None = None, maand: int | None = None,
                sleutel: Sleutel | str | Verdeelsleutel | None = None, *,
                toelichting: bool = True) -> Uitkomst:
        """The allocation of a period with the region's key (or another one given).

        Without ``toelichting`` only the amounts are computed (the same ones, in a
        fraction of the time and memory): enough for the JSON and the CSV.
        """
        try:
            van, tot = periode(jaar, kwartaal, maand)
        except DomainError as exc:
            raise validatie(exc) from None
        return self.bereken_periode(van, tot, sleutel, toelichting=toelichting)

    def bereken_periode(self, van: date, tot: date,
                        sleutel: Sleutel | str | Verdeelsleutel | None = None, *,
                        toelichting: bool = True) -> Uitkomst:
        """The statement of ``[van, tot)``: frozen when issued, with the corrections of
        earlier issued periods and, for a year, the settlement line."""
        from zorgapp.services.allocation_statement import met_vaststelling

        self._cache = {}  # sums live for one statement: the data may change between
        try:
            uitkomst = self._bereken(van, tot, sleutel, toelichting=toelichting)
            return met_vaststelling(self, uitkomst, vrij_gekozen=sleutel is not None)
        finally:
            self._cache = {}

    def vandaag(self) -> date:
        return self._vandaag()

    def _bereken(self, van: date, tot: date,
                 sleutel: Sleutel | str | Verdeelsleutel | None = None, *,
                 toelichting: bool = True) -> Uitkomst:
        regios = RegionService(self.vault)
        regio = regios.regio_in_jaar(van.year)  # that year's inhabitants (1 January)
        verdeelsleutel = self._sleutel(regios, van.year, sleutel)
        peil = self._vandaag()
        if not toelichting:
            return self._bedragen(regio, verdeelsleutel, van, tot, peil, regios)
        with self.vault.read() as db:
            plaatsingen = PlaatsingRepository(db).in_periode(van, tot)
            posten = KostenpostRepository(db).in_periode(van, tot)
            info = dossier_info(db, [p.dossier_uuid for p in plaatsingen]
                                + [p.dossier_uuid for p in posten])
            overname = overnames(db)
            bedenktijd = _bedenktijd(db, {p.dossier_uuid for p in plaatsingen
                                          if not p.landelijk})
        elders: dict[str, int] = {}
        regels: list[Kostenregel] = []
        for p in plaatsingen:
            try:
                begin = van
                if p.dossier_uuid in overname:  # before the takeover: the sender paid
                    begin = min(tot, max(van, overname[p.dossier_uuid][0]))
                    eerder = kosten_plaatsing(p, van, begin,
                                              peildatum=peil if peil < begin else None)
                    wie = overname[p.dossier_uuid][1]
                    elders[wie] = elders.get(wie, 0) + sum(int(r.bedrag * 100) for r in eerder
                                                           if not r.landelijk)
                regels += kosten_plaatsing(p, begin, tot,
                                           peildatum=peil if peil < tot else None)
            except DomainError as exc:
                nummer = info.get(p.dossier_uuid, ("?", ""))[0]
                raise ValidationError(N_(
                    "Dossier {nummer}: {melding}"), nummer=nummer,
                    melding=validatie(exc).user_message()) from None
        binding = {u: (g or None) for u, (_n, g) in info.items()}
        eigen = {p.uuid: p.gemeente_code for p in plaatsingen if p.gemeente_code}
        eigen_posten = []
        for post in posten:
            if post.dossier_uuid in overname and post.datum < overname[post.dossier_uuid][0]:
                wie = overname[post.dossier_uuid][1]
                if not post.landelijk:
                    elders[wie] = elders.get(wie, 0) + int(post.bedrag * 100)
            else:
                eigen_posten.append(post)
        try:
            verdeling = verdeel(regio, verdeelsleutel, regels, eigen_posten, binding, van=van,
                                tot=tot, alle_gemeenten=regios.alle_gemeenten(),
                                bron_binding=eigen, bedenktijd=bedenktijd)
        except DomainError as exc:
            raise validatie(exc) from None
        return Uitkomst(verdeling, {u: n for u, (n, _g) in info.items()}, van, tot,
                        elders_betaald=elders)

    def _bedragen(self, regio: Regio, sleutel: Verdeelsleutel, van: date, tot: date,
                  peil: date, regios: RegionService) -> Uitkomst:
        """The amounts alone, summed in cents per binding (``allocation_bedragen``)."""
        if (van.month, van.day) == (1, 1) and tot == date(van.year + 1, 1, 1):
            # The year statement's settlement needs its quarters; nights add up, so the
            # year is the sum of its quarters: one read, and no night counted twice.
            kwartalen = self.sommen([periode(van.year, k) for k in (1, 2, 3, 4)], peil)
            self._cache[van, tot, peil] = allocation_sommen.optellen(kwartalen)
        sommen, elders = self.sommen([(van, tot)], peil)[0]
        try:
            verdeling = verdeel_bedragen(regio, sleutel, sommen, van=van, tot=tot,
                                         alle_gemeenten=regios.alle_gemeenten())
        except DomainError as exc:
            raise validatie(exc) from None
        return Uitkomst(verdeling, {}, van, tot, elders_betaald=elders)

    def sommen(self, perioden: list[tuple[date, date]], peil: date
               ) -> list[tuple[Kostensommen, dict[str, int]]]:
        """Each period's costs in cents per binding, and what other regions paid (cases
        handed over to us: before the takeover day), from ONE read of the span; kept
        for the rest of this statement (``bereken_periode``)."""
        if all((v, t, peil) in self._cache for v, t in perioden):
            return [self._cache[v, t, peil] for v, t in perioden]
        uit = allocation_sommen.lees(self.vault, perioden, peil)
        for (v, t), gevonden in zip(perioden, uit, strict=True):
            self._cache[v, t, peil] = gevonden
        return uit

    def _sleutel(self, regios: RegionService, jaar: int,
                 sleutel: Sleutel | str | Verdeelsleutel | None) -> Verdeelsleutel:
        if isinstance(sleutel, Verdeelsleutel):
            return sleutel
        ingesteld = regios.sleutel(jaar)
        if sleutel is None:
            return ingesteld
        try:
            soort = Sleutel(sleutel)
        except ValueError:
            raise ValidationError(N_("Onbekende verdeelsleutel: {sleutel}."),
                                  sleutel=str(sleutel)) from None
        if soort is ingesteld.soort:
            return ingesteld
        try:
            if soort is Sleutel.VAST:
                vast = regios.vaste_percentages(jaar)
                if not vast:
                    raise ValidationError(N_(
                        "Er zijn geen vaste percentages ingesteld voor deze regio."))
                return Verdeelsleutel(soort, vaste_percentages=vast)
            if soort is Sleutel.MIX:
                if ingesteld.mix_inwoners_pct is None:
                    raise ValidationError(N_(
                        "Er is geen percentage naar inwoners ingesteld voor de gemengde sleutel."))
                return Verdeelsleutel(soort, mix_inwoners_pct=ingesteld.mix_inwoners_pct)
            return Verdeelsleutel(soort)
        except DomainError as exc:
            raise validatie(exc) from None

    # -- output ---------------------------------------------------------------------

    def exporteer_csv(self, uitkomst: Uitkomst, pad: Path) -> Path:
        """Write the CSV where the user chose (0600, atomic); audited as an export."""
        data = csv_bytes(uitkomst)
        atomic_write(Path(pad), data)
        with self.vault.transaction():
            self.vault.audit.record(audit.EXPORT, record_type="kostenverdeling",
                                    record_uuid=f"{uitkomst.van.isoformat()}/"
                                                f"{uitkomst.laatste_dag.isoformat()}",
                                    fields=["aandelen"])
        return Path(pad)


def _bedenktijd(db: Connection, uuids: set[str]) -> dict[str, list[tuple[date, date]]]:
    """Bedenktijd periods of the dossiers with municipal placements, through the one
    function that knows them (``domain.betaler.bedenktijd_perioden``)."""
    repo = DossierRepository(db)
    uit = {}
    for uuid in sorted(uuids):
        perioden = bedenktijd_perioden(repo.get(uuid))
        if perioden:
            uit[uuid] = perioden
    return uit


def verdeling_json(uitkomst: Uitkomst) -> dict[str, Any]:
    """The CLI's ``--json`` shape; ``tot`` is the inclusive last day of the period."""
    v = uitkomst.verdeling
    return {
        "van": uitkomst.van.isoformat(),
        "tot": uitkomst.laatste_dag.isoformat(),
        "sleutel": str(v.sleutel.soort),
        "totaal": bedrag_tekst(v.totaal),
        "niet_verdeeld": bedrag_tekst(v.totaal_niet_verdeeld),
        "aandelen": [
            {"cbs_code": a.cbs_code, "gemeente": a.gemeente, "inwoners": a.inwoners,
             "bedrag": bedrag_tekst(a.bedrag)}
            for a in v.aandelen
        ],
        "vastgesteld": uitkomst.vastgesteld,
        "correcties": [
            {"periode_van": c.van.isoformat(),
             "periode_tot": (c.tot - timedelta(days=1)).isoformat(),
             "cbs_code": c.cbs_code, "bedrag": bedrag_tekst(Decimal(c.centen).scaleb(-2))}
            for c in uitkomst.correcties
        ],
        "verrekening": None if uitkomst.verrekening is None else [
            {"cbs_code": code, "bedrag": bedrag_tekst(Decimal(n).scaleb(-2))}
            for code, n in sorted(uitkomst.verrekening.items())
        ],
        "betaald_door_andere_regio": [
            {"regio": wie, "bedrag": bedrag_tekst(Decimal(n).scaleb(-2))}
            for wie, n in sorted(uitkomst.elders_betaald.items())
        ],
    }


def csv_bytes(uitkomst: Uitkomst) -> bytes:
    """Dutch Excel style: BOM, ``;``, decimal comma, CRLF; a header row, then one row per
    municipality, then the totals and the period below an empty line."""
    v = uitkomst.verdeling
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([_("CBS-code"), _("Gemeente"), _("Inwoners"), _("Bedrag (EUR)")])
    for a in v.aandelen:
        writer.writerow([a.cbs_code, a.gemeente, "" if a.inwoners is None else str(a.inwoners),
                         bedrag_excel(a.bedrag)])
    writer.writerow([])
    writer.writerow(["", _("Totaal verdeeld"), "", bedrag_excel(v.totaal)])
    writer.writerow(["", _("Landelijk gefinancierd (niet verdeeld)"), "",
                     bedrag_excel(v.totaal_niet_verdeeld)])
    writer.writerow(["", _("Periode"), "",
                     _("{van} t/m {tot}").format(van=format_date(uitkomst.van),
                                                 tot=format_date(uitkomst.laatste_dag))])
    writer.writerow(["", _("Verdeelsleutel"), "", str(v.sleutel.soort)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
