"""Demo vaults with fictional cases (DOMAIN.md §10): no real people, ever.

Names come from pools of very common names per nationality, with their diacritics
(they test search folding and PDF fonts); no BSNs, no addresses. Forms, gender,
nationality, age and melders follow ``resources/data/demo_data_rules.json`` so that the
year figures look like the public ones. Generation is seeded and fast enough for
100,000 cases (benchmarks).
"""

from __future__ import annotations

import csv
import gc
import json
import random
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate
from pathlib import Path
from typing import Any

from zorgapp.domain.aanmelding import voorstel as aanmelding_voorstel
from zorgapp.domain.codes import (
    Fase,
    Geslacht,
    Indicator,
    MelderType,
    Sluitreden,
    ToestemmingDoel,
    Uitbuitingsvorm,
)
from zorgapp.domain.deadlines import Deadline, deadlines_voor
from zorgapp.domain.dossier import (
    Dossier,
    IndicatorWaarneming,
    JournaalRegel,
    Melding,
    Taak,
    Toestemming,
    maak_dossiernummer,
)
from zorgapp.domain.opvangbehoeften import (
    Kind,
    Opvangbehoeften,
    Veiligheid,
    Zorgbehoeften,
)
from zorgapp.domain.persoon import ZELF_TOESTEMMING_VANAF, Persoon
from zorgapp.domain.traject import EventSoort, Traject, TrajectEvent
from zorgapp.domain.verblijf import EU_LANDEN
from zorgapp.paths import resource
from zorgapp.services import demo_names
from zorgapp.services.demo_verblijf import voeg_verblijf_toe
from zorgapp.store.dossiers import DossierRepository
from zorgapp.store.vault import Vault

AUTEUR = "demo"

_FORM = {
    "SEKSUELE_UITBUITING": Uitbuitingsvorm.SEKSUEEL,
    "ARBEIDSUITBUITING_OVERIG": Uitbuitingsvorm.ARBEID,
    "CRIMINELE_UITBUITING": Uitbuitingsvorm.CRIMINEEL,
    "GEDWONGEN_BEDELARIJ": Uitbuitingsvorm.BEDELARIJ,
    "ORGAANVERWIJDERING": Uitbuitingsvorm.ORGAAN,
    "ONBEKEND_OF_MEERDERE": Uitbuitingsvorm.ONBEKEND,
}
_MELDER = {
    "Nationale Politie": MelderType.POLITIE,
    "zorgcoordinatie": MelderType.ZORGCOORDINATIE,
    "FairWork": MelderType.FAIRWORK,
    "Nederlandse Arbeidsinspectie": MelderType.ARBEIDSINSPECTIE,
    "KMar": MelderType.KMAR,
}
_OTHER_MELDERS = [MelderType.VEILIG_THUIS, MelderType.GGD, MelderType.WIJKTEAM,
                  MelderType.ADVOCATUUR, MelderType.OPVANG, MelderType.BURGER,
                  MelderType.SLACHTOFFER]
#: No bedenktijd for Dutch or EU citizens (DOMAIN §2).
_EU = EU_LANDEN
#: The demo vault's letterhead (kept in the vault like any other; fictitious contacts).
DEMO_LETTERHEAD = {
    "letter_organisation": "Zorgcoördinatie Mensenhandel Hollands Midden (DEMO)",
    "letter_address": "Postbus 0000\n2300 AA Leiden (fictief)",
    "letter_phone": "071 000 00 00 (fictief)",
    "letter_contact": "zorgcoordinatie@voorbeeld.invalid",
    "letter_place": "Leiden",
    "letter_migrated": "1",
}
_OTHER_NATIONALITIES = ["MA", "TR", "SY", "AF", "CN", "TH", "PH", "LT", "SK", "BR"]
_AGE = {"<18": (14, 17), "18-22": (18, 22), "23-29": (23, 29), "30-39": (30, 39),
        "40-49": (40, 49), "50+": (50, 64)}
#: Drawn from for every case (an enum's members are listed anew at every ``list``).
_INDICATOREN = list(Indicator)
_VINDPLAATS = ["woning", "hotel", "bedrijfspand", "kas", "nagelstudio", "station",
               "vakantiepark", "straat"]


@dataclass(frozen=True)
class DemoResult:
    path: Path
    passphrase: str
    recovery_key: str


def rules() -> dict[str, Any]:
    return dict(json.loads(resource("data", "demo_data_rules.json").read_text(encoding="utf-8")))


