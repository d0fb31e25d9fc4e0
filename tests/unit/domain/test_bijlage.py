"""Rules every attachment obeys, wherever it comes from (GUI, command line, bundle)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from zorgapp.domain import bijlage as b
from zorgapp.domain.errors import DomainError

PDF = b"%PDF-1.7\n..."


def test_the_limit_is_25_mb_inclusive_and_the_message_says_so() -> None:
    b.controleer_grootte("x.pdf", b.MAX_GROOTTE)
    with pytest.raises(DomainError) as refused:
        b.controleer_grootte("scan.pdf", b.MAX_GROOTTE + 1)
    assert str(refused.value) == ("Het bestand scan.pdf is 26 MB; een bijlage mag hoogstens 25 MB zijn. "
                                  "Er is niets toegevoegd.")
    with pytest.raises(DomainError, match="leeg"):
        b.controleer_grootte("leeg.pdf", 0)


@pytest.mark.parametrize(("naam", "begin", "type_"), [
    ("brief.pdf", PDF, "application/pdf"),
    ("foto.jpg", b"\x89PNG\r\n\x1a\n....", "image/png"),     # the content wins over the name
    ("scan", b"\xff\xd8\xff\xe0", "image/jpeg"),
    ("notitie.txt", b"hallo", "text/plain"),
    ("raar.qqq", b"\x00\x01", b.ONBEKEND_TYPE),
])
def test_type_comes_from_the_content_where_it_is_recognised(naam: str, begin: bytes, type_: str) -> None:
    assert b.bepaal_type(naam, begin) == type_


@pytest.mark.parametrize(("raw", "clean"), [
    ("C:\\Users\\anna\\Documents\\brief IND.pdf", "brief IND.pdf"),
    ("/home/anna/../../etc/passwd", "passwd"),
    ("  aangifte\x00\n.pdf ", "aangifte.pdf"),
    ("..", "bijlage"),
    ("", "bijlage"),
])
def test_names_lose_folders_and_control_characters(raw: str, clean: str) -> None:
    assert b.schone_naam(raw) == clean


def test_a_long_name_keeps_its_extension() -> None:
    naam = b.schone_naam("x" * 500 + ".pdf")
    assert len(naam) == b.MAX_NAAM and naam.endswith(".pdf")


def test_a_new_attachment_is_described_and_hashed() -> None:
    moment = datetime(2026, 11, 29, 12, 0, 5, 123, tzinfo=UTC)
    new = b.nieuwe_bijlage("u1", "d1", "map/brief.pdf", PDF, "  getekende \n toestemming ", moment)
    assert (new.naam, new.type, new.grootte, new.omschrijving) == (
        "brief.pdf", "application/pdf", len(PDF), "getekende toestemming")
    assert new.toegevoegd_op == "2026-11-29T12:00:05+00:00"
    assert new.is_pdf and new.te_bekijken and len(new.sha256) == 64
    with pytest.raises(DomainError):
        b.nieuwe_bijlage("u1", "d1", "a.pdf", PDF, "x" * (b.MAX_OMSCHRIJVING + 1))


def test_an_attachment_from_a_bundle_must_match_its_description() -> None:
    good = b.nieuwe_bijlage("u1", "d1", "brief.pdf", PDF)
    b.controleer(good, PDF)
    for wrong in (b.Bijlage(**{**good.__dict__, "grootte": 3}),
                  b.Bijlage(**{**good.__dict__, "naam": "../brief.pdf"}),
                  b.Bijlage(**{**good.__dict__, "type": "geen type"}),
                  b.Bijlage(**{**good.__dict__, "toegevoegd_op": "gisteren"})):
        with pytest.raises(DomainError):
            b.controleer(wrong, PDF)
