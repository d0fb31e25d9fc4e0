"""Shared fixtures: headless Qt, a cheap key derivation, an isolated data folder, vaults."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from datetime import date

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
DEMO_DOSSIERS = 120
DEMO_TODAY = date(2026, 11, 1)


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


@pytest.fixture(scope="session")
def demo_vault_master(tmp_path_factory: pytest.TempPathFactory) -> Callable[[int], Path]:
    """Locked demo vaults by size, each filled once per session: filling one is most of a
    command-line test's time. Tests copy them (see ``demo_vault``), never open them."""
    from zorgapp.services.demo import fill_demo
    from zorgapp.store.vault import Vault

    made: dict[int, Path] = {}

    def master(dossiers: int) -> Path:
        if dossiers not in made:
            path = tmp_path_factory.mktemp(f"demo-{dossiers}") / "kluis.zorg"
            vault, _recovery = Vault.create(path, PASSPHRASE, FAST_KDF)
            try:
                fill_demo(vault, dossiers, vandaag=DEMO_TODAY)
            finally:
                vault.lock()
            made[dossiers] = path
        return made[dossiers]

    return master


@pytest.fixture
def demo_vault(request: pytest.FixtureRequest, demo_vault_master: Callable[[int], Path],
               vault_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A locked demo vault at ``vault_path`` (fictional cases up to 1 November 2026), with
    ``ZORGAPP_PASSPHRASE`` set for the command line. Each test gets its own copy, as tests
    write audit entries. Size: ``@pytest.mark.demo_vault(dossiers=N)``, else 120."""
    marker = request.node.get_closest_marker("demo_vault")
    master = demo_vault_master(marker.kwargs["dossiers"] if marker else DEMO_DOSSIERS)
    for source in master.parent.iterdir():  # the vault, its .key and .head
        shutil.copy2(source, vault_path.parent / source.name.replace(
            master.name, vault_path.name, 1))
    monkeypatch.setenv("ZORGAPP_PASSPHRASE", PASSPHRASE)
    return vault_path


def pytest_configure(config: pytest.Config) -> None:
    """The coverage floor (pyproject.toml) is for the default run. ``-m slow`` runs only
    the long suites, a subset: it reports coverage but does not fail on the floor."""
    marks = config.option.markexpr or ""
    if "slow" in marks and "not slow" not in marks:
        cov = config.pluginmanager.getplugin("_cov")
        if cov is not None and getattr(cov, "options", None) is not None:
            cov.options.cov_fail_under = 0
