"""The statistics' rows: counted in SQL from index columns, they must say what the
documents say; for vaults from before those columns, the migration step fills them."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from zorgapp.domain import jaarbeeld as jb
from zorgapp.domain.codes import Sluitreden
from zorgapp.domain.dossier import Dossier
from zorgapp.domain.statistiek import StatRij, index_velden, nationaliteitsgroep
from zorgapp.store.doc_codec import decode
from zorgapp.store.statistiek import dossier_rijen, plaatsing_rijen
from zorgapp.store.vault import Vault

DATA = Path(__file__).resolve().parents[2] / "data"
OLD_PASSPHRASE = "oude kluis testzin"


def _from_documents(vault: Vault) -> tuple[Counter, Counter]:
    """(cases, placements) per StatRij, worked out from whole documents in Python."""
    cases: Counter = Counter()
    placements: Counter = Counter()
    starts: dict[str, list[str]] = {}
    for uuid, van in vault.conn.execute("SELECT dossier_uuid, van FROM plaatsing "
                                        "WHERE van IS NOT NULL"):
        starts.setdefault(uuid, []).append(van)
    for (data,) in vault.conn.execute("SELECT data FROM dossier_doc"):
        doc = decode(data)
        velden = index_velden(Dossier.from_dict(doc))
        begin, geslacht, groep, gemeente, melder, vormen, *_rest = jb.rij(doc)
        persoon = doc.get("persoon") or {}

        vast = (geslacht, gemeente, melder, vormen)
        rest = (nationaliteitsgroep(str(velden["nationaliteit"])), str(velden["sector"]),
                bool(velden["comensha"]),
                velden["sluitreden"] != Sluitreden.GEEN_MENSENHANDEL.value)

        def rij(jaar: int, groep: str, vast=vast, rest=rest) -> StatRij:
            return StatRij(jaar, vast[0], groep, *vast[1:], *rest)

        if begin is not None:
            cases[rij(int(begin[:4]), groep)] += 1
        for van in starts.get(doc["uuid"], []):
            op = begin or van
            leeftijd = jb._leeftijd(persoon.get("geboortedatum"),
                                    persoon.get("geschatte_leeftijd"),
                                    persoon.get("leeftijd_geschat_op"), jb._ymd(op))
            placements[rij(int(van[:4]), jb.leeftijdsgroep(leeftijd))] += 1
    return cases, placements


def _from_sql(vault: Vault, jaren: set[int]) -> tuple[Counter, Counter]:
    cases: Counter = Counter()
    placements: Counter = Counter()
    with vault.read() as db:
        for jaar in jaren:
            for r, n in dossier_rijen(db, jaar):
                cases[r] += n
            for r, n in plaatsing_rijen(db, jaar):
                placements[r] += n
    return cases, placements


def _check(vault: Vault) -> None:
    cases, placements = _from_documents(vault)
    jaren = {r.jaar for r in cases} | {r.jaar for r in placements}
    assert jaren
    assert _from_sql(vault, jaren) == (cases, placements)


def test_upgraded_vault_has_the_columns_its_documents_give(tmp_path: Path) -> None:
    old = DATA / "schema-9.zorg"
    target = tmp_path / old.name
    for suffix in ("", ".key", ".head"):
        shutil.copy(Path(str(old) + suffix), Path(str(target) + suffix))
    vault = Vault.unlock(target, OLD_PASSPHRASE)
    try:
        rows = vault.conn.execute(
            "SELECT d.nationaliteit, d.sector, d.comensha, d.sluitreden, c.data FROM dossier d "
            "JOIN dossier_doc c ON c.id = d.id").fetchall()
        assert len(rows) == 12
        for *kolommen, data in rows:
            verwacht = index_velden(Dossier.from_dict(decode(data)))
            assert tuple(kolommen) == tuple(verwacht.values())
        assert any(r[0] for r in rows)  # some nationality was filled in
        _check(vault)
    finally:
        vault.lock()


@pytest.mark.demo_vault(dossiers=300)
def test_sql_rows_count_what_the_documents_say(demo_vault: Path) -> None:
    vault = Vault.unlock(demo_vault, PASSPHRASE)
    try:
        _check(vault)
    finally:
        vault.lock()
