"""Our own reading of every page's HMAC (``store.page_hmac``, issue 15).

It may only say "whole" when SQLCipher's ``cipher_integrity_check`` finds nothing; any
change to the file must make it doubt (and then SQLCipher decides)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from zorgapp.errors import DamagedVaultError
from zorgapp.store import page_hmac
from zorgapp.store.connection import connect, integrity_problems
from zorgapp.store.page_check import PageCheck
from zorgapp.store.vault import Vault


def _sqlcipher_finds(path: Path, key: bytes) -> bool:
    conn = connect(path, key, pragmas=False)
    try:
        return bool(integrity_problems(conn, path, level="hmac"))
    finally:
        conn.close()


def test_the_layout_is_the_one_connect_uses(vault_path: Path, filled: bytes) -> None:
    conn = connect(vault_path, filled)
    try:
        settings = {name: conn.execute(f"PRAGMA {name}").fetchone()[0]
                    for name in ("cipher_page_size", "cipher_hmac_algorithm")}
    finally:
        conn.close()
    assert settings == {"cipher_page_size": str(page_hmac.PAGE),
                        "cipher_hmac_algorithm": "HMAC_SHA512"}


@pytest.fixture
def apart(monkeypatch: pytest.MonkeyPatch) -> None:
    """Child processes read even these few pages (``page_apart``)."""
    monkeypatch.setattr(page_hmac, "APART_FROM", 0)


@pytest.mark.parametrize("processes", [0, 1, 2, 3])  # 0: read here
def test_a_whole_vault_is_whole(vault_path: Path, filled: bytes, processes: int,
                                apart: None) -> None:
    assert vault_path.stat().st_size > 300 * page_hmac.PAGE
    assert page_hmac.pages_whole(vault_path, filled, processes=processes)
    assert not _sqlcipher_finds(vault_path, filled)


def _positions(size: int) -> dict[str, int]:
    page = page_hmac.PAGE
    return {"salt": 3, "first page": 100, "first page's iv": page - 70,
            "first page's hmac": page - 10, "second page": page + 5,
            "middle": size // 2, "an iv": 7 * page + page - page_hmac.RESERVE + 2,
            "an hmac": 9 * page - 1, "last byte": size - 1}


@pytest.mark.parametrize("where", list(_positions(10**6)))
@pytest.mark.parametrize("processes", [0, 2])
def test_any_flipped_byte_makes_it_doubt(vault_path: Path, filled: bytes, where: str,
                                         processes: int, apart: None) -> None:
    data = bytearray(vault_path.read_bytes())
    data[_positions(len(data))[where]] ^= 0x01
    vault_path.write_bytes(bytes(data))
    assert not page_hmac.pages_whole(vault_path, filled, processes=processes)


def test_swapped_pages_make_it_doubt(vault_path: Path, filled: bytes) -> None:
    """Each page's HMAC covers its number: a whole page moved elsewhere is not whole."""
    data = bytearray(vault_path.read_bytes())
    page = page_hmac.PAGE
    a, b = slice(10 * page, 11 * page), slice(20 * page, 21 * page)
    data[a], data[b] = data[b], data[a]
    vault_path.write_bytes(bytes(data))
    assert not page_hmac.pages_whole(vault_path, filled)
    assert _sqlcipher_finds(vault_path, filled)


@pytest.mark.parametrize("cut", [1, 100, page_hmac.PAGE + 1])
def test_a_file_that_is_no_whole_number_of_pages_makes_it_doubt(
        vault_path: Path, filled: bytes, cut: int) -> None:
    vault_path.write_bytes(vault_path.read_bytes()[:-cut])
    assert not page_hmac.pages_whole(vault_path, filled)


def test_another_key_or_no_file_makes_it_doubt(vault_path: Path, filled: bytes) -> None:
    assert not page_hmac.pages_whole(vault_path, bytes(32))
    assert not page_hmac.pages_whole(vault_path.with_name("weg.zorg"), filled)
    assert not page_hmac.pages_whole(vault_path, filled, stop=lambda: True)


def test_sqlcipher_has_the_last_word(vault_path: Path, filled: bytes,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A doubt alone never makes a vault damaged: SQLCipher's own check decides."""
    monkeypatch.setattr("zorgapp.store.page_check.pages_whole", lambda *a, **k: False)
    monkeypatch.setattr("zorgapp.store.vault.pages_whole", lambda *a, **k: False)
    assert PageCheck(vault_path, filled, lambda outcome: None).check() is None
    Vault.unlock(vault_path, PASSPHRASE).lock()


def test_a_doubt_on_a_damaged_vault_is_damage(vault_path: Path, filled: bytes) -> None:
    data = bytearray(vault_path.read_bytes())
    data[len(data) // 2] ^= 0x01
    vault_path.write_bytes(bytes(data))
    assert isinstance(PageCheck(vault_path, filled, lambda outcome: None).check(),
                      DamagedVaultError)
