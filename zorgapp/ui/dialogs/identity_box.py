"""Who hands cases over: asked in the export dialog when this vault's identity is
still empty (a vault made before the first-run wizard asked it, or skipped there).
Without it a bundle named its sender "root —  ()" after the computer's user name."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

from zorgapp.i18n import _
from zorgapp.services.organisatie_service import afzender_onbekend, naam_voor_formulier

identity_needed = afzender_onbekend  # the export dialog's question, answered by the service


class IdentityBox(QGroupBox):
    """Name, organisation and region of the sender, filled from the current card."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        form.addRow(self.intro)
        self.naam_edit, self.organisatie_edit, self.regio_edit = QLineEdit(), QLineEdit(), QLineEdit()
        self.labels = [QLabel(), QLabel(), QLabel()]
        for label, edit in zip(self.labels, (self.naam_edit, self.organisatie_edit, self.regio_edit),
                               strict=True):
            label.setBuddy(edit)
            form.addRow(label, edit)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(_("Afzender van de bundel"))
        self.intro.setText(_("Deze kluis weet nog niet wie overdraagt. Dit staat als afzender in "
                             "de bundel en in de geschiedenis van het dossier (eenmalig; later "
                             "te wijzigen bij Contactkaart en adresboek)."))
        for label, edit, text in zip(self.labels, (self.naam_edit, self.organisatie_edit, self.regio_edit),
                                     (_("Uw &naam:"), _("&Organisatie:"), _("&Regio:")), strict=True):
            label.setText(text)
            edit.setAccessibleName(text.replace("&", "").rstrip(":"))

    def fill(self, card: Any) -> None:
        self.naam_edit.setText(naam_voor_formulier(card))
        self.organisatie_edit.setText(card.organisation or "")
        self.regio_edit.setText(card.region or "")

    def values(self) -> tuple[str, str, str] | None:
        """(name, organisation, region), or None while name or organisation is empty."""
        naam, org = self.naam_edit.text().strip(), self.organisatie_edit.text().strip()
        if not naam or not org:
            return None
        return naam, org, self.regio_edit.text().strip()
