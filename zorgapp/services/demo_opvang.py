"""Demo shelters, placements and cost posts (DOMAIN.md §10): fictional, no addresses.

Every demo dossier whose path reached ``geplaatst`` gets a placement that starts on that
day and ends on the day the path moved on (or still runs), so the Opvang and Financiën
areas agree with the path. COSM and OMM placements are nationally funded. ``fill_demo``
hands each dossier over as it is made (``DemoOpvang.dossier``: a running placement's
deadline goes into the dossier's row before it is written) and stores everything in
its transaction after the dossiers (``DemoOpvang.bewaar``), with bulk inserts.
"""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from typing import Any

from zorgapp.domain.betaler import betaler
from zorgapp.domain.codes import Geslacht, uuid4_tekst
from zorgapp.domain.kosten import Kostenpost, KostenSoort
from zorgapp.domain.opvang import (
    Financier,
    Locatie,
    OpvangType,
    Plaatsing,
    PlaatsingStatus,
    Tarief,
)
from zorgapp.domain.persoon import Persoon
from zorgapp.domain.plaatsing_regels import EER_LANDEN
from zorgapp.domain.traject import EventSoort, Traject
from zorgapp.services.demo_bezetting import Bezetting
from zorgapp.services.region_service import zet_demo_regio
from zorgapp.store.connection import Connection
from zorgapp.store.opvang import (
    KostenpostRepository,
    OpvangRepository,
    PlaatsingRepository,
)

ORGANISATIE = "Stichting Voorbeeldopvang (fictief)"
#: Daily rates of the nationally paid places in the demo: fictitious, in the range of
#: the other shelters (demo_data_rules.json lists COSM and OMM as "not allocated").
NATIONAL_DEMO_RATES: dict[OpvangType, Decimal] = {OpvangType.COSM: Decimal(185),
                                                   OpvangType.OMM: Decimal(215)}


@dataclass(frozen=True)
class _DemoLocatie:
    naam: str
    type: OpvangType
    capaciteit: int
    tarief: tuple[int, int] | None  # range of the fictitious daily rate, None = none


_LOCATIES = (
    _DemoLocatie("Opvanglocatie Noord (fictief)", OpvangType.VO, 12, (150, 220)),
    _DemoLocatie("Opvanglocatie Zuid (fictief)", OpvangType.VO, 8, (150, 220)),
    _DemoLocatie("Mannenopvang West (fictief)", OpvangType.MO, 10, (80, 140)),
    _DemoLocatie("Crisisplek Oost (fictief)", OpvangType.CRISIS, 3, (200, 300)),
    _DemoLocatie("COSM-plek (fictief)", OpvangType.COSM, 6, None),
    _DemoLocatie("OMM-plek (fictief)", OpvangType.OMM, 4, None),
    _DemoLocatie("Jeugdlocatie De Haven (fictief)", OpvangType.JEUGD, 5, (180, 260)),
    _DemoLocatie("Ambulant team Midden (fictief)", OpvangType.AMBULANT, 30, None),
)


def _rules_range(rules: dict[str, Any], key: str, fallback: tuple[int, int]) -> tuple[int, int]:
    value = rules.get("costs_fictitious_eur_per_day", {}).get(key)
    if isinstance(value, list) and len(value) == 2:
        return int(value[0]), int(value[1])
    return fallback


def _locaties(rng: random.Random, rules: dict[str, Any], vandaag: date) -> list[Locatie]:
    ranges = {
        OpvangType.VO: _rules_range(rules, "vrouwenopvang", (150, 220)),
        OpvangType.MO: _rules_range(rules, "maatschappelijke_opvang", (80, 140)),
        OpvangType.CRISIS: _rules_range(rules, "crisisplek", (200, 300)),
    }
    begin = date(vandaag.year - 4, 1, 1)
    wijziging = date(vandaag.year, 1, 1)
    result = []
    for spec in _LOCATIES:
        tarieven: list[Tarief] = []
        if spec.type in (OpvangType.COSM, OpvangType.OMM):
            # Paid nationally, never allocated to municipalities (DOMAIN §6), but not free:
            # a nil rate made these placements look as if they cost nothing. Fixed,
            # FICTITIOUS rates (no draw from the generator, so the rest of the demo stays).
            dag = NATIONAL_DEMO_RATES[spec.type]
            tarieven = [Tarief(dag, begin), Tarief(dag + Decimal(5), wijziging)]
        elif spec.tarief is not None:
            low, high = ranges.get(spec.type, spec.tarief)
            oud = Decimal(rng.randrange(low, high + 1))
            # A price rise on 1 January shows rate changes inside running placements.
            tarieven = [Tarief(oud, begin), Tarief(oud + Decimal(rng.choice([5, 7, 10])), wijziging)]
        result.append(Locatie(uuid=uuid4_tekst(rng.getrandbits(128)),
                              organisatie=ORGANISATIE, naam=spec.naam, type=spec.type,
                              contact="", capaciteit=spec.capaciteit, adres_geheim=True,
                              adres="", tarieven=tarieven))
    return result


