"""What every page and dialog needs from the application: settings and the task runner."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from zorgapp.settings import Settings
from zorgapp.ui.tasks import TaskRunner, runner


class UiContext(QObject):
    """Shared by the main window and its pages.

    ``setting_changed(key)`` fires after ``set_setting`` so that, for example, the
    auto-lock interval or the privacy mode take effect at once. ``data_changed(source)``
    fires after anything changed the vault's data (``source``: the page's name, or
    ``"import"``), so that every page showing it refreshes, wherever the change was made.
    """

    setting_changed = Signal(str)
    data_changed = Signal(str)

    def __init__(self, settings: Settings, tasks: TaskRunner | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.tasks = tasks or runner()

    def setting(self, key: str) -> Any:
        return self.settings.get(key)

    def set_setting(self, key: str, value: Any) -> None:
        if self.settings.get(key) == value:
            return
        self.settings.set(key, value)
        self.setting_changed.emit(key)

    def privacy_initials(self) -> bool:
        """True when lists should show initials instead of names."""
        return bool(self.settings.get("privacy_initials"))
