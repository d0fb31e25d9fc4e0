"""GUI fixtures: a UiContext per test, windows that are locked and closed cleanly."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PASSPHRASE
from zorgapp.ui.qtcompat import guard_none_refcount

guard_none_refcount()  # PySide6 6.12 drops references to None; see zorgapp/ui/qtcompat.py


class FakeClock:
    """A monotonic clock that moves only when a test says so (seconds, like time.monotonic)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def ctx(qapp: Any) -> Iterator[Any]:
    from zorgapp.settings import Settings
    from zorgapp.ui.context import UiContext
    from zorgapp.ui.tasks import runner

    context = UiContext(Settings(), runner())
    yield context
    runner().wait_idle()


@pytest.fixture
def dossier_service(vault: Any) -> Any:
    from zorgapp.services.dossier_service import DossierService

    return DossierService(vault)


@pytest.fixture
def dossier_view(qtbot: Any, ctx: Any, dossier_service: Any) -> Any:
    """A DossierView on the test vault, sized like a laptop window."""
    from zorgapp.ui.dossier.view import DossierView

    v = DossierView(ctx)
    qtbot.addWidget(v)
    v.resize(1100, 700)
    v.set_service(dossier_service)
    return v


@pytest.fixture
def locked_vault(vault_path: Path) -> Path:
    """A vault on disk, locked: returns its path."""
    from zorgapp.store.vault import Vault

    v, _key = Vault.create(vault_path, PASSPHRASE)
    v.lock()
    return vault_path


@pytest.fixture
def make_window(qtbot: Any, ctx: Any) -> Iterator[Callable[..., Any]]:
    """Build a MainWindow; at the end lock its vault without the close-time backup."""
    from zorgapp.ui.main_window import MainWindow

    made: list[Any] = []

    def make(**kwargs: Any) -> Any:
        window = MainWindow(ctx, **kwargs)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        made.append(window)
        return window

    yield make
    for window in made:
        vault = window.vault
        if vault is not None:
            window.lock()
        window._may_close = True
    ctx.tasks.wait_idle()


def unlock(qtbot: Any, window: Any, phrase: str = PASSPHRASE) -> None:
    """Type ``phrase`` on the lock screen and wait for the content."""
    screen = window.lock_screen
    screen.passphrase_edit.clear()
    qtbot.keyClicks(screen.passphrase_edit, phrase)
    qtbot.mouseClick(screen.unlock_button, _left())
    qtbot.waitUntil(lambda: window.vault is not None, timeout=10_000)


def _left() -> Any:
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def settle(qtbot: Any, timeout: int = 10_000) -> None:
    """Wait until the task runner has delivered every result (vault work runs on the
    worker, so widgets fill in asynchronously)."""
    from zorgapp.ui.tasks import runner

    qtbot.waitUntil(lambda: not runner().is_busy(), timeout=timeout)
