"""The lock screen comes up without what it does not need (issue 15, item 1).

Checked in a fresh interpreter: the window is built up to the lock screen the way
``zorgapp --vault PATH`` builds it, then ``sys.modules`` must hold none of the heavy
parts. No time is measured here; ``bench/bench_start.py`` does that.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

SCRIPT = r"""
import json, sys
from pathlib import Path
from typing import Any
from zorgapp.cli import build_parser, window_start
from zorgapp.settings import Settings
from zorgapp.ui.application import create_application
from zorgapp.ui.context import UiContext
from zorgapp.ui.main_window import MainWindow
from zorgapp.ui.tasks import runner

assert window_start(["--vault", sys.argv[1]])
build_parser(with_commands=False).parse_args(["--vault", sys.argv[1]])
app = create_application()
ctx = UiContext(Settings(Path(sys.argv[2]) / "settings.json"), runner())
window = MainWindow(ctx, vault_path=Path(sys.argv[1]))
window.show()
app.processEvents()
assert window.is_locked()
print(json.dumps(sorted(sys.modules)))
window.close()
"""

NOT_AT_START = (
    "reportlab",
    "babel",
    "sqlcipher3",
    "pyrage",
    "zorgapp.reports",
    "zorgapp.exchange",
    "zorgapp.commands.common",
    "zorgapp.services.vault_service",
    "zorgapp.ui.dialogs.first_run_wizard",
    "zorgapp.ui.dialogs.pdf_preview",
    "zorgapp.ui.pages.overzicht",
    "zorgapp.ui.pages.dossiers",
    "zorgapp.ui.pages.beheer",
)


def _modules_at_lock_screen(tmp_path: Path) -> list[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ZORGAPP_DATA_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "kluis.zorg"),
                           str(tmp_path)], capture_output=True, text=True, env=env,
                          timeout=120, check=True)
    return list(json.loads(done.stdout.strip().splitlines()[-1]))


def test_lock_screen_loads_no_reportlab_nor_pages(tmp_path: Path) -> None:
    loaded = _modules_at_lock_screen(tmp_path)
    assert "zorgapp.ui.dialogs.unlock_dialog" in loaded  # the check can see modules
    heavy = [m for m in loaded if any(m == p or m.startswith(p + ".") for p in NOT_AT_START)]
    assert heavy == []


def test_page_registry_matches_the_page_classes() -> None:
    from zorgapp.ui.pages import PAGES

    for entry in PAGES:
        cls: Any = entry.load()
        assert (cls.name, cls.title_msgid) == (entry.name, entry.title_msgid)
    assert len({entry.name for entry in PAGES}) == len(PAGES)


FIRST_PAINT_SCRIPT = r"""
import json, sys
from pathlib import Path
import PySide6.QtCore
from PySide6.QtWidgets import QWidget
from zorgapp.settings import Settings
from zorgapp.ui import a11y
from zorgapp.ui.application import create_application
from zorgapp.ui.context import UiContext
from zorgapp.ui.main_window import MainWindow
from zorgapp.ui.pages import PAGES
from zorgapp.ui.tasks import runner

def looks(screen):
    out = {}
    for name, widget in sorted(vars(screen).items()):
        if isinstance(widget, QWidget):
            out[name] = [type(widget).__name__, widget.isVisibleTo(screen), widget.isEnabled(),
                         widget.accessibleName(), widget.accessibleDescription(),
                         getattr(widget, "text", lambda: "")(), widget.focusPolicy().value,
                         widget.cursor().shape().value,
                         widget.textInteractionFlags().value if hasattr(widget, "textInteractionFlags") else 0]
    return out

app = create_application()
ctx = UiContext(Settings(Path(sys.argv[2]) / "settings.json"), runner())
window = MainWindow(ctx, vault_path=Path(sys.argv[1]), first_paint_first=True)
before = {"qt_named": "Qt" in PySide6.QtCore.__dict__, "parts": window._parts_built,
          "filter": a11y._installed.get("filter") is not None}
window.show()
for _ in range(1000):
    app.processEvents()
    if window._parts_built:
        break
plain = MainWindow(ctx, vault_path=Path(sys.argv[1]))
plain.show()
app.processEvents()
after = {"parts": window._parts_built, "filter": a11y._installed.get("filter") is not None,
         "nav": window.nav.count(), "pages": len(PAGES), "locked": window.is_locked(),
         "problems": a11y.problems(window.lock_screen),
         "same": looks(window.lock_screen) == looks(plain.lock_screen),
         "recovery": window.lock_screen.recovery_edit.accessibleName()}
from PySide6.QtCore import Qt
screen = window.lock_screen
after["as_before"] = [  # what the lock screen had when it was built in one go
    screen.mode_button.cursor().shape() == Qt.CursorShape.PointingHandCursor,
    screen.other_button.cursor().shape() == Qt.CursorShape.PointingHandCursor,
    screen.vault_label.textInteractionFlags() == Qt.TextInteractionFlag.TextSelectableByMouse,
    screen.demo_label.textInteractionFlags() == (Qt.TextInteractionFlag.TextSelectableByMouse
                                                 | Qt.TextInteractionFlag.TextSelectableByKeyboard),
    screen.demo_label.focusPolicy() == Qt.FocusPolicy.StrongFocus,
    screen.modes.count() == 2, screen.passphrase_edit.hasFocus() or not window.isActiveWindow()]
print(json.dumps({"before": before, "after": after}))
"""


def test_the_start_shows_the_lock_screen_first_and_the_same(tmp_path: Path) -> None:
    """``first_paint_first``: before the first paint no other part of the window exists,
    no accessibility filter runs and PySide6 has not made ``Qt``'s Python type (issue
    15); after it the window is whole and its lock screen is the one a window built in
    one go shows."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ZORGAPP_DATA_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", FIRST_PAINT_SCRIPT, str(tmp_path / "kluis.zorg"),
                           str(tmp_path)], capture_output=True, text=True, env=env,
                          timeout=120, check=True)
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["before"] == {"qt_named": False, "parts": False, "filter": False}
    after = found["after"]
    assert after["parts"] and after["filter"] and after["locked"]
    assert after["nav"] == after["pages"]
    assert after["problems"] == []
    assert after["same"]
    assert after["recovery"] == "Herstelsleutel"
    assert all(after["as_before"]), after["as_before"]