def stappen_van(traject: Traject) -> list[tuple[str, date]]:
    """(stage, date) of the path; demo paths have no corrections."""
    events = traject.events
    if any(e.corrigeert for e in events):
        return [(f.value, d) for f, d, _r in traject.geschiedenis()]
    return [(e.fase.value, e.datum) for e in events
            if e.soort is EventSoort.FASE and e.fase is not None]


def _type(rng: random.Random, persoon: Persoon, stappen: list[tuple[str, date]],
          van: date) -> OpvangType:
    leeftijd = persoon.leeftijd_op(van)
    landen = set(persoon.nationaliteiten or [])
    if leeftijd is not None and leeftijd < 18:
        # A third-country minor without parents here goes to BO AMV (Nidos, paid
        # nationally); a Dutch or EU child to youth care, paid by its Jeugdwet municipality.
        return OpvangType.BO_AMV if landen and not landen & EER_LANDEN else OpvangType.JEUGD
    in_bedenktijd = any(f == "bedenktijd" for f, _d in stappen)
    # COSM only for adult third-country nationals (DOMAIN.md §3), as the service checks.
    if (in_bedenktijd and not landen & EER_LANDEN and leeftijd is not None
            and rng.random() < 0.7):
        return OpvangType.COSM
    if rng.random() < 0.08:
        return OpvangType.OMM
    return OpvangType.VO if persoon.geslacht is Geslacht.VROUW else OpvangType.MO


def _tarieven_vanaf(locatie: Locatie, van: date) -> list[Tarief]:
    """The location's rates from ``van`` on: the one in force then, and later changes."""
    in_kracht = locatie.tarief_op(van)
    if in_kracht is None:
        return []
    return [_tarief(in_kracht.dagtarief, van)] + [t for t in locatie.tarieven
                                                  if t.geldig_vanaf > van]


@cache
def _tarief(dagtarief: Decimal, van: date) -> Tarief:
    """A rate (immutable, so shared): a demo has a few rates and about a thousand days."""
    return Tarief(dagtarief, van)


@cache
def _financier(soort: OpvangType) -> Financier:
    """The payer of the type (``domain.betaler``): national for COSM, OMM, BO AMV."""
    wie = betaler(soort, None, None, None)
    return wie.financier if wie.financier is not None else Financier.GEMEENTE


def _bo_amv_locatie(vandaag: date) -> Locatie:
    """The BO AMV shelter, drawn from a stream of its own so that adding it left every
    other demo draw (and so the rest of the demo data) as it was."""
    rng = random.Random(2026_0412)
    begin = date(vandaag.year - 4, 1, 1)
    return Locatie(uuid=uuid4_tekst(rng.getrandbits(128)),
                   organisatie=ORGANISATIE, naam="Beschermde opvang AMV (fictief)",
                   type=OpvangType.BO_AMV, contact="", capaciteit=8, adres_geheim=True,
                   adres="", tarieven=[Tarief(Decimal(rng.randrange(200, 261)), begin)])


