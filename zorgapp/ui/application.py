"""Start the window: QApplication, Qt's translations, crash and message handlers, flow.

Flow: ``--demo`` makes a demo vault in a private temporary folder (removed at exit)
and shows the lock screen with the demo passphrase on it; else a given or last-used
vault gets the lock screen; else the first-run wizard.
"""

from __future__ import annotations

import gc
import logging
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from zorgapp import APP_NAME, __version__
from zorgapp.i18n import N_
from zorgapp.settings import Settings
from zorgapp.ui import a11y, translation
from zorgapp.ui.context import UiContext
from zorgapp.ui.crash import install_crash_handler, install_qt_message_handler
from zorgapp.ui.main_window import MainWindow
from zorgapp.ui.qtcompat import guard_none_refcount
from zorgapp.ui.tasks import runner

if TYPE_CHECKING:
    from zorgapp.fileio import TempFolder

log = logging.getLogger(__name__)

WARM_UP_DELAY_MS = 300


def create_application() -> QApplication:
    guard_none_refcount()  # PySide6 6.12 bug, see qtcompat
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName("zorgapp")
    translation.install_qt_translations()
    # Names, Tab out of tables, contrast, focus frame (issue 16); the event filter part
    # follows the main window's first paint (or comes before a wizard), see ``start``.
    a11y.install(app, filter_later=True)
    return app


def make_demo(folder: Path, cases: int) -> tuple[Path, str]:
    """A demo vault in ``folder``; returns its path and passphrase. Runs off the GUI thread."""
    from zorgapp.services.demo import make_demo_vault

    path = folder / "demo.zorg"
    result = make_demo_vault(path, cases, passphrase=None)
    return path, str(result.passphrase)


def warm_up() -> None:
    """Import what the unlock and the first page need, on the worker while the user
    types: the lock screen is shown without them (issue 15)."""
    import zorgapp.services.vault_service
    import zorgapp.ui.pages.overzicht  # noqa: F401


def freeze_after_unlock(_vault: object = None) -> None:
    """What exists once a vault is open (modules, widgets, pages, caches) stays: moved out
    of the collector's sight, the full collections that typing sets off no longer walk it
    (36-48 ms pauses at 100,000 dossiers, issue 15). The lock unfreezes (``gc.unfreeze``),
    so cycles let go of while unlocked are still collected."""
    gc.freeze()


def _open_window(ctx: UiContext, **kwargs: Any) -> MainWindow:
    window = MainWindow(ctx, first_paint_first=True, **kwargs)  # the rest after the first paint
    window.vault_unlocked.connect(freeze_after_unlock)
    window.vault_locked.connect(gc.unfreeze)
    window.show()
    window.lock_screen.focus_field()
    # Imports only, once the window is on screen (on the worker they would still take
    # the interpreter from the GUI thread while it maps the window); an unlock queues
    # behind them.
    QTimer.singleShot(WARM_UP_DELAY_MS, lambda: ctx.tasks.run(warm_up))
    return window


def _quit_on_sigterm(app: QApplication) -> None:
    """SIGTERM (logout, ``kill``) closes the windows: back up, lock, clean up."""
    if not hasattr(signal, "SIGTERM"):
        return
    signal.signal(signal.SIGTERM, lambda *_args: QTimer.singleShot(0, app.closeAllWindows))
    ticker = QTimer(app)  # lets Python run its signal handlers during the Qt loop
    ticker.timeout.connect(lambda: None)
    ticker.start(500)


def start(settings: Settings, vault: Path | None, demo: bool, demo_cases: int) -> int:
    """Run the GUI until the last window closes; returns the exit code."""
    app = create_application()
    install_qt_message_handler()
    install_crash_handler()
    ctx = UiContext(settings, runner())
    demo_folder: TempFolder | None = None  # zorgapp.fileio: imported for a demo only
    windows: list[Any] = []
    try:
        if demo:
            from zorgapp.fileio import TempFolder

            demo_folder = TempFolder.make("zorgapp-demo-")  # removes those of killed runs
            window = _open_window(ctx, demo_passphrase="")
            window.is_demo = True
            window.demo_banner.show()
            window.lock_screen.set_preparing(N_("Demokluis met fictieve dossiers wordt gemaakt…"))

            def ready(result: tuple[Path, str]) -> None:
                path, phrase = result
                window.vault_path = path
                window.demo_passphrase = phrase
                window.lock_screen.set_preparing(None)
                window.lock_screen.set_vault_path(path)
                window.lock_screen.set_demo_passphrase(phrase)
                window.lock_screen.focus_field()

            folder = demo_folder.path
            ctx.tasks.run(lambda: make_demo(folder, demo_cases), on_done=ready,
                          on_error=lambda exc: window.lock_screen.show_message(exc.user_message()))
            windows.append(window)
        else:
            last = settings.get("last_vault")
            path = vault or (Path(last) if last and Path(last).is_file() else None)
            if path is not None:
                windows.append(_open_window(ctx, vault_path=path))
            else:
                from zorgapp.ui.dialogs.first_run_wizard import FirstRunWizard

                a11y.install_filter(app)  # no main window paints first here
                wizard = FirstRunWizard(ctx.tasks)
                accepted = wizard.exec() == wizard.DialogCode.Accepted
                created = wizard.vault
                if created is not None and not accepted:
                    settings.set("last_vault", str(created.path))
                    ctx.tasks.run(created.lock)  # on the worker; shutdown() waits for it
                    return 0
                if not accepted:
                    return 0
                if created is not None:
                    windows.append(_open_window(ctx, vault=created))
                else:
                    windows.append(_open_window(ctx, vault_path=wizard.vault_path))
        _quit_on_sigterm(app)
        return int(app.exec())
    finally:
        ctx.tasks.shutdown()
        if demo_folder is not None:
            demo_folder.remove()
