"""Demo shelters, placements and cost posts (DOMAIN.md §10): fictional, no addresses.

Runs inside ``fill_demo``'s transaction after the dossiers are written: every demo
dossier whose path reached ``geplaatst`` gets a placement that starts on that day and
ends on the day the path moved on (or still runs), so the Opvang and Financiën areas
agree with the path. COSM and OMM placements are nationally funded. Bulk inserts keep
100,000 dossiers fast; only dossiers whose document mentions ``geplaatst`` are parsed.
"""

from __future__ import annotations

import json
import random
import uuid as _uuid
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from zorgapp.domain.kosten import Kostenpost, KostenSoort
from zorgapp.domain.opvang import (
    Financier,
    Locatie,
    OpvangType,
    Plaatsing,
    PlaatsingStatus,
    Tarief,
)
from zorgapp.services.region_service import zet_demo_regio
from zorgapp.store.connection import Connection
from zorgapp.store.opvang import (
    KostenpostRepository,
    OpvangRepository,
    PlaatsingRepository,
)

ORGANISATIE = "Stichting Voorbeeldopvang (fictief)"
_EU = {"NL", "PL", "RO", "BG", "HU", "LT", "SK"}


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
            tarieven = [Tarief(Decimal(0), begin)]  # national: costs shown as nil here
        elif spec.tarief is not None:
            low, high = ranges.get(spec.type, spec.tarief)
            oud = Decimal(rng.randrange(low, high + 1))
            # A price rise on 1 January shows rate changes inside running placements.
            tarieven = [Tarief(oud, begin), Tarief(oud + Decimal(rng.choice([5, 7, 10])), wijziging)]
        result.append(Locatie(uuid=str(_uuid.UUID(int=rng.getrandbits(128), version=4)),
                              organisatie=ORGANISATIE, naam=spec.naam, type=spec.type,
                              contact="", capaciteit=spec.capaciteit, adres_geheim=True,
                              adres="", tarieven=tarieven))
    return result


def _stappen(doc: dict[str, Any]) -> list[tuple[str, date]]:
    """(stage, date) of the path; demo paths have no corrections."""
    events = doc.get("traject", {}).get("events", [])
    if any(e.get("corrigeert") for e in events):
        from zorgapp.domain.traject import Traject

        return [(f.value, d) for f, d, _r in Traject.from_dict(doc["traject"]).geschiedenis()]
    return [(e["fase"], date.fromisoformat(e["datum"])) for e in events
            if e.get("soort") == "fase" and e.get("fase")]


def _type(rng: random.Random, doc: dict[str, Any], stappen: list[tuple[str, date]],
          van: date) -> OpvangType:
    persoon = doc.get("persoon", {})
    geboren = persoon.get("geboortedatum")
    if geboren and (van - date.fromisoformat(geboren)).days < 18 * 365:
        return OpvangType.JEUGD
    landen = set(persoon.get("nationaliteiten") or [])
    in_bedenktijd = any(f == "bedenktijd" for f, _d in stappen)
    if in_bedenktijd and not landen & _EU and rng.random() < 0.7:
        return OpvangType.COSM
    if rng.random() < 0.08:
        return OpvangType.OMM
    return OpvangType.VO if persoon.get("geslacht") == "vrouw" else OpvangType.MO


