"""The dashboard reads stored deadline rows (``store/deadlines.py``) instead of opening
documents: it must show what working the deadlines out from every document shows, and
every writer must keep the rows equal to ``deadlines_voor`` of the document and its
placements."""

from __future__ import annotations

import functools
import shutil
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.conftest import DEMO_TODAY, PASSPHRASE
from zorgapp.domain.codes import Fase, MelderType, Sluitreden, ToestemmingDoel
from zorgapp.domain.deadlines import (
    Deadline,
    DeadlineSoort,
    achterstallig,
    binnenkort,
    deadlines_voor,
)
from zorgapp.domain.dossier import Melding, Toestemming
from zorgapp.domain.opvang import OpvangType
from zorgapp.domain.persoon import Persoon
from zorgapp.i18n import set_language
from zorgapp.services.dossier_service import MAX_REGELS, DossierService
from zorgapp.services.opvang_service import OpvangService
from zorgapp.store import deadlines as deadline_index
from zorgapp.store.deadlines import FASE_TELLING
from zorgapp.store.dossiers import DossierRepository, DossierRij
from zorgapp.store.opvang import PlaatsingRepository
from zorgapp.store.vault import Vault

DATA = Path(__file__).resolve().parents[2] / "data"
OLD_PASSPHRASE = "oude kluis testzin"


def _dag(today: date) -> date:
    return today


def assert_rows_match_documents(vault: Vault) -> int:
    """Every case's stored rows and next-deadline column are those of its document and
    placements now; no row outlives its case. Returns the number of rows."""
    with vault.read() as db:
        repo, plaatsingen = DossierRepository(db), PlaatsingRepository(db)
        total = 0
        for row_id, uuid, kolom in db.execute(
                "SELECT id, uuid, deadline FROM dossier ORDER BY id").fetchall():
            want = deadlines_voor(repo.get(uuid), DEMO_TODAY, plaatsingen.voor_dossier(uuid))
            got = [deadline_index.uit_rij(r, uuid) for r in db.execute(
                f"SELECT {deadline_index.KOLOMMEN} FROM deadline dl WHERE dossier_id = ? "
                "ORDER BY volgorde", (row_id,))]
            assert got == want, uuid
            assert kolom == (want[0].datum.isoformat() if want else None), uuid
            total += len(got)
        assert db.execute("SELECT count(*) FROM deadline WHERE dossier_id NOT IN "
                          "(SELECT id FROM dossier)").fetchone()[0] == 0
        assert db.execute("SELECT count(*) FROM deadline").fetchone()[0] == total
        assert dict(db.execute(FASE_TELLING)) == dict(db.execute(
            "SELECT fase, count(*) FROM dossier GROUP BY fase"))
    return total


@dataclass
class Lijsten:
    achterstallig: list[tuple[Deadline, DossierRij]] = field(default_factory=list)
    binnenkort: list[tuple[Deadline, DossierRij]] = field(default_factory=list)


def lists_from_documents(vault: Vault, today: date, dagen: int = 14) -> Lijsten:
    """The dashboard's two lists as they were made before the rows: the documents of the
    cases whose next deadline is near, their deadlines worked out one case at a time."""
    result = Lijsten()
    horizon = (today + timedelta(days=dagen)).isoformat()
    with vault.read() as db:
        repo = DossierRepository(db)
        near = [r[0] for r in db.execute(
            "SELECT id FROM dossier WHERE deadline IS NOT NULL AND deadline <= ? "
            "ORDER BY deadline LIMIT ?", (horizon, 2 * MAX_REGELS))]
        rows = repo.rows(near)
        for row_id in near:
            row = rows[row_id]
            found = deadlines_voor(repo.get(row.uuid), today,
                                   PlaatsingRepository(db).voor_dossier(row.uuid))
            result.achterstallig += [(d, row) for d in achterstallig(found, today)]
            result.binnenkort += [(d, row) for d in binnenkort(found, today, dagen)]
    result.achterstallig = sorted(result.achterstallig, key=lambda i: i[0].datum)[:MAX_REGELS]
    result.binnenkort = sorted(result.binnenkort, key=lambda i: i[0].datum)[:MAX_REGELS]
    return result


def _texts(items: list[tuple[Deadline, DossierRij]]) -> list[tuple[str, ...]]:
    from zorgapp.i18n import format_date
    from zorgapp.ui.models.labels import deadline_tekst

    return [(r.dossiernummer, r.naam, deadline_tekst(d), format_date(d.datum), r.uuid)
            for d, r in items]