def hollands_midden() -> list[tuple[str, str, int]]:
    """(cbs_code, naam, demo inhabitants) of the demo region."""
    with resource("data", "hollands_midden_demo.csv").open(encoding="utf-8") as fh:
        return [(r["gm_code"], r["gemeentenaam"], int(r["inwoners_demo"]))
                for r in csv.DictReader(fh)]


_CUM: dict[int, tuple[dict[str, float], list[str], list[float]]] = {}


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    """A weighted draw; the cumulative weights are made once per table (the same draw
    ``rng.choices(keys, weights=...)`` makes, without rebuilding them every time)."""
    cached = _CUM.get(id(weights))
    if cached is None or cached[0] is not weights:
        keys = [k for k in weights if not k.startswith("_")]
        cached = _CUM[id(weights)] = (weights, keys, list(accumulate(
            float(weights[k]) for k in keys)))
    return rng.choices(cached[1], cum_weights=cached[2])[0]


def _fase(fase: Fase, datum: date, reden: str, sluitreden: Sluitreden | None = None
          ) -> TrajectEvent:
    """A stage event as ``Traject.overgang`` records it; the whole path is checked once,
    when the ``Traject`` is made of its events (``overgang`` checks it at every step)."""
    return TrajectEvent(soort=EventSoort.FASE, fase=fase, datum=datum, reden=reden,
                        auteur=AUTEUR, vastgelegd_op=datetime.now(UTC),
                        sluitreden=sluitreden)


