"""Shelter placements (opvang) and what they cost per night.

Costs count per night: the first day counts, the last day does not, so a placement
15 Jan - 10 Apr 2026 is 76 nights in Q1 and 9 in Q2 and a transfer on 10 Apr is never
paid twice. Rates change over time; a placement keeps the rates in force for it, each
with its valid-from date, so old reports stay reproducible after a rate change.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from itertools import pairwise

from zorgapp.domain.errors import N_, DomainError
from zorgapp.domain.geld import centen_exact
from zorgapp.domain.plaatsing_datums import controleer_datums
from zorgapp.domain.regio import normaliseer_cbs_code


class OpvangType(StrEnum):
    """The kinds of shelter of DOMAIN.md section 3."""

    COSM = "COSM"
    OMM = "OMM"
    VO = "VO"
    MO = "MO"
    JEUGD = "JEUGD"
    BO_AMV = "BO_AMV"
    CRISIS = "CRISIS"
    AMBULANT = "AMBULANT"

    @property
    def residentieel(self) -> bool:
        """Whether the client sleeps there: only residential placements may not overlap."""
        return self is not OpvangType.AMBULANT


OPVANG_LABELS: dict[OpvangType, str] = {
    OpvangType.COSM: N_("Categorale Opvang Slachtoffers Mensenhandel (COSM)"),
    OpvangType.OMM: N_("Opvang Mensenhandel met Multiproblematiek (OMM)"),
    OpvangType.VO: N_("Vrouwenopvang"),
    OpvangType.MO: N_("Maatschappelijke opvang / mannenopvang"),
    OpvangType.JEUGD: N_("Jeugdhulp met verblijf / beschermde opvang"),
    OpvangType.BO_AMV: N_("Beschermde opvang alleenstaande minderjarige vreemdelingen (BO AMV)"),
    OpvangType.CRISIS: N_("Crisisplek / noodbed"),
    OpvangType.AMBULANT: N_("Ambulant (geen verblijf)"),
}

LANDELIJK_GEFINANCIERD: frozenset[OpvangType] = frozenset(
    {OpvangType.COSM, OpvangType.OMM, OpvangType.BO_AMV}
)


class PlaatsingStatus(StrEnum):
    AANGEVRAAGD = "aangevraagd"
    GEPLAATST = "geplaatst"
    BEEINDIGD = "beeindigd"


PLAATSING_STATUS_LABELS: dict[PlaatsingStatus, str] = {
    PlaatsingStatus.AANGEVRAAGD: N_("Aangevraagd"),
    PlaatsingStatus.GEPLAATST: N_("Geplaatst"),
    PlaatsingStatus.BEEINDIGD: N_("Beëindigd"),
}

# Allowed moves. A request that never led to a stay may be ended directly (rejected or
# withdrawn); a placement never goes back to "requested".
_OVERGANGEN: dict[PlaatsingStatus, frozenset[PlaatsingStatus]] = {
    PlaatsingStatus.AANGEVRAAGD: frozenset(
        {PlaatsingStatus.GEPLAATST, PlaatsingStatus.BEEINDIGD}
    ),
    PlaatsingStatus.GEPLAATST: frozenset({PlaatsingStatus.BEEINDIGD}),
    PlaatsingStatus.BEEINDIGD: frozenset(),
}


class Financier(StrEnum):
    """Who pays: a municipality, or one of the national schemes (never allocated)."""

    GEMEENTE = "gemeente"
    COSM = "cosm"
    OMM = "omm"
    BEDENKTIJD_TOELAGE = "bedenktijd_toelage"
    BO_AMV = "bo_amv"

    @property
    def landelijk(self) -> bool:
        return self is not Financier.GEMEENTE


FINANCIER_LABELS: dict[Financier, str] = {
    Financier.GEMEENTE: N_("Gemeente"),
    Financier.COSM: N_("Landelijk (COSM)"),
    Financier.OMM: N_("Landelijk (OMM)"),
    Financier.BEDENKTIJD_TOELAGE: N_("Bedenktijdtoelage (COA)"),
    Financier.BO_AMV: N_("Landelijk (BO AMV, via COA)"),
}


@dataclass(frozen=True)
class Tarief:
    """A daily rate and the first day it applies (it applies until the next rate)."""

    dagtarief: Decimal
    geldig_vanaf: date

    def __post_init__(self) -> None:
        bedrag = centen_exact(self.dagtarief, veld="Dagtarief")
        if bedrag < 0:
            raise DomainError(
                N_("Dagtarief {bedrag} mag niet negatief zijn."), bedrag=str(bedrag)
            )
        object.__setattr__(self, "dagtarief", bedrag)


def sorteer_tarieven(tarieven: Iterable[Tarief]) -> list[Tarief]:
    """Rates by valid-from date; two rates from the same day would make a night ambiguous."""
    gesorteerd = sorted(tarieven, key=lambda t: t.geldig_vanaf)
    for vorige, volgende in pairwise(gesorteerd):
        if vorige.geldig_vanaf == volgende.geldig_vanaf:
            raise DomainError(
                N_("Er zijn twee dagtarieven die op {datum} ingaan; houd er één."),
                datum=volgende.geldig_vanaf,
            )
    return gesorteerd


def tarief_op(tarieven: Iterable[Tarief], dag: date) -> Tarief | None:
    """The rate in force on ``dag``: the latest one that started on or before it."""
    geldig = [t for t in tarieven if t.geldig_vanaf <= dag]
    return max(geldig, key=lambda t: t.geldig_vanaf) if geldig else None


@dataclass(frozen=True)
class Locatie:
    """A shelter location. The address is secret unless stated otherwise (safer default)."""

    uuid: str
    organisatie: str
    naam: str
    type: OpvangType
    contact: str = ""
    capaciteit: int | None = None
    adres_geheim: bool = True
    adres: str = ""
    tarieven: list[Tarief] = field(default_factory=list)

    def __post_init__(self) -> None:
        object.__setattr__(self, "type", OpvangType(self.type))
        object.__setattr__(self, "tarieven", sorteer_tarieven(self.tarieven))
        if self.capaciteit is not None and self.capaciteit < 0:
            raise DomainError(N_("Capaciteit mag niet negatief zijn."))

    def tarief_op(self, dag: date) -> Tarief | None:
        return tarief_op(self.tarieven, dag)


@dataclass(frozen=True)
class Plaatsing:
    """One stay (or outpatient trajectory) of one dossier; ``tot`` is exclusive.

    Immutable: a status change is a new object from :meth:`plaats` or :meth:`beeindig`,
    so services can write the old and new state to the audit trail.
    """

    uuid: str
    dossier_uuid: str
    locatie_uuid: str | None
    type: OpvangType
    status: PlaatsingStatus = PlaatsingStatus.AANGEVRAAGD
    aangevraagd_op: date | None = None
    van: date | None = None
    tot: date | None = None
    einde_reden: str | None = None
    financier: Financier | None = None
    gemeente_code: str | None = None
    evaluatiedatum: date | None = None
    verwachte_einddatum: date | None = None
    tarieven: list[Tarief] = field(default_factory=list)

    def __post_init__(self) -> None:
        object.__setattr__(self, "type", OpvangType(self.type))
        object.__setattr__(self, "status", PlaatsingStatus(self.status))
        if self.financier is None:
            standaard = {
                OpvangType.COSM: Financier.COSM,
                OpvangType.OMM: Financier.OMM,
                OpvangType.BO_AMV: Financier.BO_AMV,
            }.get(self.type, Financier.GEMEENTE)
            object.__setattr__(self, "financier", standaard)
        else:
            object.__setattr__(self, "financier", Financier(self.financier))
        object.__setattr__(self, "tarieven", sorteer_tarieven(self.tarieven))
        if self.gemeente_code is not None:
            object.__setattr__(
                self, "gemeente_code", normaliseer_cbs_code(self.gemeente_code)
            )
        self._controleer()

    def _controleer(self) -> None:
        ingetrokken = self.status is PlaatsingStatus.BEEINDIGD and self.van is None
        controleer_datums(  # a withdrawn request has no stay left to date
            aangevraagd_op=None if ingetrokken else self.aangevraagd_op,
            van=self.van, tot=self.tot,
            evaluatiedatum=self.evaluatiedatum,
            verwachte_einddatum=self.verwachte_einddatum,
        )
        if self.status is PlaatsingStatus.AANGEVRAAGD:
            if self.tot is not None or self.einde_reden:
                raise DomainError(
                    N_("Een aangevraagde plaatsing heeft nog geen einde.")
                )
        elif self.status is PlaatsingStatus.GEPLAATST:
            if self.van is None:
                raise DomainError(N_("Een plaatsing heeft een begindatum nodig."))
            if self.einde_reden:
                raise DomainError(
                    N_("Een lopende plaatsing heeft nog geen reden van beëindiging.")
                )
        else:
            if not (self.einde_reden or "").strip():
                raise DomainError(
                    N_("Geef een reden voor het beëindigen van de plaatsing.")
                )
            if self.van is not None and self.tot is None:
                raise DomainError(
                    N_("Een beëindigde plaatsing heeft een einddatum nodig.")
                )
            if self.van is None and self.tot is not None:
                raise DomainError(N_("Een plaatsing heeft een begindatum nodig."))

    @property
    def landelijk(self) -> bool:
        """Nationally funded: shown in reports but never allocated to municipalities."""
        assert self.financier is not None
        return self.type in LANDELIJK_GEFINANCIERD or self.financier.landelijk

    @property
    def telt(self) -> bool:
        """Whether nights count: a request, or a request ended without a stay, costs nothing."""
        return self.status is not PlaatsingStatus.AANGEVRAAGD and self.van is not None

    def tarief_op(self, dag: date) -> Tarief | None:
        return tarief_op(self.tarieven, dag)

    def naar_status(
        self,
        status: PlaatsingStatus,
        *,
        van: date | None = None,
        tot: date | None = None,
        reden: str | None = None,
    ) -> Plaatsing:
        """The placement in its next status, refusing moves the field does not know."""
        status = PlaatsingStatus(status)
        if status not in _OVERGANGEN[self.status]:
            raise DomainError(
                N_("Een plaatsing kan niet van '{van_status}' naar '{naar_status}'."),
                van_status=str(self.status),
                naar_status=str(status),
            )
        if status is PlaatsingStatus.GEPLAATST:
            begin = van if van is not None else self.van
            if begin is None:
                raise DomainError(N_("Een plaatsing heeft een begindatum nodig."))
            return dataclasses.replace(self, status=status, van=begin)
        # BEEINDIGD
        if self.status is PlaatsingStatus.AANGEVRAAGD:
            # Never stayed: no dates, so no nights and no costs.
            return dataclasses.replace(
                self, status=status, van=None, tot=None, einde_reden=reden
            )
        if tot is None:
            raise DomainError(N_("Een beëindigde plaatsing heeft een einddatum nodig."))
        return dataclasses.replace(self, status=status, tot=tot, einde_reden=reden)

    def plaats(self, van: date | None = None) -> Plaatsing:
        return self.naar_status(PlaatsingStatus.GEPLAATST, van=van)

    def beeindig(self, tot: date | None, reden: str) -> Plaatsing:
        return self.naar_status(PlaatsingStatus.BEEINDIGD, tot=tot, reden=reden)


@dataclass(frozen=True)
class Kostenregel:
    """Nights of one placement at one rate inside a period: the unit of every cost report."""

    dossier_uuid: str
    plaatsing_uuid: str
    van: date
    tot: date  # exclusive
    nachten: int
    dagtarief: Decimal
    bedrag: Decimal
    landelijk: bool
    type: OpvangType | None = None


def _begrensd(
    plaatsing: Plaatsing, periode_van: date, periode_tot: date, peildatum: date | None
) -> tuple[date, date] | None:
    """The nights of the placement inside [periode_van, periode_tot) as a half-open range."""
    if periode_tot < periode_van:
        raise DomainError(
            N_("De einddatum {tot} ligt vóór de begindatum {van}."),
            van=periode_van,
            tot=periode_tot,
        )
    if not plaatsing.telt:
        return None
    assert plaatsing.van is not None
    eind = plaatsing.tot
    if eind is None and peildatum is not None:
        eind = peildatum  # a running stay has no nights after today yet
    begin = max(plaatsing.van, periode_van)
    einde = periode_tot if eind is None else min(eind, periode_tot)
    if einde <= begin:
        return None
    return begin, einde


def nachten(
    plaatsing: Plaatsing, van: date, tot: date, *, peildatum: date | None = None
) -> int:
    """Nights of ``plaatsing`` in the period ``[van, tot)``: first day counts, last does not.

    A running placement (no end date) counts up to the end of the period, or up to
    ``peildatum`` when given, so a report made mid-quarter does not bill future nights.
    """
    bereik = _begrensd(plaatsing, van, tot, peildatum)
    return 0 if bereik is None else (bereik[1] - bereik[0]).days


def kosten_plaatsing(
    plaatsing: Plaatsing,
    periode_van: date,
    periode_tot: date,
    *,
    peildatum: date | None = None,
) -> list[Kostenregel]:
    """Cost lines of one placement in a period, split where the daily rate changes.

    A residential night without a known rate is an error, not a zero: a silent zero
    would undercharge and nobody would notice. Outpatient support without rates costs
    nothing here (its costs are cost posts).
    """
    bereik = _begrensd(plaatsing, periode_van, periode_tot, peildatum)
    if bereik is None:
        return []
    begin, einde = bereik
    tarieven = plaatsing.tarieven
    if not tarieven and plaatsing.type is OpvangType.AMBULANT:
        return []
    if not tarieven or tarieven[0].geldig_vanaf > begin:
        raise DomainError(
            N_(
                "Voor deze plaatsing is op {datum} geen dagtarief bekend; vul het tarief aan."
            ),
            datum=begin,
        )
    regels: list[Kostenregel] = []
    for index, tarief in enumerate(tarieven):
        volgende = (
            tarieven[index + 1].geldig_vanaf if index + 1 < len(tarieven) else None
        )
        stuk_van = max(begin, tarief.geldig_vanaf)
        stuk_tot = einde if volgende is None else min(einde, volgende)
        if stuk_tot <= stuk_van:
            continue
        aantal = (stuk_tot - stuk_van).days
        regels.append(
            Kostenregel(
                dossier_uuid=plaatsing.dossier_uuid,
                plaatsing_uuid=plaatsing.uuid,
                van=stuk_van,
                tot=stuk_tot,
                nachten=aantal,
                dagtarief=tarief.dagtarief,
                bedrag=tarief.dagtarief * aantal,
                landelijk=plaatsing.landelijk,
                type=plaatsing.type,
            )
        )
    return regels


def kosten_periode(
    plaatsingen: Iterable[Plaatsing],
    periode_van: date,
    periode_tot: date,
    *,
    peildatum: date | None = None,
) -> list[Kostenregel]:
    """Cost lines of many placements in one period, in a stable order."""
    regels: list[Kostenregel] = []
    for plaatsing in plaatsingen:
        regels.extend(
            kosten_plaatsing(plaatsing, periode_van, periode_tot, peildatum=peildatum)
        )
    regels.sort(key=lambda r: (r.van, r.dossier_uuid, r.plaatsing_uuid))
    return regels


def _overlappen(a: Plaatsing, b: Plaatsing) -> bool:
    assert a.van is not None and b.van is not None
    a_tot = a.tot if a.tot is not None else date.max
    b_tot = b.tot if b.tot is not None else date.max
    return a.van < b_tot and b.van < a_tot


def controleer_overlap(
    bestaande_plaatsingen: Sequence[Plaatsing], nieuwe: Plaatsing
) -> None:
    """Refuse a residential stay that overlaps another residential stay of the same dossier.

    A client sleeps in one place a night; two overlapping stays would bill the night
    twice. Outpatient support (AMBULANT) runs alongside anything, requests do not yet
    occupy a bed, and a transfer on the end date of the previous stay is no overlap.
    """
    if not (nieuwe.type.residentieel and nieuwe.telt):
        return
    for andere in bestaande_plaatsingen:
        if andere.uuid == nieuwe.uuid or andere.dossier_uuid != nieuwe.dossier_uuid:
            continue
        if not (andere.type.residentieel and andere.telt):
            continue
        if andere.van == andere.tot or nieuwe.van == nieuwe.tot:
            continue  # an empty stay has no nights to collide
        if _overlappen(andere, nieuwe):
            if andere.tot is None:
                raise DomainError(
                    N_(
                        "Deze plaatsing overlapt met de lopende plaatsing sinds {van}. "
                        "Beëindig die eerst of kies een begindatum op of na de einddatum ervan."
                    ),
                    van=andere.van,
                )
            raise DomainError(
                N_(
                    "Deze plaatsing overlapt met de plaatsing van {van} tot {tot}. "
                    "Een cliënt kan maar op één plek tegelijk verblijven."
                ),
                van=andere.van,
                tot=andere.tot,
            )
