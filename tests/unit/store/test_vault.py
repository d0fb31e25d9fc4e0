"""Vault life cycle: create, unlock, lock, wrong passphrase, damage, recovery."""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from zorgapp.errors import DamagedVaultError, KnownError, UsageError, WrongPassphraseError
from zorgapp.store import keyfile
from zorgapp.store.vault import Vault

from ...conftest import PASSPHRASE


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_create_unlock_lock_round_trip(vault_path: Path) -> None:
    vault, _recovery = Vault.create(vault_path, PASSPHRASE)
    vault.set_meta("prefix", "HM")
    vault.lock()
    assert not vault.is_open
    with pytest.raises(KnownError):
        vault.conn  # noqa: B018 - locked vault has no connection
    again = Vault.unlock(vault_path, PASSPHRASE)
    assert again.meta("prefix") == "HM"
    assert again.vault_id == vault.vault_id
    again.lock()


def test_recovery_key_is_64_hex_digits_in_groups_of_four(vault_path: Path) -> None:
    vault, recovery = Vault.create(vault_path, PASSPHRASE)
    groups = recovery.split("-")
    assert len(groups) == 16 and all(len(g) == 4 for g in groups)
    assert bytes.fromhex(recovery.replace("-", "")) == vault.key
    vault.lock()


def test_files_are_private(vault_path: Path) -> None:
    vault, _ = Vault.create(vault_path, PASSPHRASE)
    vault.lock()
    for path in (vault_path, keyfile.key_path(vault_path), Path(str(vault_path) + ".head")):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_sqlite_pragmas(vault: Vault) -> None:
    db = vault.conn
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA secure_delete").fetchone()[0] == 1
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY


def test_wrong_passphrase_changes_nothing(vault_path: Path) -> None:
    vault, _ = Vault.create(vault_path, PASSPHRASE)
    vault.lock()
    before = (digest(vault_path), digest(keyfile.key_path(vault_path)))
    with pytest.raises(WrongPassphraseError) as info:
        Vault.unlock(vault_path, "dit is niet de goede zin")
    assert "wachtwoordzin klopt niet" in info.value.user_message()
    assert (digest(vault_path), digest(keyfile.key_path(vault_path))) == before
    # The failed attempt is recorded at the next successful unlock.
    again = Vault.unlock(vault_path, PASSPHRASE)
    outcomes = [(e.action, e.outcome) for e in again.audit.entries()]
    assert ("unlock", "failed") in outcomes
    again.lock()


def test_wrong_passphrase_on_command_line_is_quiet(vault_path: Path, tmp_path: Path) -> None:
    vault, _ = Vault.create(vault_path, PASSPHRASE)
    vault.lock()
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("dit is niet de goede zin\n")
    result = subprocess.run(
        [sys.executable, "-m", "zorgapp", "vault", "check", str(vault_path),
         "--passphrase-file", str(wrong), "--data-dir", str(tmp_path / "d")],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "De wachtwoordzin klopt niet. Probeer het opnieuw, of gebruik de herstelsleutel.")
    assert "Traceback" not in result.stderr and "ERROR CORE" not in result.stderr


def test_any_characters_work_in_a_passphrase(vault_path: Path) -> None:
    phrase = "\"quotes' and emoji 🔐 and Ελληνικά; DROP TABLE"
    vault, _ = Vault.create(vault_path, phrase)
    vault.lock()
    Vault.unlock(vault_path, phrase).lock()


def test_short_passphrase_refused(vault_path: Path) -> None:
    with pytest.raises(UsageError):
        Vault.create(vault_path, "te kort")
    assert not vault_path.exists()


def test_change_passphrase_rewrites_only_the_key_file(vault_path: Path) -> None:
    vault, recovery = Vault.create(vault_path, PASSPHRASE)
    salt_before = vault_path.read_bytes()[:16]
    key_before = keyfile.key_path(vault_path).read_bytes()
    vault.change_passphrase("een heel andere wachtwoordzin")
    vault.lock()
    assert keyfile.key_path(vault_path).read_bytes() != key_before
    assert vault_path.read_bytes()[:16] == salt_before  # same SQLCipher salt: not re-encrypted
    with pytest.raises(WrongPassphraseError):
        Vault.unlock(vault_path, PASSPHRASE)
    Vault.unlock(vault_path, "een heel andere wachtwoordzin").lock()
    Vault.unlock_with_recovery_key(vault_path, recovery).lock()  # same key underneath


