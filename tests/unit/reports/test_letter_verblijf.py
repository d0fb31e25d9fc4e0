"""The letter and summary read the legal track; the letter shows only shelter consent."""

from __future__ import annotations

from datetime import date

from tests.unit.reports import fixtures as fx
from tests.unit.reports.pdftext import squash, text
from zorgapp.domain import verblijf
from zorgapp.domain.codes import ToestemmingDoel
from zorgapp.domain.dossier import Partner, Toestemming
from zorgapp.domain.partners import PartnerRol
from zorgapp.domain.verblijf_events import Uitkomst, VerblijfEvent, VerblijfSoort
from zorgapp.reports.letter import plaatsingsbrief
from zorgapp.reports.summary import dossieroverzicht


def _brief(d) -> str:
    return squash(text(plaatsingsbrief(d, fx.plaatsing(d), fx.locatie(), fx.BRIEFHOOFD,
                                       vandaag=fx.VANDAAG)))


def test_consent_section_shows_only_consent_to_share_with_the_shelter() -> None:
    """Issue 12.5 (seen): the letter listed every consent, CoMensha's included."""
    d = fx.dossier()
    d.partners.append(Partner(naam="Stichting Fictief Onderdak", rol=PartnerRol.OPVANG))
    d.toestemmingen += [
        Toestemming(ToestemmingDoel.COMENSHA_AANMELDING, date(2026, 9, 3)),
        Toestemming(ToestemmingDoel.STATISTIEK, date(2026, 9, 3)),
        Toestemming(ToestemmingDoel.DELEN_PARTNER, date(2026, 9, 4),
                    partner=d.partners[-1].uuid),
    ]
    flat = _brief(d)
    assert squash("gegevens delen met Stichting Fictief Onderdak, gegeven op 4 sep 2026") in flat
    assert squash("aanmelding bij CoMensha") not in flat
    assert squash("gegevens delen met Mr. Anna Wiśniewski") not in flat  # the lawyer


def test_no_shelter_consent_says_so() -> None:
    flat = _brief(fx.dossier())  # only consent to share with the lawyer
    assert squash("Er is geen toestemming vastgelegd om gegevens met deze opvang te delen") in flat


def test_legal_status_reads_the_track() -> None:
    d = fx.dossier()
    verblijf.voeg_toe(d, VerblijfEvent(VerblijfSoort.IND_BESLUIT, date(2026, 10, 20), "coord",
                                       fx.NU, Uitkomst.VERLEEND,
                                       geldig_tot=date(2027, 10, 19)), fx.VANDAAG)
    flat = _brief(d)
    assert squash("verblijfsvergunning: verleend op 20 okt 2026 (geldig tot en met 19 okt 2027)") in flat
    summary = squash(text(dossieroverzicht(d, fx.BRIEFHOOFD, vandaag=fx.VANDAAG)))
    assert squash("Verblijf en strafzaak") in summary
    assert squash("Besluit IND (tijdelijke vergunning): verleend") in summary
