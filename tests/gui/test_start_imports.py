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