def test_recovery_without_key_file(vault_path: Path) -> None:
    from zorgapp.services import vault_service

    vault, recovery = Vault.create(vault_path, PASSPHRASE)
    vault.set_meta("marker", "bewaard")
    vault.lock()
    keyfile.key_path(vault_path).unlink()
    with pytest.raises(DamagedVaultError):
        Vault.unlock(vault_path, PASSPHRASE)
    vault_service.recover(vault_path, recovery.replace("-", " ").lower(), "nieuwe wachtwoordzin!")
    reopened = Vault.unlock(vault_path, "nieuwe wachtwoordzin!")
    assert reopened.meta("marker") == "bewaard"
    reopened.lock()


def test_wrong_recovery_key_is_told_apart(vault_path: Path) -> None:
    vault, _recovery = Vault.create(vault_path, PASSPHRASE)
    vault.lock()
    other = "-".join(["ABCD"] * 16)
    with pytest.raises(WrongPassphraseError):
        Vault.unlock_with_recovery_key(vault_path, other)
    with pytest.raises(WrongPassphraseError):
        Vault.unlock_with_recovery_key(vault_path, "geen sleutel")


def _filled(vault_path: Path) -> None:
    vault, _ = Vault.create(vault_path, PASSPHRASE)
    with vault.transaction() as db:
        for i in range(300):
            db.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (f"k{i}", "x" * 200))
    vault.lock()


@pytest.mark.parametrize("where", ["first", "header", "middle", "last", "random"])
def test_flipped_byte_is_detected(vault_path: Path, where: str) -> None:
    _filled(vault_path)
    data = bytearray(vault_path.read_bytes())
    position = {"first": 0, "header": 20, "middle": len(data) // 2, "last": len(data) - 1,
                "random": int.from_bytes(os.urandom(4), "big") % len(data)}[where]
    data[position] ^= 0x01
    vault_path.write_bytes(bytes(data))
    with pytest.raises(DamagedVaultError) as info:
        Vault.unlock(vault_path, PASSPHRASE)
    assert "reservekopie" in info.value.user_message()


@pytest.mark.parametrize("cut", [1, 1000, 4096])
def test_truncated_vault_is_detected(vault_path: Path, cut: int) -> None:
    _filled(vault_path)
    data = vault_path.read_bytes()
    vault_path.write_bytes(data[:-cut])
    with pytest.raises(DamagedVaultError):
        Vault.unlock(vault_path, PASSPHRASE)


def test_empty_vault_is_detected_not_recreated(vault_path: Path) -> None:
    _filled(vault_path)
    vault_path.write_bytes(b"")
    with pytest.raises(DamagedVaultError):
        Vault.unlock(vault_path, PASSPHRASE)
    assert vault_path.read_bytes() == b""


def test_damaged_key_file_is_told_apart(vault_path: Path) -> None:
    vault, _ = Vault.create(vault_path, PASSPHRASE)
    vault.lock()
    keyfile.key_path(vault_path).write_text("{ niet compleet")
    with pytest.raises(DamagedVaultError) as info:
        Vault.unlock(vault_path, PASSPHRASE)
    assert "sleutelbestand" in info.value.user_message().lower()


def test_existing_vault_is_never_overwritten(vault_path: Path) -> None:
    vault, _ = Vault.create(vault_path, PASSPHRASE)
    vault.lock()
    with pytest.raises(KnownError):
        Vault.create(vault_path, PASSPHRASE)


def test_recovery_key_opens_the_vault_with_any_sqlcipher4_tool(vault_path: Path) -> None:
    """docs/admin.md: the recovery key without dashes is the raw SQLCipher key."""
    import sqlcipher3

    vault, recovery = Vault.create(vault_path, PASSPHRASE)
    vault.set_meta("marker", "leesbaar")
    vault.lock()
    conn = sqlcipher3.connect(str(vault_path))
    conn.execute(f"PRAGMA key = \"x'{recovery.replace('-', '')}'\"")
    assert conn.execute("SELECT value FROM meta WHERE key = 'marker'").fetchone()[0] == "leesbaar"
    assert conn.execute("PRAGMA cipher_integrity_check").fetchall() == []
    conn.close()
