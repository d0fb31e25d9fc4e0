"""Issue 14 parts 3 and 5 in the services: an inzage holds everything about the person
and who opened their case; the export is audited; a restricted case (art. 18) is kept
but refused for bundles and letters; corrections (art. 16) are recorded as events."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tests.unit.reports.pdftext import squash, text
from zorgapp.domain.errors import DomainError
from zorgapp.domain.privacy import BeperktError
from zorgapp.errors import NotFoundError
from zorgapp.services.bijlage_service import BijlageService
from zorgapp.services.bundle_service import BundleService
from zorgapp.services.demo import fill_demo
from zorgapp.services.dossier_service import DossierService
from zorgapp.services.inzage_service import InzageService
from zorgapp.services.privacy_service import PrivacyService
from zorgapp.services.report_service import ReportService
from zorgapp.store.audit import local_user

VANDAAG = date(2026, 11, 22)


@pytest.fixture
def kluis(vault):
    fill_demo(vault, 12, seed=5, vandaag=VANDAAG)
    return vault


def _geplaatst(vault) -> tuple[str, str, str]:
    """(dossier uuid, dossiernummer, placement uuid) of a case with a placement."""
    with vault.read() as db:
        return db.execute(
            "SELECT d.uuid, d.dossiernummer, p.uuid FROM plaatsing p JOIN dossier d "
            "ON d.uuid = p.dossier_uuid ORDER BY p.id LIMIT 1").fetchone()


def test_inzage_json_lists_who_opened_the_case_and_the_export_is_audited(kluis, tmp_path) -> None:
    uuid, nummer, _p = _geplaatst(kluis)
    DossierService(kluis, actor="anna.devries").open(uuid)
    ReportService(kluis, actor="piet").dossieroverzicht(nummer)
    uit = tmp_path / "uit"
    uit.mkdir()
    paden = InzageService(kluis, actor="fg", vandaag=lambda: VANDAAG).schrijf(nummer, uit)
    assert sorted(p.name for p in uit.iterdir()) == [f"inzage-{nummer}.json", f"inzage-{nummer}.pdf"]
    assert {p.name for p in paden} == {f"inzage-{nummer}.json", f"inzage-{nummer}.pdf"}
    doc = json.loads((uit / f"inzage-{nummer}.json").read_text(encoding="utf-8"))
    assert doc["formaat"] == "zorgapp-inzage" and doc["dossiernummer"] == nummer
    wie = {(r["gebruiker"], r["handeling"], r["dossiernummer"]) for r in doc["logboek"]}
    assert (local_user(), "open", nummer) in wie  # DossierService.open records the local user
    assert ("piet", "open", nummer) in wie
    assert doc["plaatsingen"] and doc["dossier"]["persoon"]["naam"]
    assert doc["codelijsten"]["fase"]["signaal"] == "Signaal"
    laatste = kluis.audit.entries()[-1]
    assert (laatste.action, laatste.record_uuid, laatste.outcome, laatste.actor) == (
        "export", uuid, "inzage", "fg")
    # the next inzage shows the previous one
    InzageService(kluis, actor="fg").schrijf(nummer, uit)
    doc = json.loads((uit / f"inzage-{nummer}.json").read_text(encoding="utf-8"))
    assert any(r["handeling"] == "export" and r["uitkomst"] == "inzage" for r in doc["logboek"])


def test_inzage_pdf_is_readable_dutch_with_codes_in_words(kluis, tmp_path) -> None:
    _uuid, nummer, _p = _geplaatst(kluis)
    ReportService(kluis, actor="anna.devries").dossieroverzicht(nummer)
    InzageService(kluis, vandaag=lambda: VANDAAG).schrijf(nummer, tmp_path)
    body = text((tmp_path / f"inzage-{nummer}.pdf").read_bytes())
    flat = squash(body)
    assert squash(f"Inzage in uw gegevens – dossier {nummer}") in flat
    assert squash("Wie heeft uw dossier ingezien of gewijzigd") in flat
    assert "anna.devries" in flat and "geopend" in flat
    assert "Signaal" in body  # the stage in words, not the code alone
    assert "DEMO" in body


def test_attachments_only_when_asked(kluis, tmp_path) -> None:
    uuid, nummer, _p = _geplaatst(kluis)
    BijlageService(kluis).voeg_toe(uuid, "verklaring.pdf", b"%PDF-1.4 test\n%%EOF\n")
    zonder, met = tmp_path / "zonder", tmp_path / "met"
    zonder.mkdir()
    met.mkdir()
    InzageService(kluis).schrijf(nummer, zonder)
    doc = json.loads((zonder / f"inzage-{nummer}.json").read_text(encoding="utf-8"))
    assert [(b["naam"], b["bestand"]) for b in doc["bijlagen"]] == [("verklaring.pdf", None)]
    assert len(list(zonder.iterdir())) == 2
    InzageService(kluis).schrijf(nummer, met, bijlagen=True)
    doc = json.loads((met / f"inzage-{nummer}.json").read_text(encoding="utf-8"))
    bestand = met / doc["bijlagen"][0]["bestand"]
    assert bestand.read_bytes().startswith(b"%PDF-1.4 test")
    assert (bestand.stat().st_mode & 0o077) == 0


def test_restricted_case_refuses_bundle_and_letters_until_lifted(kluis, tmp_path) -> None:
    uuid, nummer, plaatsing = _geplaatst(kluis)
    privacy = PrivacyService(kluis, actor="coordinator", vandaag=lambda: VANDAAG)
    privacy.beperk(uuid, "Verzoek cliënt per brief")
    assert privacy.is_beperkt(uuid)
    with pytest.raises(BeperktError) as refused:
        BundleService(kluis).exporteer([uuid], tmp_path / "b", wachtwoordzin="lang genoeg wachtwoord 123")
    assert nummer in refused.value.translated(lambda s: s)
    assert "art. 18" in refused.value.msgid
    assert not list(tmp_path.glob("b*"))
    with pytest.raises(BeperktError):
        ReportService(kluis).plaatsingsbrief(plaatsing)
    with pytest.raises(BeperktError):
        ReportService(kluis).aanmelding_comensha(nummer)
    # kept and open for the person's own inzage
    InzageService(kluis).schrijf(nummer, tmp_path)
    assert json.loads((tmp_path / f"inzage-{nummer}.json").read_text(encoding="utf-8"))["beperkt"]
    with pytest.raises(DomainError):
        privacy.beperk(uuid, "nog eens")
    privacy.hef_op(uuid, "Bezwaar afgehandeld")
    assert ReportService(kluis).plaatsingsbrief(plaatsing).pdf.startswith(b"%PDF")
    soorten = [e.outcome for e in kluis.audit.entries() if e.record_uuid == uuid
               and e.action == "change"]
    assert soorten[-2:] == ["beperking", "beperking_opgeheven"]


def test_correction_is_an_event_with_field_names_not_values(kluis) -> None:
    uuid, _nummer, _p = _geplaatst(kluis)
    privacy = PrivacyService(kluis, actor="coordinator", vandaag=lambda: VANDAAG)
    with pytest.raises(DomainError):
        privacy.correctie(uuid, [], "zonder velden")
    with pytest.raises(DomainError):
        privacy.correctie(uuid, ["naam"], "  ")
    event = privacy.correctie(uuid, ["naam", "geboortedatum"], "Naam verkeerd gespeld")
    assert privacy.events(uuid) == [event]
    assert event.velden == ("geboortedatum", "naam")
    entry = kluis.audit.entries()[-1]
    assert entry.outcome == "correctie" and set(entry.fields) == {"privacy", "naam", "geboortedatum"}


def test_destroying_the_case_takes_its_privacy_events(kluis) -> None:
    uuid, _nummer, _p = _geplaatst(kluis)
    PrivacyService(kluis).beperk(uuid, "Verzoek")
    with kluis.transaction() as db:
        db.execute("DELETE FROM dossier WHERE uuid = ?", (uuid,))
    with kluis.read() as db:
        assert db.execute("SELECT count(*) FROM privacy_event").fetchone()[0] == 0


def test_unknown_case_is_refused(kluis) -> None:
    with pytest.raises(NotFoundError):
        PrivacyService(kluis).beperk("no-such-uuid", "Verzoek")


def test_a_restricted_case_is_not_replaced_by_a_bundle(tmp_path) -> None:
    from tests.unit.exchange.conftest import make_pair
    from zorgapp.exchange import importer

    pair = make_pair(tmp_path, cases=2)
    try:
        uuid = pair.uuids[0]
        first = pair.sa.exporteer([uuid], tmp_path / "1", [pair.sb.kaart().age_recipient])
        pair.sb.importeer(pair.sb.bekijk(first.pad))
        PrivacyService(pair.b).beperk(uuid, "Verzoek cliënt")
        before = pair.documents(pair.b)
        service = DossierService(pair.a)
        dossier = service.laad(uuid)
        dossier.persoon.aliassen.append("Nieuwe alias")
        service.opslaan(dossier)
        second = pair.sa.exporteer([uuid], tmp_path / "2", [pair.sb.kaart().age_recipient])
        with pytest.raises(BeperktError):
            pair.sb.importeer(pair.sb.bekijk(second.pad), {uuid: importer.THEIRS})
        assert pair.documents(pair.b) == before
        result = pair.sb.importeer(pair.sb.bekijk(second.pad), {uuid: importer.MINE})
        assert result.vervangen == []
    finally:
        for v in (pair.a, pair.b):
            if v.is_open:
                v.lock()