class DemoGenerator:
    """Makes fictional dossiers, deterministic for a given seed."""

    def __init__(self, seed: int = 2026, vandaag: date | None = None, prefix: str = "HM") -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.rules = rules()
        self.vandaag = vandaag or date.today()
        self.prefix = prefix
        self.gemeenten = hollands_midden()
        self._binding = ([g[0] for g in self.gemeenten],
                         list(accumulate(g[2] for g in self.gemeenten)))

    def dossiers(self, n: int) -> Iterator[Dossier]:
        for melddatum, volgnummer in self.meldingen(n):
            yield self.dossier(melddatum, volgnummer)

    def meldingen(self, n: int) -> list[tuple[date, int]]:
        """(date of the signal, number in its year) of ``n`` cases, oldest first."""
        per_year: dict[int, int] = {}
        start = self.vandaag - timedelta(days=3 * 365)
        dates = sorted(start + timedelta(days=self.rng.randrange(0, 3 * 365 + 1)) for _ in range(n))
        result = []
        for melddatum in dates:
            per_year[melddatum.year] = per_year.get(melddatum.year, 0) + 1
            result.append((melddatum, per_year[melddatum.year]))
        return result

    def dossier(self, melddatum: date, volgnummer: int) -> Dossier:
        rng = self.rng
        form_key = _pick(rng, self.rules["exploitation_form"])
        vorm = _FORM[form_key]
        female = rng.random() < float(self.rules["female_share_given_form"][form_key])
        geslacht = Geslacht.VROUW if female else Geslacht.MAN
        if rng.random() < 0.003:
            geslacht = Geslacht.ONBEKEND
        land = self._nationality(vorm)
        persoon = self._persoon(land, geslacht, melddatum)
        dossier = Dossier(dossiernummer=maak_dossiernummer(self.prefix, melddatum.year, volgnummer),
                          persoon=persoon)
        melding = Melding(
            datum=melddatum,
            melder_type=self._melder(),
            melder_organisatie="",
            hoe_ontvangen=rng.choice(["telefoon", "e-mail", "overleg", "Veilig Thuis"]),
            vindplaats=rng.choice(_VINDPLAATS),
            vormen=[vorm],
            sector=self._sector(form_key),
            indicatoren=[
                IndicatorWaarneming(indicator=i, waargenomen_door=rng.choice(
                    ["melder", "zorgcoördinator", "politie", "opvang"]),
                    datum=melddatum, toelichting="")
                for i in rng.sample(_INDICATOREN, rng.randint(1, 4))
            ],
        )
        dossier.meldingen.append(melding)
        dossier.traject = self._traject(melddatum, land, dossier)
        voeg_verblijf_toe(dossier, self.vandaag, self.seed)
        if dossier.traject.huidige_fase not in (Fase.SIGNAAL, Fase.INTAKE):
            dossier.opvangbehoeften = self._opvangbehoeften(dossier)
        return dossier

    def _opvangbehoeften(self, dossier: Dossier) -> Opvangbehoeften:
        """Children, safety and care for registered cases.

        Drawn from a generator of its own, so that the rest of the demo data stays the
        same whatever is added here.
        """
        rng = random.Random(f"{self.seed}-{dossier.dossiernummer}")
        persoon = dossier.persoon
        behoeften = Opvangbehoeften(comensha_kenmerk=f"CM-{rng.randint(100000, 999999)}")
        aangemeld = dossier.meldingen[0].datum
        leeftijd = persoon.leeftijd_op(aangemeld) or 0
        if persoon.geslacht is Geslacht.VROUW and leeftijd >= 20 and rng.random() < 0.25:
            achternaam = persoon.naam.split(" ", 1)[-1]
            for _ in range(rng.choice([1, 1, 2])):
                geboren = aangemeld - timedelta(days=rng.randint(200, 8 * 365))
                voornaam = rng.choice(["Ana", "Maria", "David", "Luca", "Sara", "Adam"])
                behoeften.kinderen.append(Kind(naam=f"{voornaam} {achternaam}",
                                               geboortedatum=geboren,
                                               gaat_mee=rng.random() < 0.8))
        behoeften.veiligheid = Veiligheid(
            daders_in_de_buurt=rng.choice([True, False, None]),
            geheim_adres_nodig=rng.random() < 0.6,
            telefoon_afspraken=rng.choice([
                "", "Nieuwe telefoon en nieuw nummer; oude telefoon ingeleverd bij de politie.",
                "Geen foto's of locatie delen op sociale media.",
            ]),
            bij_vertrek=rng.choice(["", "Politie (team mensenhandel) direct informeren."]),
        )
        if behoeften.veiligheid.daders_in_de_buurt:
            behoeften.veiligheid.daders_toelichting = "Uitbuiter woont mogelijk in de regio."
        zwanger = persoon.geslacht is Geslacht.VROUW and rng.random() < 0.08
        behoeften.zorg = Zorgbehoeften(
            medisch=rng.choice(["", "", "Controle huisarts nodig (rugklachten)."]),
            ggz=rng.choice(["", "", "Slaapproblemen en herbelevingen; traumabehandeling gewenst."]),
            medicatie=rng.choice(["", "", "Paracetamol zo nodig."]),
            zwanger=True if zwanger else None,
            uitgerekend_op=aangemeld + timedelta(days=rng.randint(60, 200)) if zwanger else None,
        )
        return behoeften

    # -- parts -------------------------------------------------------------------------

    def _nationality(self, vorm: Uitbuitingsvorm) -> str:
        rng = self.rng
        if vorm is Uitbuitingsvorm.ARBEID and rng.random() < 0.5:
            return rng.choice(["PL", "RO", "BG", "UA", "HU"])
        code = _pick(rng, self.rules["nationality"])
        return rng.choice(_OTHER_NATIONALITIES) if code == "other" else code

    def _persoon(self, land: str, geslacht: Geslacht, melddatum: date) -> Persoon:
        rng = self.rng
        pools = self.rules["names"]["pools"]
        key = "CO_VE" if land in ("CO", "VE") else land
        pool = pools.get(key) or pools[rng.choice(list(pools))]
        given = pool["given_f"] if geslacht is Geslacht.VROUW else pool["given_m"]
        voornaam, achternaam = rng.choice(given), rng.choice(pool["family"])
        naam = (f"{voornaam} {demo_names.female_form(land, achternaam)}"
                if geslacht is Geslacht.VROUW else f"{voornaam} {achternaam}")
        if key not in pools:  # a name that fits the nationality, from a generator of its
            # own: the draws above stay, so the rest of the demo data does not change
            naam = demo_names.extra_name(land, geslacht, random.Random(f"{self.seed}:{naam}")) or naam
        band = _pick(rng, self.rules["age_band"])
        low, high = _AGE[band]
        leeftijd = rng.randint(low, high)
        geboren = melddatum - timedelta(days=leeftijd * 365 + rng.randrange(0, 365))
        gemeente = ""
        if rng.random() < 0.85:
            gemeente = rng.choices(self._binding[0], cum_weights=self._binding[1])[0]
        return Persoon(
            naam=naam,
            aliassen=[naam.split()[0][:3] + "."] if rng.random() < 0.15 else [],
            geboortedatum=geboren if rng.random() < 0.8 else None,
            geschatte_leeftijd=None,
            geslacht=geslacht,
            nationaliteiten=[land],
            talen=[demo_names.language(land)],
            tolk_nodig=land != "NL" and rng.random() < 0.6,
            gemeente_van_binding=gemeente,
        )

    def _melder(self) -> MelderType:
        key = _pick(self.rng, self.rules["aanmelder_type_2024_shares"])
        return _MELDER.get(key) or self.rng.choice(_OTHER_MELDERS)

    def _sector(self, form_key: str) -> str:
        sectors = self.rules["sector_given_form"].get(form_key)
        return _pick(self.rng, sectors) if sectors else ""

    def _traject(self, melddatum: date, land: str, dossier: Dossier) -> Traject:
        """A plausible path: most cases move on, some stop early, older ones close."""
        events = [_fase(Fase.SIGNAAL, melddatum, "Melding ontvangen")]
        self._stappen(melddatum, land, dossier, events)
        return Traject(events)  # checks the whole path against the rules, once

    def _stappen(self, melddatum: date, land: str, dossier: Dossier,
                 events: list[TrajectEvent]) -> None:
        """The stages after the signal, never after today (see ``_traject``)."""
        rng, today = self.rng, self.vandaag
        day, huidig = melddatum, Fase.SIGNAAL

        def step(fase: Fase, wait: tuple[int, int], reden: str,
                 sluitreden: Sluitreden | None = None) -> bool:
            nonlocal day, huidig
            nxt = day + timedelta(days=rng.randint(*wait))
            if nxt > today:
                return False
            events.append(_fase(fase, nxt, reden, sluitreden))
            day, huidig = nxt, fase
            return True

        if not step(Fase.INTAKE, (0, 14), "Intakegesprek gevoerd"):
            self._open_task(dossier)
            return
        if rng.random() < 0.15:
            step(Fase.AFGESLOTEN, (3, 30), "Geen aanwijzingen voor mensenhandel",
                 Sluitreden.GEEN_MENSENHANDEL)
            return
        if not step(Fase.AANGEMELD, (1, 20), "Aangemeld bij CoMensha met toestemming"):
            self._open_task(dossier)
            return
        leeftijd = dossier.persoon.leeftijd_op(day)
        dossier.toestemmingen.append(Toestemming(  # under 16 a parent or guardian signs
            doel=ToestemmingDoel.COMENSHA_AANMELDING, datum=day, hoe_gegeven="schriftelijk",
            gegeven_door="Ouder of voogd (fictief)"
            if leeftijd is not None and leeftijd < ZELF_TOESTEMMING_VANAF else ""))
        dossier.aanmelding = aanmelding_voorstel(dossier, day, "Hollands Midden")
        in_bedenktijd = land not in _EU and rng.random() < 0.7
        if in_bedenktijd and not step(Fase.BEDENKTIJD, (0, 5), "Bedenktijd aangeboden door politie"):
            return
        if rng.random() < 0.75 and not step(Fase.GEPLAATST, (0, 10), "Opvangplek gevonden"):
            return
        # Bedenktijd lasts at most three months: move on well within it.
        if in_bedenktijd and huidig is Fase.BEDENKTIJD and not step(
                Fase.BEGELEIDING, (20, 80), "Aangifte gedaan, start begeleiding"):
            return
        if huidig is not Fase.BEGELEIDING and not step(
                Fase.BEGELEIDING, (30, 200), "Start nazorg"):
            self._open_task(dossier)
            return
        dossier.journaal.append(JournaalRegel(datum=day, tekst="Gesprek over wonen en werk",
                                              soort="contact", auteur=AUTEUR))
        reden = rng.choice([Sluitreden.ZELFSTANDIG, Sluitreden.ZELFSTANDIG, Sluitreden.TERUGKEER,
                            Sluitreden.UIT_BEELD, Sluitreden.OVERGEDRAGEN])
        if not step(Fase.AFGESLOTEN, (90, 540), "Traject afgerond", reden):
            self._open_task(dossier)

    def _open_task(self, dossier: Dossier) -> None:
        """An open task due around today: a few overdue, most in the coming weeks."""
        due = self.vandaag + timedelta(days=self.rng.randint(-4, 40))
        dossier.taken.append(Taak(omschrijving=self.rng.choice(
            ["Terugbellen melder", "Aanmelding CoMensha afronden", "Evaluatiegesprek plannen",
             "Huisvesting regelen"]), deadline=due, auteur=AUTEUR))


