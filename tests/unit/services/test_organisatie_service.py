"""The letterhead and dossier prefix belong to the vault (issue 13): kept in its meta
table, copied once from the old per-user settings.json, and they move with the vault."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from zorgapp.domain.errors import DomainError
from zorgapp.services.dossier_service import DossierService
from zorgapp.services.organisatie_service import LogoError, OrganisatieService
from zorgapp.settings import Settings
from zorgapp.store.vault import Vault


def test_old_settings_are_copied_into_the_vault_once(vault: Vault) -> None:
    settings = Settings()
    settings.set("letter_organisation", "Zorgcoördinatie Holland Midden")
    settings.set("letter_place", "Leiden")
    service = OrganisatieService(vault)
    velden = service.briefhoofd_velden(settings.get)
    assert velden["letter_organisation"] == "Zorgcoördinatie Holland Midden"
    assert velden["letter_place"] == "Leiden"
    settings.set("letter_organisation", "Later getypt in settings.json")
    assert service.briefhoofd_velden(settings.get)["letter_organisation"] == (
        "Zorgcoördinatie Holland Midden")  # only once


def test_a_moved_vault_keeps_its_letterhead_and_prefix(vault: Vault, tmp_path: Path) -> None:
    service = OrganisatieService(vault)
    service.bewaar_briefhoofd({"letter_organisation": "CoMensha-regio Twente",
                               "letter_phone": "053 000 00 00"}, logo=b"\x89PNG fake")
    assert service.stel_prefix_in(" tw ") == "TW"
    path = vault.path
    vault.lock()
    moved = tmp_path / "elders"
    moved.mkdir()
    for source in path.parent.glob(path.name + "*"):
        shutil.move(str(source), moved / source.name)
    again = Vault.unlock(moved / path.name, PASSPHRASE)
    try:
        hoofd = OrganisatieService(again).briefhoofd()
        assert hoofd.organisatie == "CoMensha-regio Twente"
        assert hoofd.telefoon == "053 000 00 00" and hoofd.logo == b"\x89PNG fake"
        assert "053 000 00 00" in hoofd.contactregels()
        assert DossierService(again).prefix() == "TW"
    finally:
        again.lock()


def test_a_wrong_prefix_or_logo_is_refused(vault: Vault, tmp_path: Path) -> None:
    service = OrganisatieService(vault)
    with pytest.raises(DomainError):
        service.stel_prefix_in("H-1")
    with pytest.raises(LogoError):
        service.bewaar_briefhoofd({}, logo=tmp_path / "bestaat-niet.png")
    with pytest.raises(LogoError):
        service.bewaar_briefhoofd({}, logo=b"x" * 1_000_001)
    assert service.prefix() == "HM"


def test_the_letter_shows_the_phone_number(vault: Vault) -> None:
    from tests.unit.reports import fixtures as fx
    from tests.unit.reports.pdftext import squash, text
    from zorgapp.reports.letter import plaatsingsbrief

    service = OrganisatieService(vault)
    service.bewaar_briefhoofd({"letter_organisation": "Zorgcoördinatie Leiden",
                               "letter_phone": "071 555 12 34"})
    d = fx.dossier()
    pdf = plaatsingsbrief(d, fx.plaatsing(d), fx.locatie(), service.briefhoofd(), vandaag=fx.VANDAAG)
    shown = squash(text(pdf))
    assert squash("071 555 12 34") in shown and squash("Zorgcoördinatie Leiden") in shown


def test_no_document_says_zorgapp_as_sender(vault: Vault) -> None:
    from tests.unit.reports import fixtures as fx
    from tests.unit.reports.pdftext import text
    from zorgapp.reports.summary import dossieroverzicht

    pdf = dossieroverzicht(fx.dossier(), OrganisatieService(vault).briefhoofd(), vandaag=fx.VANDAAG)
    assert "Zorgapp" not in text(pdf).split("\n")[0]


def test_the_demo_vault_has_a_fictitious_letterhead(vault: Vault) -> None:
    from datetime import date

    from zorgapp.services.demo import fill_demo

    fill_demo(vault, 3, vandaag=date(2026, 11, 1))
    hoofd = OrganisatieService(vault).briefhoofd()
    assert "(DEMO)" in hoofd.organisatie and hoofd.telefoon
