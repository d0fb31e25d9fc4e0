"""A big demo vault is made by worker processes in chunks (issue 15, item 5): the same
vault every time, its first chunk the cases one process makes, and the same rules kept
(capacity, COSM only for adult third-country nationals, the legal track)."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.conftest import FAST_KDF, PASSPHRASE
from tests.unit.services.test_deadline_index import assert_rows_match_documents
from zorgapp.domain.opvang import OpvangType
from zorgapp.domain.persoon import Persoon
from zorgapp.domain.plaatsing_regels import max_bezetting
from zorgapp.services import demo_parallel
from zorgapp.services.demo import fill_demo
from zorgapp.store.doc_codec import decode
from zorgapp.store.opvang import OpvangRepository, PlaatsingRepository
from zorgapp.store.vault import Vault

VANDAAG = date(2026, 11, 1)
_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
_TIJD = re.compile(r"\d{4}-\d\d-\d\dT[0-9:.+]+")


def _inhoud(path: Path) -> dict[str, list[str]]:
    """Every case (document and row) and placement, by case number: ids and the
    moments of recording are random, the rest is the demo data."""
    vault = Vault.unlock(path, PASSPHRASE)
    try:
        with vault.read() as db:
            nummers: dict[str, str] = dict(db.execute("SELECT uuid, dossiernummer FROM dossier"))
            dossiers = [json.dumps([*row[:-1], decode(row[-1])], ensure_ascii=False)
                        for row in db.execute(
                            "SELECT dossiernummer, fase, deadline, naam, d.data FROM dossier "
                            "JOIN dossier_doc d USING (id) ORDER BY dossiernummer")]
            locaties = {rij.locatie.uuid: rij.locatie for rij in OpvangRepository(db).alle()}
            plaatsingen = PlaatsingRepository(db).in_periode(date(2000, 1, 1), date(2100, 1, 1))
            personen = {r[0]: Persoon.from_dict(decode(r[1])["persoon"]) for r in db.execute(
                "SELECT uuid, data FROM dossier JOIN dossier_doc USING (id)")}
            punten = [r[0] for r in db.execute("SELECT dossier_uuid FROM overleg_punt")]
    finally:
        vault.lock()
    van, tot = VANDAAG - timedelta(days=4 * 365), VANDAAG + timedelta(days=1)
    for locatie in locaties.values():
        assert max_bezetting(plaatsingen, locatie.uuid, van, tot) <= (
            locatie.capaciteit or 10**6), locatie.naam
    for p in plaatsingen:
        if p.type is OpvangType.COSM:
            persoon = personen[p.dossier_uuid]
            assert p.van is not None and (persoon.leeftijd_op(p.van) or 0) >= 18
    return {
        "dossiers": [_TIJD.sub("T", _ID.sub("ID", d)) for d in dossiers],
        "plaatsingen": sorted(f"{nummers[p.dossier_uuid]} {locaties[p.locatie_uuid or ''].naam} "
                              f"{p.van} {p.tot} {p.type}" for p in plaatsingen),
        "agenda": sorted(nummers[u] for u in punten),
    }


def _vul(path: Path, n: int) -> dict[str, list[str]]:
    vault, _recovery = Vault.create(path, PASSPHRASE, FAST_KDF)
    try:
        fill_demo(vault, n, vandaag=VANDAAG)
    finally:
        vault.lock()
    return _inhoud(path)


def test_chunks_made_by_workers_are_the_same_every_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo_parallel, "CHUNK", 40)
    monkeypatch.setattr(demo_parallel, "_cores", lambda: 2)
    monkeypatch.setattr(demo_parallel, "PARALLEL_FROM", 10**9)
    een_proces = _vul(tmp_path / "serieel.zorg", 130)
    monkeypatch.setattr(demo_parallel, "PARALLEL_FROM", 100)
    eerste, tweede = _vul(tmp_path / "a.zorg", 130), _vul(tmp_path / "b.zorg", 130)
    assert eerste == tweede
    assert len(eerste["dossiers"]) == 130
    # the first chunk holds the cases one process makes; the later ones other cases
    oudste = sorted(eerste["dossiers"], key=lambda d: json.loads(d)[-1]["meldingen"][0]["datum"])
    serieel = sorted(een_proces["dossiers"],
                     key=lambda d: json.loads(d)[-1]["meldingen"][0]["datum"])
    assert oudste[:40] == serieel[:40]
    assert eerste["dossiers"] != een_proces["dossiers"]
    assert eerste["plaatsingen"] and eerste["agenda"]


def test_rows_made_by_workers_carry_every_deadline(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The dashboard's deadline rows of a vault made in chunks are those of each case's
    document and its placements (made in the main process after the worker's rows)."""
    monkeypatch.setattr(demo_parallel, "CHUNK", 40)
    monkeypatch.setattr(demo_parallel, "_cores", lambda: 2)
    monkeypatch.setattr(demo_parallel, "PARALLEL_FROM", 100)
    path = tmp_path / "p.zorg"
    _vul(path, 130)
    vault = Vault.unlock(path, PASSPHRASE)
    try:
        with vault.read() as db:
            geplaatst = db.execute("SELECT count(*) FROM deadline WHERE soort LIKE 'plaatsing%'"
                                   ).fetchone()[0]
        assert geplaatst > 0
        assert assert_rows_match_documents(vault) > 0
    finally:
        vault.lock()


def test_workers_are_used_only_where_they_pay() -> None:
    assert not demo_parallel.loont(demo_parallel.PARALLEL_FROM - 1)
    assert demo_parallel.loont(demo_parallel.PARALLEL_FROM) == (demo_parallel._cores() > 1)


def test_workers_started_before_the_vault_make_the_same_vault(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``make_demo_vault`` starts the workers while the key is derived
    (``demo_parallel.vooraf``): the same cases as workers started by ``fill_demo``."""
    from zorgapp.services.demo import make_demo_vault

    monkeypatch.setattr(demo_parallel, "CHUNK", 40)
    monkeypatch.setattr(demo_parallel, "_cores", lambda: 2)
    monkeypatch.setattr(demo_parallel, "PARALLEL_FROM", 100)
    gestart = []
    start = demo_parallel.Vuller.start

    def onthoud(self: demo_parallel.Vuller) -> None:
        gestart.append(self.pool is None)
        start(self)

    monkeypatch.setattr(demo_parallel.Vuller, "start", onthoud)
    vooraf = tmp_path / "vooraf.zorg"
    make_demo_vault(vooraf, 130, PASSPHRASE)
    assert gestart == [True, False]  # started once, before the vault; not again
    vault, _recovery = Vault.create(tmp_path / "later.zorg", PASSPHRASE, FAST_KDF)
    try:
        fill_demo(vault, 130)
    finally:
        vault.lock()
    assert _inhoud(vooraf) == _inhoud(tmp_path / "later.zorg")


def test_workers_started_early_stop_when_the_vault_cannot_be_made(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from zorgapp.errors import KnownError
    from zorgapp.services.demo import make_demo_vault

    monkeypatch.setattr(demo_parallel, "PARALLEL_FROM", 100)
    monkeypatch.setattr(demo_parallel, "_cores", lambda: 2)
    gestopt = []
    stop = demo_parallel.Vuller.stop

    def onthoud(self: demo_parallel.Vuller) -> None:
        gestopt.append(self.pool is not None)
        stop(self)

    monkeypatch.setattr(demo_parallel.Vuller, "stop", onthoud)
    path = tmp_path / "bezet.zorg"
    path.write_bytes(b"")
    with pytest.raises(KnownError):
        make_demo_vault(path, 130, PASSPHRASE)
    assert gestopt == [True]
