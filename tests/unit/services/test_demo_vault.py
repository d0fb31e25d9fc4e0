"""A demo vault appears whole or not at all (issue 11, item 13: a killed ``zorgapp demo``
left an empty vault at the path, and the next demo there said "Er staat al een kluis")."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from zorgapp.services import demo
from zorgapp.store.vault import Vault


def _cases(path: Path) -> int:
    vault = Vault.unlock(path, PASSPHRASE)
    try:
        with vault.read() as db:
            return int(db.execute("SELECT count(*) FROM dossier").fetchone()[0])
    finally:
        vault.lock()


def test_demo_vault_has_its_cases(tmp_path: Path) -> None:
    result = demo.make_demo_vault(tmp_path / "demo.zorg", 12, PASSPHRASE)
    assert result.passphrase == PASSPHRASE
    assert _cases(tmp_path / "demo.zorg") == 12


def test_demo_that_fails_while_filling_leaves_nothing(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    real_fill = demo.fill_demo

    def fill_then_die(vault: Vault, n: int, **kwargs: object) -> int:
        real_fill(vault, n)  # the cases are in, the vault is not yet in place
        raise KeyboardInterrupt

    monkeypatch.setattr(demo, "fill_demo", fill_then_die)
    path = tmp_path / "demo.zorg"
    with pytest.raises(KeyboardInterrupt):
        demo.make_demo_vault(path, 5, PASSPHRASE)
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    monkeypatch.setattr(demo, "fill_demo", real_fill)
    demo.make_demo_vault(path, 5, PASSPHRASE)  # not "Er staat al een kluis"
    assert _cases(path) == 5
