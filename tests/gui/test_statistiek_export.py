"""Rapportages > "Anonieme statistiek exporteren…": choose a year and the files, the
export runs off the GUI thread and lands only where the user said."""

from __future__ import annotations

import json
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from zorgapp.services.demo import fill_demo
from zorgapp.settings import Settings
from zorgapp.ui.context import UiContext
from zorgapp.ui.pages.rapportages import RapportagesPage
from zorgapp.ui.tasks import TaskRunner


@pytest.fixture
def page(qtbot, vault, tmp_path):
    fill_demo(vault, 60, seed=3, vandaag=date(2026, 11, 22))
    tasks = TaskRunner()
    ctx = UiContext(Settings(tmp_path / "settings.json"), tasks)
    widget = RapportagesPage(ctx)
    qtbot.addWidget(widget)
    widget.set_vault(vault)
    yield widget
    tasks.wait_idle()


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_statistics_are_saved_where_the_user_says(qtbot, page, vault, tmp_path) -> None:
    qtbot.mouseClick(page.statistiek_knop, Qt.MouseButton.LeftButton)
    dialoog = page.statistiek_dialoog
    assert dialoog is not None
    ok = dialoog.knoppen.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # nowhere to write yet
    dialoog.jaar.setValue(2026)
    qtbot.keyClicks(dialoog.json_pad, str(tmp_path / "stat.json"))
    qtbot.keyClicks(dialoog.csv_pad, str(tmp_path / "stat.csv"))
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: (tmp_path / "stat.csv").exists(), timeout=20_000)
    qtbot.waitUntil(page.statistiek_knop.isEnabled, timeout=10_000)
    data = json.loads((tmp_path / "stat.json").read_text(encoding="utf-8"))
    assert data["jaar"] == 2026
    assert "stat.json" in page.status.text()
    assert any(e.record_type == "statistiek" and e.action == "export"
               for e in vault.audit.entries())


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_a_missing_folder_is_a_message_and_nothing_is_written(qtbot, page, tmp_path) -> None:
    qtbot.mouseClick(page.statistiek_knop, Qt.MouseButton.LeftButton)
    dialoog = page.statistiek_dialoog
    qtbot.keyClicks(dialoog.json_pad, str(tmp_path / "nergens" / "stat.json"))
    dialoog.accept()
    assert "nergens" in page.status.text()
    assert not (tmp_path / "nergens").exists()
    assert page.statistiek_dialoog is None