class DemoOpvang:
    """Placements and cost posts for the demo dossiers, drawn from one seeded stream
    (the shelters first, then each dossier in the order they are made).

    The order of the draws is the demo data: change it and every demo vault differs.
    """

    def __init__(self, vandaag: date, seed: int = 2026,
                 rules: dict[str, Any] | None = None) -> None:
        if rules is None:
            from zorgapp.services.demo import rules as demo_rules

            rules = demo_rules()
        self.rng = rng = random.Random(seed + 4)
        self.vandaag = vandaag
        self.locaties = locaties = [*_locaties(rng, rules, vandaag), _bo_amv_locatie(vandaag)]
        self.per_type: dict[OpvangType, list[Locatie]] = {}
        for locatie in locaties:
            self.per_type.setdefault(locatie.type, []).append(locatie)
        self.crisis = self.per_type[OpvangType.CRISIS][0]
        self.plaatsingen: list[Plaatsing] = []
        self.posten: list[Kostenpost] = []
        # per location its stays and what its capacity rules out (``demo_bezetting``);
        # per type the same objects in the order of ``per_type``
        self._bezetting = {locatie.uuid: Bezetting(locatie.capaciteit) for locatie in locaties}
        self._bezetting_per_type = {soort: [self._bezetting[locatie.uuid] for locatie in lijst]
                                    for soort, lijst in self.per_type.items()}

    def _voeg_toe(self, plaatsing: Plaatsing) -> None:
        self.plaatsingen.append(plaatsing)
        if plaatsing.locatie_uuid and plaatsing.van is not None:
            bezetting = self._bezetting.get(plaatsing.locatie_uuid)
            if bezetting is None:
                bezetting = self._bezetting[plaatsing.locatie_uuid] = Bezetting(None)
            bezetting.erbij(plaatsing.van, plaatsing.tot)

    def uuid4(self) -> str:
        return uuid4_tekst(self.rng.getrandbits(128))

    def dossier(self, dossier_uuid: str, persoon: Persoon, traject: Traject) -> date | None:
        """A placement from the day the path reached ``geplaatst``, and perhaps costs;
        returns the placement's first deadline while it runs (evaluation, expected end)."""
        return self.plaats(dossier_uuid, persoon, stappen_van(traject))

    def plaats(self, dossier_uuid: str, persoon: Persoon,
               stappen: list[tuple[str, date]]) -> date | None:
        """``dossier`` for a path given as its stages (``stappen_van``): what a worker
        that made the dossier hands over (``demo_parallel``)."""
        index = next((i for i, (f, _d) in enumerate(stappen) if f == "geplaatst"), None)
        if index is None:
            return None
        van = stappen[index][1]
        einde = stappen[index + 1][1] if index + 1 < len(stappen) else None
        if einde is not None and einde <= van:
            einde = van + timedelta(days=1) if van < self.vandaag else None
        soort = _type(self.rng, persoon, stappen, van)
        in_bedenktijd = any(f == "bedenktijd" for f, _d in stappen)
        kandidaten = self.per_type[soort]
        locatie = kandidaten[self.rng.randrange(len(kandidaten))]
        begin = self._crisisbed(dossier_uuid, soort, van, einde)
        locatie = self._met_plek(locatie, begin, einde)
        deadline = self._plaatsing(dossier_uuid, soort, locatie, begin, einde)
        if self.rng.random() < 0.35:
            self._kostenposten(dossier_uuid, begin, einde, in_bedenktijd)
        return deadline

    def _crisisbed(self, dossier_uuid: str, soort: OpvangType, van: date,
                   einde: date | None) -> date:
        """One in five arrives through a crisis bed for a few nights first; returns
        the day the real placement begins."""
        if self.rng.random() < 0.2 and soort not in (OpvangType.COSM, OpvangType.JEUGD,
                                                      OpvangType.BO_AMV):
            crisis_tot = van + timedelta(days=self.rng.randint(2, 5))
            if ((einde is None or crisis_tot < einde) and crisis_tot <= self.vandaag
                    and self._vrij(self.crisis, van, crisis_tot)):
                self._voeg_toe(Plaatsing(
                    uuid=self.uuid4(), dossier_uuid=dossier_uuid,
                    locatie_uuid=self.crisis.uuid,
                    type=OpvangType.CRISIS, status=PlaatsingStatus.BEEINDIGD,
                    aangevraagd_op=van, van=van, tot=crisis_tot,
                    einde_reden="Doorgeplaatst", financier=Financier.GEMEENTE,
                    tarieven=_tarieven_vanaf(self.crisis, van)))
                return crisis_tot
        return van

    def _vrij(self, locatie: Locatie, van: date, tot: date | None) -> bool:
        """Whether the location has a free place on every night of ``[van, tot)``."""
        return self._bezetting[locatie.uuid].vrij(van, tot or date.max)

    def _met_plek(self, voorkeur: Locatie, van: date, tot: date | None) -> Locatie:
        """The preferred location when it has room, else another of its type, else a
        new fictional one: the demo never fills a location beyond its capacity."""
        eind = tot or date.max
        if self._bezetting[voorkeur.uuid].vrij(van, eind):
            return voorkeur
        soortgenoten = self.per_type[voorkeur.type]
        bezettingen = self._bezetting_per_type[voorkeur.type]
        for locatie, bezetting in zip(soortgenoten, bezettingen, strict=True):
            # what ``vrij`` checks first, without a call: hundreds of full locations
            vol, gezien = bezetting.vol_vanaf, bezetting.vol_op
            if ((vol is None or vol >= eind) and (gezien is None or not van <= gezien < eind)
                    and bezetting.vrij(van, eind)):
                return locatie
        naam = soortgenoten[0].naam.replace(" (fictief)", "")
        extra = dataclasses.replace(
            soortgenoten[0], uuid=self.uuid4(),
            naam=f"{naam} {len(soortgenoten) + 1} (fictief)")
        self.locaties.append(extra)
        self._bezetting[extra.uuid] = bezetting = Bezetting(extra.capaciteit)
        soortgenoten.append(extra)
        bezettingen.append(bezetting)
        return extra

    def _plaatsing(self, dossier_uuid: str, soort: OpvangType, locatie: Locatie,
                   begin: date, einde: date | None) -> date | None:
        """The placement itself; a running one gets evaluation and expected end dates."""
        rng, vandaag = self.rng, self.vandaag
        lopend = einde is None
        evaluatie = begin + timedelta(days=42)
        verwacht = begin + timedelta(days=rng.randint(60, 240))
        if lopend and (verwacht <= vandaag or rng.random() < 0.35):
            # Still there: a good part expected to leave within two weeks, a few overdue.
            verwacht = max(begin, vandaag + timedelta(days=rng.randint(-5, 14)))
        if lopend and evaluatie <= vandaag:
            evaluatie = vandaag + timedelta(days=rng.randint(1, 42))
        self._voeg_toe(Plaatsing(
            uuid=self.uuid4(), dossier_uuid=dossier_uuid, locatie_uuid=locatie.uuid,
            type=soort,
            status=PlaatsingStatus.GEPLAATST if lopend else PlaatsingStatus.BEEINDIGD,
            aangevraagd_op=begin - timedelta(days=rng.randint(0, 3)), van=begin, tot=einde,
            einde_reden=None if lopend else "Doorgestroomd naar nazorg",
            financier=_financier(soort), gemeente_code=None,
            evaluatiedatum=evaluatie if lopend else None,
            verwachte_einddatum=verwacht if lopend else None,
            tarieven=_tarieven_vanaf(locatie, begin)))
        return min(evaluatie, verwacht) if lopend else None

    def _kostenposten(self, dossier_uuid: str, begin: date, einde: date | None,
                      in_bedenktijd: bool) -> None:
        """One to three extra costs (interpreter, travel, living money, medical)."""
        rng = self.rng
        laatste = min(einde or self.vandaag, self.vandaag)
        dagen = max((laatste - begin).days, 1)
        for _ in range(rng.randint(1, 3)):
            soort_post = rng.choice([KostenSoort.TOLK, KostenSoort.TOLK,
                                     KostenSoort.REISKOSTEN, KostenSoort.LEEFGELD,
                                     KostenSoort.LEEFGELD, KostenSoort.MEDISCH])
            bedrag = {KostenSoort.TOLK: (60, 240), KostenSoort.REISKOSTEN: (10, 90),
                      KostenSoort.LEEFGELD: (50, 250),
                      KostenSoort.MEDISCH: (40, 400)}[soort_post]
            # Living money during bedenktijd is the national allowance (COA).
            landelijk = soort_post is KostenSoort.LEEFGELD and in_bedenktijd
            self.posten.append(Kostenpost(
                uuid=self.uuid4(), dossier_uuid=dossier_uuid, soort=soort_post,
                landelijk=landelijk,
                datum=begin + timedelta(days=rng.randrange(dagen)),
                bedrag=Decimal(rng.randint(*bedrag) * 100 + rng.choice([0, 50])) / 100,
                omschrijving="(fictief)"))


    def bewaar(self, db: Connection) -> tuple[int, int]:
        """Write the demo region, the shelters, the placements and the cost posts, inside
        the transaction that wrote the dossiers; returns (placements, cost posts)."""
        zet_demo_regio(db)
        repo = OpvangRepository(db)
        for locatie in self.locaties:
            repo.bewaar(locatie, is_demo=True)
        PlaatsingRepository(db).insert_many(self.plaatsingen, is_demo=True)
        KostenpostRepository(db).insert_many(self.posten, is_demo=True)
        return len(self.plaatsingen), len(self.posten)
