"""The main window's size and position between runs, and a sensible first size.

QSettings writes plain text to disk, so it holds the window geometry only (never a
vault path, a name or anything else personal): ``window.ini`` next to settings.json.
On a small screen (at most 1366×768, where every pixel counts) the window starts
maximised the first time.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from zorgapp.paths import config_dir

SMALL_SCREEN = (1366, 768)
_KEY = "geometry"


def _store() -> QSettings:
    return QSettings(str(config_dir() / "window.ini"), QSettings.Format.IniFormat)


def small_screen() -> bool:
    """True for laptops of 1366×768 and smaller (the available area is less)."""
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return False
    size = screen.size()
    return size.width() <= SMALL_SCREEN[0] and size.height() <= SMALL_SCREEN[1]


def restore(window: QWidget) -> bool:
    """Put ``window`` where it was last time; False when there is nothing stored."""
    value = _store().value(_KEY)
    if isinstance(value, QByteArray) and not value.isEmpty():
        return bool(window.restoreGeometry(value))
    return False


def save(window: QWidget) -> None:
    """Remember the geometry of ``window`` (includes whether it was maximised)."""
    store = _store()
    store.setValue(_KEY, window.saveGeometry())
    store.sync()


def first_size(window: QWidget) -> None:
    """No stored geometry: a fitting size, maximised on a small screen."""
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(1280, 740)
        return
    area = screen.availableGeometry()
    window.resize(min(1280, area.width()), min(800, area.height() - 40))
    if small_screen():
        window.setWindowState(window.windowState() | window.windowState().WindowMaximized)
