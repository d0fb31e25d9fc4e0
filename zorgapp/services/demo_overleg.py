"""Demo data for the daily duties around partners (DOMAIN.md §5, §10): feedback to the
melder of each signal, RIEC referrals, and a few monthly signaleringsoverleggen.

Every draw comes from a generator of its own (seeded per dossier or per vault), so the
rest of the demo data stays the same whatever is added here. The minutes name cases by
number only and never a person; organisations are regional partner kinds in Hollands
Midden, not people.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from zorgapp.domain.codes import Fase
from zorgapp.domain.dossier import Dossier, JournaalRegel
from zorgapp.domain.overleg import Agendapunt, Overleg, OverlegBesluit, besluit_taak, initialen
from zorgapp.domain.terugkoppeling import (
    TERUGKOPPELTERMIJN_DAGEN,
    RiecVerwijzing,
    Terugkoppeling,
    TerugkoppelWijze,
    dader_bekend,
    terugkoppelen_voor,
)
from zorgapp.store.connection import Connection
from zorgapp.store.overleg import OverlegRepository

AUTEUR = "demo"
ORGANISATIES = ("Zorgcoördinatie Hollands Midden", "Politie Hollands Midden",
                "Gemeente Leiden", "Veilig Thuis Hollands Midden",
                "Zorg- en Veiligheidshuis Hollands Midden", "FairWork",
                "Nederlandse Arbeidsinspectie", "GGD Hollands Midden")
BESPROKEN = (
    "Signalen van arbeidsuitbuiting; werkgever is bij de partners bekend.",
    "Cliënt verblijft tijdelijk bij een kennis; zorgen over de veiligheid.",
    "Bedenktijd loopt; cliënt twijfelt over aangifte.",
    "Schulden bij de uitbuiter; hulp bij budgetbeheer nodig.",
    "Opvangplek gevonden; afstemming over begeleiding.",
)
BESLUITEN = (
    ("Huisbezoek afleggen", "Veilig Thuis Hollands Midden"),
    ("Aangifte bespreken met cliënt", "Politie Hollands Midden"),
    ("Werkgever controleren", "Nederlandse Arbeidsinspectie"),
    ("Schuldhulp aanvragen", "Gemeente Leiden"),
    ("Opvangplek zoeken", "Zorgcoördinatie Hollands Midden"),
)
#: the meetings of the demo: three held (with minutes), one coming up
OVERLEG_DAGEN = (-70, -42, -14, 14)
PER_OVERLEG = 4
WIJZEN = (TerugkoppelWijze.TELEFOON, TerugkoppelWijze.EMAIL, TerugkoppelWijze.OVERLEG)
SAMENVATTINGEN = ("Melding in behandeling genomen; cliënt is in beeld bij zorgcoördinatie.",
                  "Cliënt is opgevangen; verdere stappen in overleg met de politie.",
                  "Geen aanwijzingen voor mensenhandel; doorverwezen naar het wijkteam.")


def terugkoppeling_en_riec(dossier: Dossier, vandaag: date, seed: int) -> None:
    """Each signal owes its melder feedback within the default term; most was given,
    a few recent ones are open (some overdue). Known perpetrators: mostly referred."""
    rng = random.Random(f"{seed}-terug-{dossier.dossiernummer}")
    for m in dossier.meldingen:
        m.terugkoppelen_voor = terugkoppelen_voor(m.datum, TERUGKOPPELTERMIJN_DAGEN)
        oud = m.terugkoppelen_voor < vandaag - timedelta(days=30)
        if (oud or rng.random() < 0.5) and m.datum + timedelta(days=2) <= vandaag:
            gegeven = min(m.datum + timedelta(days=rng.randint(2, 20)), vandaag)
            m.terugkoppeling = Terugkoppeling(gegeven, rng.choice(WIJZEN),
                                              rng.choice(SAMENVATTINGEN), AUTEUR)
    if dader_bekend(dossier.opvangbehoeften):
        if rng.random() < 0.7:
            datum = min(dossier.meldingen[0].datum + timedelta(days=rng.randint(5, 40)), vandaag)
            dossier.riec = RiecVerwijzing(True, datum, f"RIEC-{rng.randint(1000, 9999)}", AUTEUR)
        else:
            dossier.riec = RiecVerwijzing(False, auteur=AUTEUR)


def kandidaat(dossier: Dossier, seed: int) -> random.Random | None:
    """The case's own generator when it may go on an agenda (open, signalled, drawn),
    else None; no state, so a worker process can tell (``demo_parallel``)."""
    if dossier.huidige_fase in (None, Fase.AFGESLOTEN) or not dossier.meldingen:
        return None
    rng = random.Random(f"{seed}-overleg-{dossier.dossiernummer}")
    return None if rng.random() > 0.4 else rng


@dataclass
class DemoOverleg:
    """Plans the demo meetings and puts open cases on their agendas as they are made;
    ``bewaar`` writes the meetings once the dossiers are in the vault."""

    vandaag: date
    seed: int = 2026
    overleggen: list[Overleg] = field(default_factory=list)

    def __post_init__(self) -> None:
        rng = random.Random(f"{self.seed}-overleg")
        for dagen in OVERLEG_DAGEN:
            self.overleggen.append(Overleg(
                datum=self.vandaag + timedelta(days=dagen),
                organisaties=[ORGANISATIES[0], *rng.sample(ORGANISATIES[1:], 4)]))

    def dossier(self, dossier: Dossier) -> None:
        """Maybe on an agenda: an open case, signalled before the meeting."""
        if dossier.huidige_fase in (None, Fase.AFGESLOTEN) or not dossier.meldingen:
            return
        if self.vol():
            return  # full: the rest of a big demo vault costs nothing here
        rng = kandidaat(dossier, self.seed)
        if rng is None:
            return
        for overleg in self.overleggen:
            if len(overleg.agenda) < PER_OVERLEG and dossier.meldingen[0].datum < overleg.datum:
                self._agenderen(overleg, dossier, rng)
                return

    def vol(self) -> bool:
        """Whether every meeting's agenda is full."""
        return all(len(o.agenda) >= PER_OVERLEG for o in self.overleggen)

    def _agenderen(self, overleg: Overleg, dossier: Dossier, rng: random.Random) -> None:
        # here, not at the top: the worker processes of a big demo vault import this
        # module and never agenda a case, and the service brings in the PDF reports
        from zorgapp.services.overleg_service import JOURNAAL_SOORT, journaal_tekst

        punt = overleg.agenderen(Agendapunt(dossier_uuid=dossier.uuid,
                                            dossiernummer=dossier.dossiernummer,
                                            initialen=initialen(dossier.persoon.naam)))
        if overleg.datum > self.vandaag:
            return
        punt.besproken = rng.choice(BESPROKEN)
        tekst, eigenaar = rng.choice(BESLUITEN)
        besluit = OverlegBesluit(tekst, eigenaar, overleg.datum + timedelta(days=rng.choice([14, 28])))
        taak = besluit_taak(besluit, AUTEUR)
        if taak.deadline < self.vandaag and rng.random() < 0.7:
            taak.gedaan_op = taak.deadline - timedelta(days=rng.randint(0, 5))
        besluit.taak_uuid = taak.uuid
        punt.besluiten.append(besluit)
        dossier.taken.append(taak)
        regel = JournaalRegel(datum=overleg.datum, tekst=journaal_tekst(overleg, punt),
                              soort=JOURNAAL_SOORT, auteur=AUTEUR)
        dossier.journaal.append(regel)
        punt.journaal_uuid = regel.uuid

    def bewaar(self, db: Connection) -> None:
        repo = OverlegRepository(db)
        for overleg in self.overleggen:
            repo.insert(overleg, is_demo=True)
