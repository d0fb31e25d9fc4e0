"""Documents from a vault: made in memory, printed and saved with an audit entry."""

from __future__ import annotations

import stat
from datetime import date

import pytest

from tests.unit.reports.pdftext import reader, text
from zorgapp.reports.style import Briefhoofd
from zorgapp.services.demo import fill_demo
from zorgapp.services.report_service import ReportService

VANDAAG = date(2026, 11, 22)


@pytest.fixture
def demo_vault(vault):
    fill_demo(vault, 120, seed=5, vandaag=VANDAAG)
    return vault


def service(vault) -> ReportService:
    return ReportService(vault, Briefhoofd(organisatie="Zorgcoördinatie HM", plaats="Leiden"),
                         actor="tester", vandaag=lambda: VANDAAG)


def _placement(vault) -> tuple[str, str]:
    with vault.read() as db:
        return db.execute(
            "SELECT p.uuid, d.dossiernummer FROM plaatsing p JOIN dossier d "
            "ON d.uuid = p.dossier_uuid WHERE p.van IS NOT NULL ORDER BY p.van LIMIT 1"
        ).fetchone()


def _actions(vault) -> list[tuple[str, str]]:
    return [(e.action, e.record_type) for e in vault.audit.entries()]


def test_letter_from_a_placement_is_audited_as_opening_the_case(demo_vault) -> None:
    plaatsing, nummer = _placement(demo_vault)
    rapport = service(demo_vault).plaatsingsbrief(plaatsing)
    body = text(rapport.pdf)
    assert nummer in body and "Leiden, 22 november 2026" in body
    assert "DEMO" in body  # a demo vault's documents carry the watermark
    assert rapport.bestandsnaam == f"plaatsingsbrief-{nummer}.pdf"
    assert ("open", "dossier") in _actions(demo_vault)


def test_print_and_save_are_in_the_audit_trail_and_the_file_is_private(demo_vault,
                                                                     tmp_path) -> None:
    _, nummer = _placement(demo_vault)
    s = service(demo_vault)
    rapport = s.dossieroverzicht(nummer)
    s.afgedrukt(rapport)
    uit = tmp_path / "uit"
    uit.mkdir()
    pad = s.bewaar(rapport, uit / "overzicht.pdf")
    assert pad.read_bytes() == rapport.pdf
    assert stat.S_IMODE(pad.stat().st_mode) == 0o600
    acties = _actions(demo_vault)
    assert ("print", "dossier") in acties and ("export", "dossier") in acties
    assert list(uit.iterdir()) == [pad]  # no temporary files left behind


def test_annual_report_counts_the_vault_and_reports_progress(demo_vault) -> None:
    seen: list[float] = []
    rapport = service(demo_vault).jaarbeeld(2026, progress=seen.append)
    body = text(rapport.pdf)
    assert "2023" in body and "2026" in body
    assert "Vrouwenopvang" in body  # placements counted by type, from the vault
    assert seen[-1] == pytest.approx(1.0)
    assert reader(rapport.pdf).metadata.title == "Jaarbeeld"


def test_allocation_statement_for_a_quarter(demo_vault) -> None:
    rapport = service(demo_vault).kostenverdeling(2025, 2)
    body = text(rapport.pdf)
    assert "Kostenverdeling" in body
    assert "1 apr 2025 t/m 30 jun 2025" in body


def test_year_figures_from_the_index_equal_those_from_whole_documents(demo_vault) -> None:
    from zorgapp.domain import jaarbeeld as jb
    from zorgapp.domain.codes import MelderType
    from zorgapp.domain.dossier import Dossier, Melding
    from zorgapp.domain.persoon import Persoon
    from zorgapp.domain.traject import Traject
    from zorgapp.services.report_service import _groepen, _starts
    from zorgapp.store.dossiers import DossierRepository
    from zorgapp.store.opvang import PlaatsingRepository

    geschat = Dossier(dossiernummer="HM-2025-9001", persoon=Persoon(
        naam="Geschat", geschatte_leeftijd=17, leeftijd_geschat_op=date(2024, 3, 1)))
    geschat.meldingen.append(Melding(datum=date(2025, 2, 1), melder_type=MelderType.GGD))
    geschat.traject = Traject.begin(date(2025, 2, 1), "Melding", "test", VANDAAG)
    zonder = Dossier(dossiernummer="HM-2024-9002", persoon=Persoon(naam="Zonder melding"))
    zonder.traject = Traject.begin(date(2024, 6, 1), "Doorverwezen", "test", VANDAAG)
    with demo_vault.transaction() as db:
        DossierRepository(db).insert_many([(geschat, None), (zonder, None)])
    jaren = [2023, 2024, 2025, 2026]
    with demo_vault.read() as db:
        snel = jb.tel_groepen(_groepen(db, date(2023, 1, 1), date(2027, 1, 1)), jaren,
                              plaatsingen_per_jaar=_starts(db, date(2023, 1, 1),
                                                           date(2027, 1, 1)))
        alle = PlaatsingRepository(db).in_periode(date(1900, 1, 1), date(9999, 1, 1))
        heel = jb.tel(DossierRepository(db).documents(), jaren, alle)
    assert sum(sum(r.values()) for r in heel.per[jb.PLAATSING].values()) > 10
    assert sum(heel.totaal.values()) > 50
    assert snel.totaal == heel.totaal
    assert snel.per == heel.per