def fill_demo(vault: Vault, n: int, seed: int = 2026, vandaag: date | None = None,
              progress: Any = None, vuller: Any = None) -> int:
    """Add ``n`` demo dossiers in one transaction; marks the vault as a demo vault.

    Each dossier is made with its placements and costs (``DemoOpvang``), so its next
    deadline is known before its row is written; rows go in by bulk insert, and the
    indexes and the search index are built once at the end (``DossierRepository.bulk``).
    From ``demo_parallel.PARALLEL_FROM`` cases on, worker processes make the dossiers in
    chunks (deterministic too, but past the first chunk other cases than one process
    would make); this process places them and writes. ``vuller``: those workers, started
    already (``demo_parallel.vooraf``), with the generator's seed and date.
    """
    from zorgapp.services import demo_parallel
    from zorgapp.services.demo_opvang import DemoOpvang
    from zorgapp.services.demo_overleg import DemoOverleg, terugkoppeling_en_riec
    from zorgapp.services.demo_partners import DemoPartners

    generator = DemoGenerator(seed=seed, vandaag=vandaag) if vuller is None else vuller.generator
    today, seed = generator.vandaag, generator.seed
    opvang = DemoOpvang(today, seed=seed, rules=generator.rules)
    overleg = DemoOverleg(today, seed=seed)
    partners = DemoPartners(seed)
    if vuller is None and demo_parallel.loont(n):
        vuller = demo_parallel.Vuller(generator, n)

    def with_deadlines() -> Iterator[tuple[Dossier, list[Deadline]]]:
        for i, dossier in enumerate(generator.dossiers(n)):
            if progress and i % 1000 == 0:
                progress(i, n)
            terugkoppeling_en_riec(dossier, today, seed)
            overleg.dossier(dossier)
            partners.koppel(dossier)
            eerder = len(opvang.plaatsingen)
            opvang.dossier(dossier.uuid, dossier.persoon, dossier.traject)
            # its deadlines include those of the placements just made for it
            yield dossier, deadlines_voor(dossier, today, opvang.plaatsingen[eerder:])

    with vault.transaction() as db, _zonder_gc():
        db.execute("INSERT INTO meta (key, value) VALUES ('demo', '1') "
                   "ON CONFLICT(key) DO UPDATE SET value = '1'")
        db.execute("INSERT INTO meta (key, value) VALUES ('dossier_prefix', 'HM') "
                   "ON CONFLICT(key) DO NOTHING")
        for key, value in DEMO_LETTERHEAD.items():  # a fictitious sender, never "Zorgapp"
            db.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING",
                       (key, value))
        repo = DossierRepository(db)
        with repo.bulk():
            if vuller is not None:  # a big vault: made on every core, in chunks
                count = len(repo.insert_regels(vuller.regels(opvang, overleg, progress),
                                               is_demo=True))
            else:
                count = len(repo.insert_many(with_deadlines(), is_demo=True))
            # Shelters, placements and costs for the cases that reached 'geplaatst'.
            opvang.bewaar(db)
            partners.bewaar(db)
        overleg.bewaar(db)  # after the dossiers: an agenda item points at its dossier
        vault.audit.record("create", record_type="demo", record_uuid=str(count))
    return count


