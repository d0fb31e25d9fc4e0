"""Shared fixtures: headless Qt, a cheap key derivation, an isolated data folder."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest

from zorgapp import paths
from zorgapp.i18n import set_language
from zorgapp.store import keyfile
from zorgapp.ui.qtcompat import guard_none_refcount

guard_none_refcount()  # PySide6 6.12 drops references to None/True/False; see qtcompat

PASSPHRASE = "correct paard batterij nietje"
FAST_KDF = keyfile.KdfParams(iterations=1, lanes=1, memory_cost=8 * 1024)


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2id at production cost takes ~0.7 s; tests use the cheapest valid setting."""
    monkeypatch.setattr(keyfile, "DEFAULT_KDF", FAST_KDF)


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Settings, logs and app data of each test live in a fresh private folder."""
    folder = tmp_path_factory.mktemp("data")
    paths.set_data_dir(folder)
    yield folder
    paths.set_data_dir(None)


@pytest.fixture(autouse=True)
def dutch() -> Iterator[None]:
    set_language("nl")
    yield
    set_language("nl")


@pytest.fixture
def passphrase() -> str:
    return PASSPHRASE


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    return tmp_path / "kluis.zorg"


@pytest.fixture
def vault(vault_path: Path):
    """A fresh, unlocked vault; locked again after the test."""
    from zorgapp.store.vault import Vault

    v, _recovery = Vault.create(vault_path, PASSPHRASE)
    yield v
    if v.is_open:
        v.lock()
