"""The legal track of demo dossiers: bedenktijd, aangifte, permits and OM decisions.

Proportions are plausible, not official (DOMAIN §9 has no figures for them): about
half of the registered victims report (aangifte), a tenth cooperate otherwise, a few get
a permit on special grounds; most third-country nationals with an application get a
temporary permit; the OM drops (sepot) or prosecutes about as often, and most
prosecutions end in a conviction. The whole track is checked against the rules
``verblijf.voeg_toe`` keeps, so the demo data keeps the same rules as the app. Drawn
from a generator per dossier, so the rest of the demo data stays the same whatever is
added here.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from zorgapp.domain import verblijf
from zorgapp.domain.codes import Fase
from zorgapp.domain.dossier import Dossier
from zorgapp.domain.verblijf_events import Uitkomst, VerblijfEvent, VerblijfSoort
from zorgapp.domain.verblijf_regels import controleer, uit_traject

S, U = VerblijfSoort, Uitkomst
AUTEUR = "demo"


class _Spoor:
    """Adds steps in date order, never after today."""

    def __init__(self, dossier: Dossier, vandaag: date, rng: random.Random) -> None:
        self.dossier, self.vandaag, self.rng = dossier, vandaag, rng
        self.nu = datetime.now(UTC)

    def stap(self, soort: VerblijfSoort, datum: date, uitkomst: Uitkomst = U.GEEN,
             **kw: object) -> bool:
        if datum > self.vandaag:
            return False
        self.dossier.verblijf.append(VerblijfEvent(
            soort, datum, AUTEUR, self.nu, uitkomst, **kw))  # type: ignore[arg-type]
        return True

    def later(self, d: date, lo: int, hi: int) -> date:
        return d + timedelta(days=self.rng.randint(lo, hi))


def voeg_verblijf_toe(dossier: Dossier, vandaag: date, seed: int) -> None:
    """The legal track of one demo dossier, after its care path is made; the whole
    track is checked against the rules once, as ``verblijf.voeg_toe`` checks it at
    every step (its last step checks what this checks)."""
    _spoor(dossier, vandaag, seed)
    if dossier.verblijf:
        controleer([*uit_traject(dossier.traject, dossier.verblijf), *dossier.verblijf])


def _spoor(dossier: Dossier, vandaag: date, seed: int) -> None:
    """The steps, never after today (``_Spoor.stap``)."""
    stappen = dossier.traject.stappen()
    aangemeld = next((s.datum for s in stappen if s.fase is Fase.AANGEMELD), None)
    if aangemeld is None:
        return
    rng = random.Random(f"{seed}-{dossier.dossiernummer}-verblijf")
    spoor = _Spoor(dossier, vandaag, rng)
    derdelander = not any(land in verblijf.EU_LANDEN for land in dossier.persoon.nationaliteiten)
    start = next((s.datum for s in stappen if s.fase is Fase.BEDENKTIJD), None)
    if start is not None:
        door = U.KMAR if rng.random() < 0.15 else U.POLITIE
        spoor.stap(S.BEDENKTIJD_AANGEBODEN, start, door, dublin=rng.random() < 0.1)
        spoor.stap(S.BEDENKTIJD_BESLUIT, start, U.AANVAARD)
    elif derdelander and rng.random() < 0.25:
        start = spoor.later(aangemeld, 0, 5)
        if spoor.stap(S.BEDENKTIJD_AANGEBODEN, start, U.POLITIE):
            spoor.stap(S.BEDENKTIJD_BESLUIT, start, U.GEWEIGERD)
    basis = start or aangemeld
    kans = rng.random()
    extra: dict[str, str]
    if kans < 0.5:
        aanvraag = spoor.later(basis, 10, 85)
        soort, uitkomst, extra = S.AANGIFTE, U.AANGIFTE, {}
    elif kans < 0.6:
        aanvraag = spoor.later(basis, 10, 85)
        soort, uitkomst, extra = S.AANGIFTE, U.MEDEWERKING, {}
    elif kans < 0.66 and derdelander:
        aanvraag = spoor.later(basis, 20, 85)
        soort = S.BIJZONDERE_GROND
        uitkomst = rng.choice([U.DREIGING, U.MEDISCH, U.MEDISCH, U.MINDERJARIG])
        extra = {"onderbouwing": rng.choice(["Verklaring politie (dreiging)",
                                              "Verklaring behandelend arts"])}
    elif kans < 0.69:
        aanvraag = spoor.later(basis, 10, 85)
        soort, uitkomst, extra = S.GETUIGE_AANGEVER, U.GEEN, {}
    elif start is not None and verblijf.bedenktijd_perioden(dossier):
        # no application: the client decided within bedenktijd not to report
        spoor.stap(S.AANGIFTE, spoor.later(start, 20, 85), U.GEEN_AANGIFTE)
        return
    else:
        return
    if not spoor.stap(soort, aanvraag, uitkomst, **extra):
        return
    if derdelander:
        _vergunning(spoor, aanvraag)
    if soort is S.AANGIFTE or soort is S.GETUIGE_AANGEVER:
        _strafzaak(spoor, aanvraag)
    veroordeling = verblijf.laatste(dossier, S.OM_BESLUIT)
    vergunning = verblijf.vergunning(dossier)
    if (derdelander and veroordeling is not None and veroordeling.uitkomst is U.VEROORDELING
            and vergunning is not None and vergunning.soort is S.IND_BESLUIT
            and vergunning.uitkomst in (U.VERLEEND, U.VERLENGD)):
        aanvraag_vv = spoor.later(max(veroordeling.datum, vergunning.datum), 14, 90)
        if spoor.stap(S.VOORTGEZET_VERBLIJF, aanvraag_vv, U.AANGEVRAAGD):
            spoor.stap(S.VOORTGEZET_VERBLIJF, spoor.later(aanvraag_vv, 30, 180),
                       U.VERLEEND if rng.random() < 0.85 else U.AFGEWEZEN)


def _vergunning(spoor: _Spoor, aanvraag: date) -> None:
    """IND decision on the temporary permit, renewals, and sometimes voortgezet verblijf."""
    rng = spoor.rng
    besluit = spoor.later(aanvraag, 20, 120)
    if rng.random() < 0.12:
        spoor.stap(S.IND_BESLUIT, besluit, U.AFGEWEZEN)
        return
    geldig = besluit + timedelta(days=365)
    if not spoor.stap(S.IND_BESLUIT, besluit, U.VERLEEND, geldig_tot=geldig):
        return
    while geldig < spoor.vandaag + timedelta(days=20):
        verlengd = geldig - timedelta(days=rng.randint(5, 40))
        geldig = geldig + timedelta(days=365)
        if not spoor.stap(S.IND_BESLUIT, verlengd, U.VERLENGD, geldig_tot=geldig):
            return
    if (spoor.vandaag - besluit).days > 3 * 365 and rng.random() < 0.6:
        spoor.stap(S.VOORTGEZET_VERBLIJF, besluit + timedelta(days=3 * 365 + 10), U.VERLEEND)


def _strafzaak(spoor: _Spoor, aangifte: date) -> None:
    """The OM's decision, and after prosecution the court's outcome."""
    rng = spoor.rng
    kans = rng.random()
    besluit = spoor.later(aangifte, 60, 400)
    if kans < 0.4:
        spoor.stap(S.OM_BESLUIT, besluit, U.SEPOT)
    elif kans < 0.75 and spoor.stap(S.OM_BESLUIT, besluit, U.VERVOLGING):
        einde = spoor.later(besluit, 150, 500)
        spoor.stap(S.OM_BESLUIT, einde, U.VEROORDELING if rng.random() < 0.75 else U.VRIJSPRAAK)

