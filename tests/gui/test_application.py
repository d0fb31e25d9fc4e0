"""Pieces of the start-up: demo vault, crash report without values, Qt messages."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from zorgapp.store.vault import Vault
from zorgapp.ui import crash
from zorgapp.ui.application import make_demo


def test_demo_vault_opens_with_its_passphrase(tmp_path: Path) -> None:
    path, phrase = make_demo(tmp_path, 3)
    assert path == tmp_path / "demo.zorg"
    vault = Vault.unlock(path, phrase)
    vault.lock()


def test_crash_summary_has_places_not_values() -> None:
    secret = "Jansen 123456789"

    def fails(name: str) -> None:
        raise ValueError(name)

    try:
        fails(secret)
    except ValueError:
        exc_type, _exc, tb = sys.exc_info()
    assert exc_type is not None
    lines = crash.crash_summary(exc_type, tb)
    assert lines[0] == "ValueError"
    assert any("test_application.py" in line and "in fails" in line for line in lines)
    assert not any(secret in line for line in lines)


def test_crash_dialog_lists_lines(qtbot) -> None:
    from zorgapp.ui.dialogs.crash_dialog import CrashDialog

    dialog = CrashDialog(["ValueError", "x.py:1 in f"])
    qtbot.addWidget(dialog)
    assert "x.py:1 in f" in dialog.report_view.toPlainText()


def test_excepthook_logs_without_message(caplog, monkeypatch) -> None:
    monkeypatch.setattr(crash, "_relay", None)
    try:
        raise RuntimeError("geheime waarde")
    except RuntimeError:
        info = sys.exc_info()
    with caplog.at_level(logging.ERROR, logger="zorgapp.crash"):
        crash.excepthook(*info)
    assert "RuntimeError" in caplog.text
    assert "geheime waarde" not in caplog.text
