"""Every document read back: names with diacritics, Dutch dates, markings, metadata."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tests.unit.reports import fixtures as fx
from tests.unit.reports.pdftext import pages, reader, squash, text
from zorgapp.i18n import set_language
from zorgapp.reports.letter import plaatsingsbrief
from zorgapp.reports.recovery import herstelsleutelblad
from zorgapp.reports.summary import dossieroverzicht

NAMES = ["Ștefănescu", "Wiśniewski", "Szőke", "Nguyễn"]


def letter(demo: bool = False, geheim: bool = True, **kwargs) -> bytes:
    d = fx.dossier()
    return plaatsingsbrief(d, fx.plaatsing(d), fx.locatie(geheim=geheim), fx.BRIEFHOOFD,
                           demo=demo, vandaag=fx.VANDAAG, afzender="Łukasz Szőke",
                           gemeente_naam="Leiden", **kwargs)


@pytest.mark.parametrize("naam", ["Ștefania Ștefănescu", "Ewa Wiśniewski", "Réka Szőke",
                                  "Nguyễn Thị Lan"])
def test_names_with_diacritics_print_correctly(naam: str) -> None:
    d = fx.dossier(naam=naam)
    pdf = plaatsingsbrief(d, fx.plaatsing(d), fx.locatie(), fx.BRIEFHOOFD,
                          vandaag=fx.VANDAAG)
    assert naam in text(pdf)
    # every font the text uses is an embedded DejaVu subset, never a Latin-1-only
    # standard font (reportlab lists Helvetica in the resources but never selects it)
    page = reader(pdf).pages[0]
    used = set(re.findall(r"(/F[\w+]+) [\d.]+ Tf", page.get_contents().get_data().decode("latin-1")))
    assert used
    for name in used:
        font = page["/Resources"]["/Font"][name].get_object()  # type: ignore[index]  # pypdf: PdfObject
        assert "DejaVu" in font["/BaseFont"]
        assert "/FontFile2" in font["/FontDescriptor"]


def test_letter_has_place_date_reference_and_confidential_marking() -> None:
    body = text(letter())
    assert "Leiden, 22 november 2026" in body
    assert "HM-2026-0042" in body
    assert "VERTROUWELIJK" in body
    assert "Ștefania Ștefănescu" in body
    assert "4 mrt 1999" in body
    assert "Roemeens" in body
    assert "12 dec 2026" in body  # evaluation date
    assert "Gemeente Leiden" in body
    assert "Mr. Anna Wiśniewski" in body  # consent scope names the partner
    # issue 12.1: bedenktijd is 90 days, not 3 months, and the aangifte on 5 Oct ended it
    assert squash("bedenktijd van 10 sep 2026 tot en met 5 okt 2026") in squash(body)
    assert squash("ja, gedaan op 5 okt 2026") in squash(body)


def test_letter_has_children_safety_care_and_comensha_reference() -> None:
    """DOMAIN §7: what the shelter needs to receive the client safely."""
    flat = squash(text(letter()))
    assert squash("Ionuț Ștefănescu (geboren 2 mrt 2021, 5 jaar)") in flat
    assert "Ana Ștefănescu" not in flat  # stays behind: not the shelter's business
    assert "Iași" not in flat
    assert squash("Kenmerk CoMensha CM-2026-1187") in flat
    assert squash("Contact politie Jan de Vries – 06 1234 5678") in flat
    assert squash("Advocaat Mr. Anna Wiśniewski – anna@example.org") in flat
    assert squash("Daders mogelijk in de buurt ja – pooier woont in Leiden-Noord") in flat
    assert squash("Geheim adres nodig ja") in flat
    assert squash("geen foto's op sociale media") in flat
    assert squash("Sertraline 50 mg, dagelijks") in flat
    assert squash("Traumabehandeling loopt bij GGZ Rivierduinen") in flat
    assert squash("Zwanger ja, uitgerekend op 1 mrt 2027") in flat
    assert squash("Afspraak: Bel direct Jan de Vries (politie)") in flat


def test_letter_without_recorded_needs_says_so_instead_of_dashes() -> None:
    d = fx.dossier()
    d.opvangbehoeften = type(d.opvangbehoeften)()
    flat = squash(text(plaatsingsbrief(d, fx.plaatsing(d), fx.locatie(), fx.BRIEFHOOFD,
                                       vandaag=fx.VANDAAG)))
    assert squash("Kinderen die meekomen geen") in flat
    assert squash("Daders mogelijk in de buurt onbekend") in flat
    assert squash("Kenmerk CoMensha nog niet bekend") in flat
    assert squash("Er zijn geen bijzondere zorgbehoeften vastgelegd") in flat
    assert "Afspraak:" not in flat


def test_letter_never_prints_a_secret_address_indicators_or_journal() -> None:
    body = squash(text(letter(geheim=True)))
    assert squash(fx.SECRET_ADDRESS) not in body
    assert "Geheimstraat" not in body
    assert "INDICATOR-GEHEIM" not in body
    assert "JOURNAAL-GEHEIM" not in body
    assert "Schuldslavernij" not in body


def test_letter_prints_an_address_that_is_not_secret() -> None:
    assert "Geheimstraat" in text(letter(geheim=False))


def test_letter_with_alias_hides_the_name() -> None:
    body = text(letter(alias=True))
    assert "Ștefi" in body
    assert "Ștefănescu" not in body  # not even through the child's family name
    assert squash("Ionuț (geboren 2 mrt 2021, 5 jaar)") in squash(body)


def test_metadata_title_author_date_and_language() -> None:
    pdf = letter()
    r = reader(pdf)
    meta = r.metadata
    assert meta.title == "Plaatsingsbrief"
    assert meta.author == fx.BRIEFHOOFD.organisatie
    assert meta.subject and "HM-2026-0042" in meta.subject
    assert meta.creation_date is not None
    assert meta.creation_date.date() >= date(2026, 1, 1) or meta.creation_date.year > 2000
    assert r.trailer["/Root"]["/Lang"] == "nl-NL"  # type: ignore[index]  # pypdf: PdfObject


def test_demo_watermark_only_on_demo_documents() -> None:
    demo_pages = pages(letter(demo=True))
    assert all("DEMO" in page for page in demo_pages)
    assert "DEMO" not in text(letter(demo=False))


def test_page_numbers_count_the_whole_document() -> None:
    found = pages(letter())
    assert f"Pagina 1 van {len(found)}" in found[0]
    assert f"Pagina {len(found)} van {len(found)}" in found[-1]


def test_english_variant_changes_words_and_date_format() -> None:
    set_language("en")
    try:
        pdf = letter()
    finally:
        set_language("nl")
    body = text(pdf)
    assert "22 November 2026" in body
    assert "22 november 2026" not in body
    assert reader(pdf).trailer["/Root"]["/Lang"] == "en-GB"  # type: ignore[index]  # pypdf: PdfObject
    assert "Romanian" in body  # language names come from the locale, not a catalog
    flat = squash(body)
    assert squash("Children coming along") in flat
    assert squash("due on 1 Mar 2027") in flat


def test_summary_has_person_path_placements_partners_consent_and_open_tasks() -> None:
    d = fx.dossier()
    pdf = dossieroverzicht(d, fx.BRIEFHOOFD, plaatsingen=[fx.plaatsing(d)],
                           locaties={"loc-1": fx.locatie()},
                           gemeente_namen={"GM0546": "Leiden"}, vandaag=fx.VANDAAG)
    body = text(pdf)
    flat = squash(body)
    assert "Ștefania Ștefănescu" in body
    assert "VERTROUWELIJK" in body
    for fase in ("Signaal", "Intake", "Bedenktijd", "Geplaatst"):
        assert fase in body
    assert "10 sep 2026" in body
    assert "Aangifte" in body
    assert "Vrouwenopvang" in body
    assert squash("Stichting Fictief Onderdak") in flat
    assert "Jan de Vries" in body and "Mr. Anna Wiśniewski" in body
    assert "Evaluatiegesprek plannen" in body
    assert squash("Leiden (GM0546)") in flat
    assert "INDICATOR-GEHEIM" not in flat and "JOURNAAL-GEHEIM" not in flat
    assert "Geheimstraat" not in flat
    assert squash("Ana Ștefănescu (geboren 1 mei 2012, 14 jaar): bij grootmoeder in Iași (komt niet mee)") in flat
    assert squash("Kenmerk CoMensha CM-2026-1187") in flat
    assert squash("Sertraline 50 mg") in flat


def test_recovery_sheet_shows_the_key_in_groups_of_four() -> None:
    key = "-".join(["3F2A", "09C1"] * 8)
    pdf = herstelsleutelblad(key, "kantoor.zorg", fx.BRIEFHOOFD, vandaag=fx.VANDAAG)
    body = text(pdf)
    assert squash(body).count("3F2A09C1") >= 8 or body.count("3F2A") == 8
    assert "kantoor.zorg" in body
    assert "22 november 2026" in body
    assert "laptop" in body
    assert "VERTROUWELIJK" in body
    assert reader(pdf).metadata.title == "Herstelsleutel"


def test_a_logo_that_went_missing_does_not_stop_the_letter(tmp_path) -> None:
    """The logo is a path in the settings; a moved file must not block a placement."""
    from dataclasses import replace

    d = fx.dossier()
    hoofd = replace(fx.BRIEFHOOFD, logo=str(tmp_path / "weg.png"))
    pdf = plaatsingsbrief(d, fx.plaatsing(d), fx.locatie(), hoofd, vandaag=fx.VANDAAG)
    assert "Plaatsingsbrief" in text(pdf)
    assert len(reader(pdf).pages[0].images) == 0
