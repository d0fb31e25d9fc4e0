"""The base of every area in the main window's navigation.

A page is created once per window with the shared ``UiContext``. The window calls
``set_vault(vault)`` after every unlock and ``clear()`` on every lock: a page must
drop everything it shows from the vault in ``clear()`` (auto-lock hides data).
``retranslate()`` runs after a language switch; ``activated()`` each time the user
opens the page.

A page that shows dossiers (a deadline, a placement, a line of a cost allocation)
opens one with ``request_dossier(uuid)``: it emits ``open_dossier``, which the main
window connects once for every page, and the Dossiers page shows it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from zorgapp.i18n import N_, _
from zorgapp.ui.context import UiContext

if TYPE_CHECKING:
    from zorgapp.store.vault import Vault


class Page(QWidget):
    """One navigation area. Subclasses set ``name`` and ``title_msgid``."""

    name: ClassVar[str] = ""
    title_msgid: ClassVar[str] = ""

    open_dossier = Signal(str)  # uuid of a dossier to show on the Dossiers page

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.vault: Vault | None = None
        self.setObjectName(f"page_{self.name}")

    def header(self) -> tuple[QVBoxLayout, QHBoxLayout]:
        """The page's outer layout and its top row: title on the left, room on the right."""
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        top = QHBoxLayout()
        self.title_label = heading()
        top.addWidget(self.title_label)
        top.addStretch(1)
        outer.addLayout(top)
        return outer, top

    def title(self) -> str:
        return _(self.title_msgid)

    def set_vault(self, vault: Vault) -> None:
        self.vault = vault

    def clear(self) -> None:
        self.vault = None

    def activated(self) -> None:
        """The user opened this page."""

    def request_dossier(self, uuid: str) -> None:
        """Show this dossier: the one route from any page to the dossier view."""
        self.open_dossier.emit(uuid)

    def retranslate(self) -> None:
        """Pages that show a heading call it ``title_label``; it follows the language."""
        self.setAccessibleName(self.title())
        label = getattr(self, "title_label", None)
        if label is not None:
            label.setText(self.title())
            label.setAccessibleName(self.title())


def heading(text: str = "") -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    font.setBold(True)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


__all__ = ["N_", "Page", "heading"]