@contextmanager
def _zonder_gc() -> Iterator[None]:
    """The cyclic garbage collector off while a demo is filled: this process keeps every
    placement and cost post until the end, and the collector went over them again and
    again (7 % of its time at 20,000 cases); what it makes holds no cycles."""
    aan = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if aan:
            gc.enable()


def demo_passphrase() -> str:
    """Readable, long enough, obviously a demo."""
    words = ["demo", "kluis", "hollands", "midden", "opvang", "signaal", "traject", "zorg"]
    return "-".join(secrets.choice(words) for _ in range(4)) + "-" + str(secrets.randbelow(90) + 10)


def make_demo_vault(path: Path, cases: int, passphrase: str | None = None,
                    progress: Any = None) -> DemoResult:
    """A demo vault, filled before it is put in place: a failed or killed run leaves no
    empty vault at ``path`` that would stop the next one ("Er staat al een kluis")."""
    from zorgapp.services import demo_parallel

    phrase = passphrase or demo_passphrase()
    with demo_parallel.vooraf(cases) as vuller:  # working while the key is derived
        vault, recovery = Vault.create(Path(path), phrase, fill=lambda new: fill_demo(
            new, cases, progress=progress, vuller=vuller))
    vault.lock()
    return DemoResult(Path(path), phrase, recovery)
