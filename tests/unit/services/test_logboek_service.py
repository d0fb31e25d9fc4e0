"""Issue 14 part 5: the audit trail for the privacy officer, filtered by period, case,
user and action, exported as CSV and PDF with the hash-chain check; the export itself
is an audit entry; lines show the case number, not an id."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from tests.unit.reports.pdftext import squash, text
from zorgapp.services.demo import fill_demo
from zorgapp.services.logboek_service import AuditFilter, LogboekService
from zorgapp.services.report_service import ReportService

VANDAAG = date(2026, 11, 22)


@pytest.fixture
def kluis(vault):
    fill_demo(vault, 6, seed=3, vandaag=VANDAAG)
    with vault.read() as db:
        rows = db.execute("SELECT uuid, dossiernummer FROM dossier ORDER BY id LIMIT 2").fetchall()
    (a, nr_a), (b, nr_b) = rows
    with vault.transaction():  # entries on fixed days, by two users
        vault.audit.record("open", record_type="dossier", record_uuid=a, actor="anna",
                           ts="2025-03-01T10:00:00Z")
        vault.audit.record("print", record_type="dossier", record_uuid=a, actor="piet",
                           ts="2025-06-15T09:00:00Z")
        vault.audit.record("open", record_type="dossier", record_uuid=b, actor="piet",
                           ts="2025-06-16T09:00:00Z")
    vault.nummers = (nr_a, nr_b)
    return vault


def _csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_filter_by_case_period_user_and_action(kluis) -> None:
    service = LogboekService(kluis)
    nr_a, nr_b = kluis.nummers
    a = service.dossier_uuid(nr_a)
    regels = service.zoek(AuditFilter(dossier_uuid=a))
    assert {r.dossiernummer for r in regels} == {nr_a}
    assert ("anna", "open") in {(r.gebruiker, r.handeling) for r in regels}
    juni = service.zoek(AuditFilter(van=date(2025, 6, 1), tot=date(2025, 6, 15)))
    assert [(r.gebruiker, r.handeling, r.dossiernummer) for r in juni] == [("piet", "print", nr_a)]
    assert [r.dossiernummer for r in service.zoek(AuditFilter(gebruiker="piet", handeling="open"))] == [nr_b]
    assert service.zoek(AuditFilter(dossier_uuid=a, gebruiker="nobody")) == []


def test_letters_and_attachments_count_for_their_case(kluis) -> None:
    with kluis.read() as db:
        plaatsing, nummer = db.execute(
            "SELECT p.uuid, d.dossiernummer FROM plaatsing p JOIN dossier d "
            "ON d.uuid = p.dossier_uuid LIMIT 1").fetchone()
    rapport = ReportService(kluis, actor="brief").plaatsingsbrief(plaatsing)
    ReportService(kluis, actor="brief").afgedrukt(rapport)  # recorded on the placement
    service = LogboekService(kluis)
    regels = service.voor_dossier(service.dossier_uuid(nummer))
    assert ("print", "plaatsing", nummer) in {(r.handeling, r.gegeven, r.dossiernummer)
                                              for r in regels}


def test_csv_export_is_filtered_and_itself_audited(kluis, tmp_path) -> None:
    service = LogboekService(kluis, actor="fg")
    nr_a, _nr_b = kluis.nummers
    pad = tmp_path / "log.csv"
    regels, controle = service.exporteer(
        AuditFilter(dossier_uuid=service.dossier_uuid(nr_a), van=date(2025, 1, 1),
                    tot=date(2025, 12, 31)), csv_pad=pad)
    rows = _csv(pad.read_bytes())
    assert [(r["gebruiker"], r["handeling"], r["dossiernummer"]) for r in rows] == [
        ("anna", "open", nr_a), ("piet", "print", nr_a)]
    assert rows[0]["omschrijving"] == "geopend" and len(rows[0]["hash"]) == 64
    assert controle.in_orde and len(regels) == 2
    laatste = kluis.audit.entries()[-1]
    assert (laatste.action, laatste.record_type, laatste.actor, laatste.outcome) == (
        "export", "audit", "fg", "2")
    assert {"csv", "filter:dossier", "filter:van", "filter:tot"} <= set(laatste.fields)


def test_pdf_export_carries_the_chain_check(kluis, tmp_path) -> None:
    service = LogboekService(kluis, vandaag=lambda: VANDAAG)
    nr_a, _ = kluis.nummers
    pad = tmp_path / "log.pdf"
    service.exporteer(AuditFilter(dossier_uuid=service.dossier_uuid(nr_a)), pdf_pad=pad)
    body = squash(text(pad.read_bytes()))
    assert squash("Logboek voor de privacyfunctionaris") in body
    assert squash("het logboek is ongeschonden") in body
    assert nr_a in body and "anna" in body


def test_pdf_says_when_the_chain_is_broken(kluis, tmp_path) -> None:
    with kluis.transaction() as db:  # an insider edits a line behind the app's back
        db.execute("DROP TRIGGER IF EXISTS audit_no_update")
        db.execute("UPDATE audit SET actor = 'iemand' WHERE actor = 'anna'")
    pad = tmp_path / "log.pdf"
    _regels, controle = LogboekService(kluis).exporteer(AuditFilter(), pdf_pad=pad)
    assert not controle.in_orde
    assert squash("het logboek is NIET in orde") in squash(text(pad.read_bytes()))


def test_every_action_the_vault_records_has_plain_words() -> None:
    """The privacy officer's export, the inzage and the Beheer table read one list of words
    (domain.logboek); legal holds and destruction were missing from it."""
    from zorgapp.domain.logboek import HANDELINGEN
    from zorgapp.store import audit

    recorded = {value for name, value in vars(audit).items()
                if name.isupper() and isinstance(value, str) and value.islower()
                and value.isalpha() and len(value) < 12}
    assert {"hold", "release", "destroy"} <= recorded
    assert recorded - set(HANDELINGEN) == set()
