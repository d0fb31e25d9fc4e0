"""The placement letter and the summary take the police contact and the lawyer from the
partners' fixed roles, not from words in a name or a note."""

from __future__ import annotations

from tests.unit.reports import fixtures as fx
from tests.unit.reports.pdftext import squash, text
from zorgapp.domain.dossier import Partner
from zorgapp.domain.partners import PartnerRol
from zorgapp.reports.letter import plaatsingsbrief
from zorgapp.reports.summary import dossieroverzicht


def _brief_met(partners: list[Partner]) -> str:
    d = fx.dossier()
    d.partners = partners
    d.toestemmingen = []
    pdf = plaatsingsbrief(d, fx.plaatsing(d), fx.locatie(), fx.BRIEFHOOFD, vandaag=fx.VANDAAG,
                          afzender="Łukasz Szőke", gemeente_naam="Leiden")
    return squash(text(pdf))


def test_letter_takes_the_police_contact_and_lawyer_from_their_roles() -> None:
    flat = _brief_met([
        # No "politie" anywhere in the name: the role alone decides.
        Partner(naam="Team Mensenhandel Noord", rol=PartnerRol.POLITIE,
                contact="rechercheur De Wit, 0900-0000000"),
        Partner(naam="Kantoor Visser", rol=PartnerRol.ADVOCAAT, contact="Mr. Visser"),
        # "politie" and "advocaat" in name and note, but another role: not named as such.
        Partner(naam="Politieacademie", rol=PartnerRol.ANDERS, toelichting="advocaat-stagiair"),
        Partner(naam="Tolkenbureau Oost", rol=PartnerRol.TOLK, contact="088-0000000"),
    ])
    assert squash("Contact politie Team Mensenhandel Noord – rechercheur De Wit, "
                  "0900-0000000") in flat
    assert squash("Advocaat Kantoor Visser – Mr. Visser") in flat
    assert "Politieacademie" not in flat.split(squash("Contactpersonen"))[0]
    # The other partners are contacts, under their role (or the note for "anders").
    contacten = flat.split(squash("Contactpersonen"))[1]
    assert squash("Tolk Tolkenbureau Oost") in contacten
    assert squash("advocaat-stagiair Politieacademie") in contacten


def test_letter_without_police_contact_says_so() -> None:
    flat = _brief_met([Partner(naam="Politie Leiden", rol=PartnerRol.ANDERS)])
    assert squash("Contact politie niet vastgelegd") in flat


def test_summary_lists_partners_by_role_police_and_lawyer_first() -> None:
    d = fx.dossier()
    d.partners = [Partner(naam="Tolkenbureau Oost", rol=PartnerRol.TOLK),
                  Partner(naam="Kantoor Visser", rol=PartnerRol.ADVOCAAT),
                  Partner(naam="Team Noord", rol=PartnerRol.POLITIE, toelichting="AVIM")]
    d.toestemmingen = []
    flat = squash(text(dossieroverzicht(d, fx.BRIEFHOOFD, vandaag=fx.VANDAAG)))
    assert flat.index("TeamNoord") < flat.index("KantoorVisser") < flat.index("Tolkenbureau")
    assert squash("Team Noord Politiecontact (AVIM)") in flat
