"""Walk the main window like a keyboard user: every page of the navigation, then a dossier
with each of its tabs. Used by the offscreen accessibility test, by the app the AT-SPI test
starts, and by ``python -m tests.gui.a11y_walk`` (a per-screen table of names).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QHeaderView, QScrollBar, QWidget


def wait(condition: Callable[[], bool] = lambda: True, timeout: float = 20.0) -> None:
    """Process events until the task runner is idle and ``condition`` holds."""
    from zorgapp.ui.tasks import runner

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        QApplication.processEvents()
        if not runner().is_busy() and condition():
            QApplication.processEvents()
            return
        time.sleep(0.01)
    raise TimeoutError("the window did not settle")


def first_dossier_uuid(window: Any) -> str:
    from zorgapp.ui.models.dossier_table_model import UUID_ROLE

    table = window.page("dossiers").table
    model = table.model()
    wait(lambda: model.rowCount() > 0)
    return str(model.index(0, 0).data(UUID_ROLE))


def screens(window: Any) -> Iterator[tuple[str, QWidget]]:
    """(screen name, widget to check) for every page and every tab of a dossier."""
    for name in window.page_names():
        window.show_page(name)
        wait()
        page = window.page(name)
        if name == "dossiers" and hasattr(page, "show_list"):
            page.show_list()
            wait()
        yield name, page
    uuid = first_dossier_uuid(window)
    window.open_dossier(uuid)
    wait()
    tabs = window.page("dossiers").view.tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        wait()
        label = tabs.tabText(index).replace("&&", "\0").replace("&", "").replace("\0", "&")
        yield f"dossier/{label}", window.page("dossiers").view
    window.lock()
    wait()
    yield "vergrendelscherm", window.lock_screen


def demo_window(folder: Path, cases: int = 12) -> Any:
    """An unlocked main window on a fresh demo vault in ``folder``."""
    from zorgapp.services.demo import make_demo_vault
    from zorgapp.settings import Settings
    from zorgapp.store.vault import Vault
    from zorgapp.ui import a11y
    from zorgapp.ui.context import UiContext
    from zorgapp.ui.main_window import MainWindow
    from zorgapp.ui.tasks import runner

    result = make_demo_vault(folder / "demo.zorg", cases)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    a11y.install(app)
    ctx = UiContext(Settings(folder / "settings.json"), runner())
    window = MainWindow(ctx, vault_path=result.path, demo_passphrase=result.passphrase)
    window.show()
    vault = Vault.unlock(result.path, result.passphrase)
    window.set_vault(vault)
    wait()
    return window


KINDS = ("no accessible name", "named by its value", "name lacks its visible label",
         "hides its text", "Tab moves inside")


def table(window: Any) -> list[tuple[Any, ...]]:
    """Per screen: (screen, interactive controls, then a count per kind of ``KINDS``)."""
    from zorgapp.ui import a11y

    rows = []
    for screen, root in screens(window):
        controls = [w for w in [root, *root.findChildren(QWidget)]
                    if isinstance(w, a11y.interactive()) and w.isVisibleTo(root)
                    and not isinstance(w, (QHeaderView, QScrollBar))]
        found = a11y.problems(root)
        if "--details" in sys.argv:
            for problem in found:
                print(screen, problem, file=sys.stderr)
        rows.append((screen, len(controls), *(sum(k in p for p in found) for k in KINDS)))
    return rows


def main() -> int:
    import tempfile

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        window = demo_window(Path(folder))
        print("| screen | controls | unnamed | named by value | label not in name "
              "| value hidden | Tab trapped |")
        print("|---|---|---|---|---|---|---|")
        for row in table(window):
            print("| " + " | ".join(str(c) for c in row) + " |")
        window.lock()
        window._may_close = True
        wait()
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