def _add_every_kind(vault: Vault, today: date) -> None:
    """Deadlines of the kinds the demo makes rarely or never, near ``today``."""
    service = DossierService(vault, actor="test", vandaag=lambda: today)
    with vault.read() as db:
        uuids = [r[0] for r in db.execute(
            "SELECT uuid FROM dossier WHERE fase NOT IN ('afgesloten', 'signaal') ORDER BY id")]
    for i in range(3):
        fresh = service.nieuwe_melding(
            Persoon(naam=f"Mira Test {i}"),
            Melding(datum=today - timedelta(days=40), melder_type=MelderType.HUISARTS,
                    melder_organisatie="Huisarts" if i else ""))
        service.overgang(fresh.uuid, Fase.INTAKE, today - timedelta(days=20 + i), "test")
        service.toestemming_toevoegen(fresh.uuid, Toestemming(
            doel=ToestemmingDoel.STATISTIEK, datum=today - timedelta(days=30),
            geldig_tot=today + timedelta(days=3 * i - 2)))
        service.taak_toevoegen(uuids[i], "Bellen met de advocaat", today + timedelta(days=i))
    opvang = OpvangService(vault, actor="test", vandaag=lambda: today)
    opvang.vraag_aan(uuids[3], OpvangType.VO, aangevraagd_op=today - timedelta(days=9),
                     evaluatiedatum=today + timedelta(days=5),
                     verwachte_einddatum=today - timedelta(days=1))


def test_the_dashboard_shows_what_the_documents_give(demo_vault: Path) -> None:
    vault = Vault.unlock(demo_vault, PASSPHRASE)
    try:
        _add_every_kind(vault, DEMO_TODAY)
        assert_rows_match_documents(vault)
        with vault.read() as db:
            kinds = {r[0] for r in db.execute("SELECT DISTINCT soort FROM deadline")}
        assert kinds == {s.value for s in DeadlineSoort}
        for today in (DEMO_TODAY, DEMO_TODAY + timedelta(days=9)):  # a later day: no rewrite
            new = DossierService(vault, vandaag=functools.partial(_dag, today)).overzicht()
            old = lists_from_documents(vault, today)
            assert new.achterstallig == old.achterstallig
            assert new.binnenkort == old.binnenkort
            assert len(new.achterstallig) > 10 and len(new.binnenkort) > 10
            shown = {d.soort for d, _r in new.achterstallig + new.binnenkort}
            assert len(shown) >= 6
            for language in ("nl", "en"):
                set_language(language)
                assert _texts(new.achterstallig) == _texts(old.achterstallig)
                assert _texts(new.binnenkort) == _texts(old.binnenkort)
            set_language("nl")
    finally:
        vault.lock()


def test_every_writer_keeps_the_rows(vault: Vault) -> None:
    today = date(2026, 6, 30)
    service = DossierService(vault, actor="test", vandaag=lambda: today)
    opvang = OpvangService(vault, actor="test", vandaag=lambda: today)
    locatie = opvang.nieuwe_locatie("Stichting Test (fictief)", "Opvang Noord", OpvangType.VO,
                                    capaciteit=2, dagtarief="120,00",
                                    geldig_vanaf=date(2025, 1, 1)).uuid
    d = service.nieuwe_melding(Persoon(naam="Ana Popescu"), Melding(
        datum=date(2026, 6, 1), melder_type=MelderType.HUISARTS))
    assert assert_rows_match_documents(vault) == 1  # feedback owed to the melder
    service.overgang(d.uuid, Fase.INTAKE, date(2026, 6, 2), "test")
    service.taak_toevoegen(d.uuid, "Huisvesting regelen", date(2026, 7, 4))
    assert assert_rows_match_documents(vault) == 3  # and registering with CoMensha
    aanvraag = opvang.vraag_aan(d.uuid, OpvangType.VO, evaluatiedatum=date(2026, 7, 10))
    assert assert_rows_match_documents(vault) == 4
    p = opvang.plaats(aanvraag.uuid, date(2026, 6, 20), locatie_uuid=locatie,
                      verwachte_einddatum=date(2026, 9, 1)).plaatsing
    assert assert_rows_match_documents(vault) == 5
    opvang.beeindig(p.uuid, date(2026, 6, 29), "Zelfstandig")
    assert assert_rows_match_documents(vault) == 3
    opvang.plaats_direct(d.uuid, OpvangType.VO, date(2026, 6, 29), locatie_uuid=locatie,
                         evaluatiedatum=date(2026, 7, 20))
    taak = service.laad(d.uuid).taken[0]
    service.taak_afvinken(d.uuid, taak.uuid, today)
    assert assert_rows_match_documents(vault) == 3
    service.overgang(d.uuid, Fase.AFGESLOTEN, today, "test", Sluitreden.ZELFSTANDIG,
                     plaatsingen_beeindigen=True)
    assert assert_rows_match_documents(vault) == 1  # closed: only the feedback stays
    service.heropen(d.uuid, today, "test")
    assert assert_rows_match_documents(vault) == 2
    with vault.transaction() as db:
        from zorgapp.store import vernietigen

        vernietigen.wis_rijen(db, d.uuid)
    assert assert_rows_match_documents(vault) == 0


