"""Issue 14 parts 1-2 at the service level: copies beside the vault (a vault kept aside by
a restore, a backup that cannot be read), the reason that must not name the person, and
the order of the refusals."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.unit.services.opvang_fixtures import dossier
from zorgapp.domain.codes import Fase, Sluitreden
from zorgapp.errors import UsageError
from zorgapp.services.bewaren_service import BewaarService
from zorgapp.services.dossier_service import DossierService
from zorgapp.store import backup as backup_mod
from zorgapp.store import vernietigen
from zorgapp.store.connection import connect
from zorgapp.store.vault import Vault

VANDAAG = date(2026, 6, 30)


def _gesloten(vault: Vault, naam: str = "Ana Popescu") -> tuple[str, str]:
    uuid = dossier(vault, naam=naam)
    service = DossierService(vault, actor="test", vandaag=lambda: VANDAAG)
    service.overgang(uuid, Fase.AFGESLOTEN, date(2026, 2, 1), "klaar", Sluitreden.ZELFSTANDIG)
    return uuid, service.laad(uuid).dossiernummer


def test_copies_kept_aside_by_a_restore_are_rewritten_and_unreadable_ones_retired(vault_path: Path) -> None:
    vault, _ = Vault.create(vault_path, PASSPHRASE)
    uuid, nummer = _gesloten(vault)
    made = backup_mod.make_backup(vault)
    vault.lock()
    backup_mod.restore(made, vault_path, passphrase=PASSPHRASE)  # keeps the old vault aside
    aside = next(p for p in vault_path.parent.glob(vault_path.name + ".voor-terugzetten-*")
                 if not p.name.endswith((".key", ".head")))
    stranger, _ = Vault.create(made.with_name(made.name.replace(".zorg", "-x.zorg")), PASSPHRASE)
    stranger.lock()  # a file with another key among the backups: cannot be checked
    vault = Vault.unlock(vault_path, PASSPHRASE)
    try:
        gedaan = BewaarService(vault, vandaag=lambda: VANDAAG).vernietig(
            nummer, nummer, vroegtijdig=True, reden="verzoek")
        key = bytes(vault.key)
    finally:
        vault.lock()
    acties = {k.pad.name: k.actie for k in gedaan.kopieen}
    assert acties[aside.name] == vernietigen.HERSCHREVEN and acties[made.name] == vernietigen.HERSCHREVEN
    assert acties[stranger.path.name] == vernietigen.VERWIJDERD and not stranger.path.exists()
    for copy in (aside, made):
        db = connect(copy, key, pragmas=False)
        try:
            assert db.execute("SELECT count(*) FROM dossier WHERE uuid = ?", (uuid,)).fetchone()[0] == 0
            assert db.execute("SELECT count(*) FROM audit WHERE action = 'destroy'").fetchone()[0] == 1
        finally:
            db.close()


def test_refusals_and_a_reason_that_names_the_person(vault) -> None:
    uuid, nummer = _gesloten(vault, naam="Ana Popescu")
    service = BewaarService(vault, vandaag=lambda: VANDAAG)
    with pytest.raises(UsageError):
        service.vernietig(nummer, "iets anders", vroegtijdig=True, reden="verzoek")
    with pytest.raises(UsageError):
        service.vernietig(nummer, nummer)  # term not passed, not early
    with pytest.raises(UsageError):
        service.vernietig(nummer, nummer, vroegtijdig=True, reden="")
    with pytest.raises(UsageError) as named:
        service.vernietig(nummer, nummer, vroegtijdig=True, reden="verzoek van mevrouw Popescu")
    assert "BSN" in named.value.msgid
    open_uuid = dossier(vault, naam="Open Zaak")
    with pytest.raises(UsageError):
        service.vernietig(DossierService(vault).laad(open_uuid).dossiernummer, "x")
    assert DossierService(vault).laad(uuid).dossiernummer == nummer  # still there
    later = BewaarService(vault, vandaag=lambda: date(2041, 2, 2))
    assert later.vernietig(nummer, nummer).reden == "termijn_verstreken"


def test_the_term_follows_the_closure_reason(vault) -> None:
    _uuid, nummer = _gesloten(vault)  # closed 2026-02-01 as "zelfstandig"
    service = BewaarService(vault, vandaag=lambda: VANDAAG)
    assert service.regel(nummer).bewaren_tot == date(2041, 2, 1)
    service.termijnen_opslaan({**service.termijnen(), "zelfstandig": 7, "overleden": 20})
    assert service.regel(nummer).bewaren_tot == date(2033, 2, 1)
    with pytest.raises(UsageError):
        service.termijnen_opslaan({"zelfstandig": 0})


def test_nothing_left_in_the_file_or_its_wal_while_the_vault_stays_open(vault, vault_path: Path) -> None:
    """Not only ``lock`` (which always checkpoints): the destruction itself leaves no WAL
    frame and no freed page with the name, while the app keeps running."""
    from tests.unit.store import pagescan

    _uuid, nummer = _gesloten(vault, naam="Zuzanna Xylofoonbouwer")
    needles = [b"Xylofoonbouwer", b"xylofoonbouwer"]
    assert pagescan.found(vault_path, bytes(vault.key), needles)  # in the WAL or the file now
    BewaarService(vault, vandaag=lambda: VANDAAG).vernietig(nummer, nummer, vroegtijdig=True, reden="verzoek")
    assert vault.is_open
    assert Path(str(vault_path) + "-wal").stat().st_size == 0
    assert pagescan.found(vault_path, bytes(vault.key), needles) == []
