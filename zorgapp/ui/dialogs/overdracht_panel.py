"""Beheer > Overdracht: the own contact card, the address book, reading a bundle.

It lives with the dialogs because it opens them (widgets never import dialogs). They
are imported when first used: they load the bundle machinery, which startup does not
need.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from zorgapp.i18n import _
from zorgapp.ui.context import UiContext

if TYPE_CHECKING:
    from zorgapp.store.vault import Vault


class OverdrachtPanel(QWidget):
    """Buttons that open the bundle dialogs for the open vault."""

    def __init__(self, ctx: UiContext, vault_getter: Callable[[], Vault | None],
                 on_imported: Callable[[object], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._vault = vault_getter
        self._on_imported = on_imported
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.card_button = QPushButton()
        self.import_button = QPushButton()
        self.card_button.clicked.connect(self.show_card)
        self.import_button.clicked.connect(self.read_bundle)
        layout.addWidget(self.intro)
        layout.addWidget(self.card_button)
        layout.addWidget(self.import_button)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.intro.setText(_(
            "Een dossier overdragen doet u vanuit de dossierlijst (Overdragen…). Hier beheert u "
            "uw contactkaart en het adresboek van andere coördinatoren, en leest u een "
            "ontvangen overdrachtsbundel in."))
        self.card_button.setText(_("Contactkaart en adresboek…"))
        self.card_button.setAccessibleName(_("Contactkaart en adresboek"))
        self.import_button.setText(_("Overdrachtsbundel inlezen…"))
        self.import_button.setAccessibleName(_("Overdrachtsbundel inlezen"))

    def show_card(self) -> None:
        from zorgapp.ui.dialogs.contact_card_dialog import ContactCardDialog

        vault = self._vault()
        if vault is not None:
            ContactCardDialog(vault, self).exec()

    def read_bundle(self) -> None:
        from zorgapp.ui.dialogs.import_dialog import ImportDialog

        vault = self._vault()
        if vault is None:
            return
        dialog = ImportDialog(self.ctx, vault, parent=self)
        if self._on_imported is not None:
            dialog.imported.connect(self._on_imported)
        dialog.exec()
