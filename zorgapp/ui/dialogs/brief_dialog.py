"""Before a placement letter is made: by name or alias, and who signs it.

A client who must not be known by name at the shelter gets the letter with an alias
(or initials); the coordinator's name for the signature is remembered in the settings.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from zorgapp.i18n import _


class BriefDialog(QDialog):
    def __init__(self, ondertekenaar: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Plaatsingsbrief maken"))
        self.setAccessibleName(_("Plaatsingsbrief maken"))
        form = QFormLayout(self)
        uitleg = QLabel(_("De brief bevat alleen wat de opvang nodig heeft: nooit indicatoren "
                          "of het journaal. U ziet hem eerst op het scherm."))
        uitleg.setWordWrap(True)
        form.addRow(uitleg)
        self.alias_check = QCheckBox(_("&Alias of initialen in plaats van de naam"))
        form.addRow("", self.alias_check)
        self.ondertekenaar_edit = QLineEdit(ondertekenaar)
        self.ondertekenaar_edit.setAccessibleName(_("Ondertekend door"))
        self.ondertekenaar_edit.setPlaceholderText(_("Uw naam"))
        label = QLabel(_("&Ondertekend door:"))
        label.setBuddy(self.ondertekenaar_edit)
        form.addRow(label, self.ondertekenaar_edit)
        knoppen = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = knoppen.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("&Maken en bekijken"))
        knoppen.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Annuleren"))
        knoppen.accepted.connect(self.accept)
        knoppen.rejected.connect(self.reject)
        form.addRow(knoppen)
        self.setMinimumWidth(460)

    def alias(self) -> bool:
        return self.alias_check.isChecked()

    def ondertekenaar(self) -> str:
        return self.ondertekenaar_edit.text().strip()