def vul_opvang(db: Connection, vandaag: date, seed: int = 2026,
               rules: dict[str, Any] | None = None) -> tuple[int, int]:
    """Add the demo region, shelters, placements and cost posts; returns
    (placements, cost posts). Call inside the transaction that wrote the dossiers."""
    if rules is None:
        from zorgapp.services.demo import rules as demo_rules

        rules = demo_rules()
    rng = random.Random(seed + 4)
    zet_demo_regio(db)
    locaties = _locaties(rng, rules, vandaag)
    repo = OpvangRepository(db)
    for locatie in locaties:
        repo.bewaar(locatie, is_demo=True)
    per_type: dict[OpvangType, list[Locatie]] = {}
    for locatie in locaties:
        per_type.setdefault(locatie.type, []).append(locatie)
    crisis = per_type[OpvangType.CRISIS][0]

    plaatsingen: list[Plaatsing] = []
    posten: list[Kostenpost] = []
    deadlines: list[tuple[str, str, str]] = []

    def uuid4() -> str:
        return str(_uuid.UUID(int=rng.getrandbits(128), version=4))

    def tarieven_vanaf(locatie: Locatie, van: date) -> list[Tarief]:
        in_kracht = locatie.tarief_op(van)
        if in_kracht is None:
            return []
        return [Tarief(in_kracht.dagtarief, van)] + [t for t in locatie.tarieven
                                                     if t.geldig_vanaf > van]

    rows = db.execute(
        "SELECT dossier.uuid, d.data FROM dossier JOIN dossier_doc d USING (id) "
        "WHERE dossier.is_demo = 1 AND d.data LIKE '%\"geplaatst\"%' ORDER BY id").fetchall()
    for dossier_uuid, data in rows:
        doc = json.loads(data)
        stappen = _stappen(doc)
        index = next((i for i, (f, _d) in enumerate(stappen) if f == "geplaatst"), None)
        if index is None:
            continue
        van = stappen[index][1]
        einde = stappen[index + 1][1] if index + 1 < len(stappen) else None
        if einde is not None and einde <= van:
            einde = van + timedelta(days=1) if van < vandaag else None
        soort = _type(rng, doc, stappen, van)
        in_bedenktijd = any(f == "bedenktijd" for f, _d in stappen)
        kandidaten = per_type[soort]
        locatie = kandidaten[rng.randrange(len(kandidaten))]
        financier = Financier.GEMEENTE
        if soort is OpvangType.COSM:
            financier = Financier.COSM
        elif soort is OpvangType.OMM:
            financier = Financier.OMM
        begin = van
        # One in five arrives through a crisis bed for a few nights first.
        if rng.random() < 0.2 and soort not in (OpvangType.COSM, OpvangType.JEUGD):
            crisis_tot = van + timedelta(days=rng.randint(2, 5))
            if (einde is None or crisis_tot < einde) and crisis_tot <= vandaag:
                plaatsingen.append(Plaatsing(
                    uuid=uuid4(), dossier_uuid=dossier_uuid, locatie_uuid=crisis.uuid,
                    type=OpvangType.CRISIS, status=PlaatsingStatus.BEEINDIGD,
                    aangevraagd_op=van, van=van, tot=crisis_tot,
                    einde_reden="Doorgeplaatst", financier=Financier.GEMEENTE,
                    tarieven=tarieven_vanaf(crisis, van)))
                begin = crisis_tot
        lopend = einde is None
        evaluatie = begin + timedelta(days=42)
        verwacht = begin + timedelta(days=rng.randint(60, 240))
        if lopend and (verwacht <= vandaag or rng.random() < 0.35):
            # Still there: a good part expected to leave within two weeks, a few overdue.
            verwacht = vandaag + timedelta(days=rng.randint(-5, 14))
        if lopend and evaluatie <= vandaag:
            evaluatie = vandaag + timedelta(days=rng.randint(1, 42))
        plaatsingen.append(Plaatsing(
            uuid=uuid4(), dossier_uuid=dossier_uuid, locatie_uuid=locatie.uuid, type=soort,
            status=PlaatsingStatus.GEPLAATST if lopend else PlaatsingStatus.BEEINDIGD,
            aangevraagd_op=begin - timedelta(days=rng.randint(0, 3)), van=begin, tot=einde,
            einde_reden=None if lopend else "Doorgestroomd naar nazorg",
            financier=financier, gemeente_code=None,
            evaluatiedatum=evaluatie if lopend else None,
            verwachte_einddatum=verwacht if lopend else None,
            tarieven=tarieven_vanaf(locatie, begin)))
        if lopend:
            eerste = min(evaluatie, verwacht).isoformat()
            deadlines.append((eerste, eerste, dossier_uuid))
        if rng.random() < 0.35:
            laatste = min(einde or vandaag, vandaag)
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
                posten.append(Kostenpost(
                    uuid=uuid4(), dossier_uuid=dossier_uuid, soort=soort_post, landelijk=landelijk,
                    datum=begin + timedelta(days=rng.randrange(dagen)),
                    bedrag=Decimal(rng.randint(*bedrag) * 100 + rng.choice([0, 50])) / 100,
                    omschrijving="(fictief)"))
    PlaatsingRepository(db).insert_many(plaatsingen, is_demo=True)
    KostenpostRepository(db).insert_many(posten, is_demo=True)
    # The dossier list sorts on the next deadline: running placements add theirs.
    db.executemany(
        "UPDATE dossier SET deadline = CASE WHEN deadline IS NULL OR deadline > ? "
        "THEN ? ELSE deadline END WHERE uuid = ?", deadlines)
    return len(plaatsingen), len(posten)