def test_a_case_removed_takes_its_rows(vault: Vault) -> None:
    service = DossierService(vault, actor="test", vandaag=lambda: date(2026, 6, 30))
    d = service.nieuwe_melding(Persoon(naam="Ana Popescu"), Melding(
        datum=date(2026, 6, 1), melder_type=MelderType.POLITIE))
    with vault.transaction() as db:
        db.execute("DELETE FROM dossier_doc WHERE id = (SELECT id FROM dossier WHERE uuid = ?)",
                   (d.uuid,))
        db.execute("DELETE FROM dossier WHERE uuid = ?", (d.uuid,))
    with vault.read() as db:
        assert db.execute("SELECT count(*) FROM deadline").fetchone()[0] == 0


def test_an_imported_bundle_brings_its_rows(tmp_path: Path) -> None:
    from tests.unit.exchange.conftest import make_pair
    from zorgapp.exchange import importer

    pair = make_pair(tmp_path, cases=12)
    try:
        bundle = pair.sa.exporteer(pair.uuids, tmp_path / "alle",
                                   [pair.sb.kaart().age_recipient])
        pair.sb.importeer(pair.sb.bekijk(bundle.pad))
        assert assert_rows_match_documents(pair.b) > 0
        with pair.a.read() as db, pair.b.read() as db_b:
            assert db.execute("SELECT * FROM deadline ORDER BY 1, 2").fetchall() == \
                db_b.execute("SELECT * FROM deadline ORDER BY 1, 2").fetchall()
        uuid = pair.uuids[0]
        DossierService(pair.a).taak_toevoegen(uuid, "Nabellen", date(2026, 1, 5))
        DossierService(pair.b).taak_toevoegen(uuid, "Dossier overdragen", date(2026, 1, 6))
        for keuze in (importer.THEIRS, importer.BOTH):
            again = pair.sa.exporteer([uuid], tmp_path / keuze, [pair.sb.kaart().age_recipient])
            pair.sb.importeer(pair.sb.bekijk(again.pad), {uuid: keuze})
            assert_rows_match_documents(pair.b)
    finally:
        pair.a.lock()
        pair.b.lock()


def _version(path: Path) -> int:
    return int(path.stem.split("-")[1])


OLD_VAULTS: list[Path] = sorted((p for p in DATA.glob("schema-*.zorg") if _version(p) >= 2),
                                key=_version)


@pytest.mark.parametrize("old", OLD_VAULTS, ids=lambda p: p.stem)
def test_an_upgraded_vault_gets_its_rows(old: Path, tmp_path: Path) -> None:
    target = tmp_path / old.name
    for suffix in ("", ".key", ".head"):
        shutil.copy(Path(str(old) + suffix), Path(str(target) + suffix))
    vault = Vault.unlock(target, OLD_PASSPHRASE)
    try:
        assert assert_rows_match_documents(vault) > 0
    finally:
        vault.lock()


def test_counting_due_cases_reads_only_those_closed_long_enough_ago(demo_vault: Path) -> None:
    """The dashboard's count of cases due for destruction skips cases closed too recently
    for the shortest term; it must find what the whole list finds, on every day."""
    from zorgapp.services.bewaren_service import BewaarService

    vault = Vault.unlock(demo_vault, PASSPHRASE)
    try:
        with vault.read() as db:
            gesloten = sorted(date.fromisoformat(r[0]) for r in db.execute(
                "SELECT fase_sinds FROM dossier WHERE fase = 'afgesloten'"))
        assert len(gesloten) > 20
        for termijnen in ({}, {"zelfstandig": 1, "terugkeer": 3}):
            BewaarService(vault).termijnen_opslaan(termijnen)
            jaren = min(BewaarService(vault).termijnen().values())
            for gesloten_op in [*gesloten[::7], date(2024, 2, 29)]:
                for dagen in (-1, 0, 1):
                    today = gesloten_op.replace(year=gesloten_op.year + jaren, day=28) \
                        if (gesloten_op.month, gesloten_op.day) == (2, 29) else \
                        gesloten_op.replace(year=gesloten_op.year + jaren)
                    service = BewaarService(
                        vault, vandaag=functools.partial(_dag, today + timedelta(days=dagen)))
                    alle = [r for r in service.lijst() if r.verstreken]
                    assert service.lijst(alleen_verstreken=True) == alle
                    assert service.aantal_verstreken() == len(alle)
    finally:
        vault.lock()
