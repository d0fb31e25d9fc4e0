"""Issue 11, item 8: a key file is bound-checked before anything is derived from it,
and a key file of another vault is recognised by its vault id."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PASSPHRASE
from zorgapp.errors import EXIT_DAMAGED, DamagedVaultError, WrongPassphraseError
from zorgapp.store import keyfile
from zorgapp.store.vault import Vault

DAMAGED = "Het sleutelbestand is beschadigd"
OTHER = "hoort bij een andere kluis"


@pytest.fixture
def locked(vault_path: Path) -> Path:
    vault, _ = Vault.create(vault_path, PASSPHRASE)
    vault.lock()
    return vault_path


def _edit(path: Path, change: Callable[[dict[str, Any]], object]) -> None:
    kp = keyfile.key_path(path)
    doc = json.loads(kp.read_text())
    change(doc)
    kp.write_text(json.dumps(doc))


def _set_kdf(name: str, value: object) -> Callable[[dict[str, Any]], object]:
    return lambda doc: doc["kdf"].__setitem__(name, value)


def _set(name: str, value: object) -> Callable[[dict[str, Any]], object]:
    return lambda doc: doc.__setitem__(name, value)


HOSTILE = {
    "iterations 1e9 (would run for minutes)": _set_kdf("iterations", 1_000_000_000),
    "iterations 65": _set_kdf("iterations", 65),
    "iterations 0": _set_kdf("iterations", 0),
    "iterations -3": _set_kdf("iterations", -3),
    "iterations as text": _set_kdf("iterations", "3"),
    "iterations true": _set_kdf("iterations", True),
    "iterations 3.5": _set_kdf("iterations", 3.5),
    "lanes 0": _set_kdf("lanes", 0),
    "lanes 1e6": _set_kdf("lanes", 1_000_000),
    "memory 4 TiB": _set_kdf("memory_cost", 4 * 1024**3),
    "memory 0": _set_kdf("memory_cost", 0),
    "memory x iterations too much": lambda d: d["kdf"].update(memory_cost=1024 * 1024, iterations=64),
    "empty salt": _set_kdf("salt", ""),
    "short salt": _set_kdf("salt", "AAAAAAAA"),
    "salt not base64": _set_kdf("salt", "@@@@"),
    "salt a number": _set_kdf("salt", 12345),
    "short nonce": _set("nonce", "AAAA"),
    "nonce null": _set("nonce", None),
    "short wrapped key": _set("wrapped_key", "AAAA"),
    "vault id a number": _set("vault_id", 12345),
    "vault id not a uuid": _set("vault_id", "x" * 36),
    "vault id 100 KB": _set("vault_id", "x" * 100_000),
    "key check not hex": _set("key_check", "z" * 32),
    "kdf a list": _set("kdf", ["argon2id"]),
    "other algorithm": _set_kdf("name", "scrypt"),
}


@pytest.mark.parametrize("change", list(HOSTILE.values()), ids=list(HOSTILE))
def test_hostile_key_file_is_damaged_before_any_derivation(
        locked: Path, monkeypatch: pytest.MonkeyPatch, change: Callable[[dict[str, Any]], object]) -> None:
    _edit(locked, change)

    def no_derivation(*args: object) -> bytes:
        raise AssertionError("a key was derived from an unchecked key file")

    monkeypatch.setattr(keyfile, "_derive", no_derivation)
    with pytest.raises(DamagedVaultError) as info:
        Vault.unlock(locked, PASSPHRASE)
    assert DAMAGED in info.value.user_message()
    assert info.value.exit_code == EXIT_DAMAGED


@pytest.mark.parametrize("data", [
    b"[" * 200_000 + b"]" * 200_000,            # deeply nested
    b'{"a":' * 5000 + b"1" + b"}" * 5000,        # nested objects, under the size cap
    b"[]", b"null", b"\xff\xfe", b"{}", b"",
    b'{"format": "zorgapp-keyfile", "version": 1}' + b" " * (10 * 1024 * 1024),  # 10 MB
], ids=["nested-200k", "nested-5000", "list", "null", "binary", "empty-object", "empty", "10MB"])
def test_malformed_json_is_damaged_without_traceback(locked: Path, data: bytes) -> None:
    keyfile.key_path(locked).write_bytes(data)
    with pytest.raises(DamagedVaultError) as info:
        Vault.unlock(locked, PASSPHRASE)
    assert DAMAGED in info.value.user_message()


def test_every_key_file_zorgapp_wrote_is_within_bounds() -> None:
    data = Path(__file__).parents[2] / "data"
    for path in sorted(data.glob("*.zorg.key")):
        keyfile.KeyFile.from_bytes(path.read_bytes())
    # What calibration may choose at most (64 iterations of the default 64 MiB) parses.
    kf = keyfile.KeyFile.wrap(bytes(32), PASSPHRASE, "0c8f6f3e-4b3f-4a8e-9d0e-1f2a3b4c5d6e")
    doc = json.loads(kf.to_bytes())
    doc["kdf"].update(iterations=keyfile.MAX_ITERATIONS, memory_cost=keyfile.KdfParams().memory_cost,
                      lanes=keyfile.KdfParams().lanes)
    parsed = keyfile.KeyFile.from_bytes(json.dumps(doc).encode())
    assert parsed.params == keyfile.KdfParams(iterations=keyfile.MAX_ITERATIONS)


def _two_vaults(tmp_path: Path) -> tuple[Path, Path, str]:
    a, recovery_a = Vault.create(tmp_path / "a.zorg", PASSPHRASE)
    a.lock()
    b, _ = Vault.create(tmp_path / "b.zorg", "de wachtwoordzin van kluis b")
    b.lock()
    shutil.copy(keyfile.key_path(b.path), keyfile.key_path(a.path))
    return a.path, b.path, recovery_a


@pytest.mark.parametrize("phrase", ["de wachtwoordzin van kluis b", PASSPHRASE])
def test_key_file_of_another_vault_is_named_as_such(tmp_path: Path, phrase: str) -> None:
    a, _b, recovery_a = _two_vaults(tmp_path)
    with pytest.raises(DamagedVaultError) as info:
        Vault.unlock(a, phrase)
    message = info.value.user_message()
    assert OTHER in message and "beschadigd" not in message
    # The recovery key of vault a still opens it (not "does not belong to this vault").
    Vault.unlock_with_recovery_key(a, recovery_a).lock()


def test_wrong_passphrase_with_the_right_key_file_is_still_wrong(locked: Path) -> None:
    with pytest.raises(WrongPassphraseError):
        Vault.unlock(locked, "dit is niet de goede zin")


def test_hostile_key_file_on_the_command_line(locked: Path, tmp_path: Path) -> None:
    from tests.reliability.helpers import run_cli

    for change in (HOSTILE["iterations 1e9 (would run for minutes)"], _set("kdf", None)):
        _edit(locked, change)
        result = run_cli(tmp_path / "data", "vault", "check", str(locked), timeout=60)
        assert result.returncode == EXIT_DAMAGED
        assert DAMAGED in result.stderr and "Traceback" not in result.stderr
