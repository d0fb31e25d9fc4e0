"""Beheer, Instellingen: language, auto-lock, initials in lists, and the letterhead.

Settings belong to this computer (``zorgapp.settings``), not to the vault; each
change is stored at once, except the letterhead, which is saved with its button.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QImageReader
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from zorgapp import i18n
from zorgapp.i18n import _
from zorgapp.ui.context import UiContext
from zorgapp.ui.pages.beheer.common import BeheerSection, set_status, status_label
from zorgapp.ui.pages.beheer.termijnen import KluisInstellingenBox

if TYPE_CHECKING:
    from zorgapp.store.vault import Vault

LETTER_KEYS = ("letter_organisation", "letter_address", "letter_contact", "letter_place")


class SettingsSection(BeheerSection):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(self._build_general())
        layout.addWidget(self._build_letter())
        self.kluis_box = KluisInstellingenBox(ctx.tasks)
        layout.addWidget(self.kluis_box)
        layout.addStretch(1)
        self.load_settings()

    def _build_general(self) -> QGroupBox:
        self.general_box = QGroupBox()
        form = QFormLayout(self.general_box)
        self.language_combo = QComboBox()
        self.language_combo.addItem("", "nl")
        self.language_combo.addItem("", "en")
        self.language_combo.currentIndexChanged.connect(self._language_chosen)
        self.autolock_spin = QSpinBox()
        self.autolock_spin.setRange(1, 120)
        self.autolock_spin.setMaximumWidth(140)
        self.language_combo.setMaximumWidth(260)
        self.autolock_spin.valueChanged.connect(
            lambda value: self.ctx.set_setting("autolock_minutes", int(value)))
        self.privacy_check = QCheckBox()
        self.privacy_check.toggled.connect(
            lambda on: self.ctx.set_setting("privacy_initials", bool(on)))
        self.language_label, self.autolock_label = QLabel(), QLabel()
        form.addRow(self.language_label, self.language_combo)
        form.addRow(self.autolock_label, self.autolock_spin)
        form.addRow("", self.privacy_check)
        return self.general_box

    def _build_letter(self) -> QGroupBox:
        self.letter_box = QGroupBox()
        form = QFormLayout(self.letter_box)
        self.letter_edits: dict[str, QLineEdit | QPlainTextEdit] = {}
        self.letter_labels: dict[str, QLabel] = {}
        for key in LETTER_KEYS:
            edit: QLineEdit | QPlainTextEdit
            if key == "letter_address":
                edit = QPlainTextEdit()
                edit.setTabChangesFocus(True)
                edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 3 + 14)
            else:
                edit = QLineEdit()
            edit.setMaximumWidth(520)
            label = QLabel()
            self.letter_edits[key], self.letter_labels[key] = edit, label
            form.addRow(label, edit)
        self.logo_edit = QLineEdit()
        self.logo_edit.setMaximumWidth(520)
        self.logo_button = QPushButton()
        self.logo_button.clicked.connect(self.choose_logo)
        self.logo_label = QLabel()
        self.logo_label.setBuddy(self.logo_edit)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_edit, 1)
        logo_row.addWidget(self.logo_button)
        form.addRow(self.logo_label, logo_row)
        self.letter_button = QPushButton()
        self.letter_button.clicked.connect(self.save_letterhead)
        self.letter_status = status_label()
        row = QHBoxLayout()
        row.addWidget(self.letter_button)
        row.addWidget(self.letter_status, 1)
        form.addRow("", row)
        return self.letter_box

    def retranslate(self) -> None:
        self.general_box.setTitle(_("Algemeen"))
        self.general_box.setAccessibleName(_("Algemeen"))
        self.language_label.setText(_("Taal:"))
        self.language_combo.setAccessibleName(_("Taal"))
        was = self.language_combo.blockSignals(True)
        self.language_combo.setItemText(0, _("Nederlands"))
        self.language_combo.setItemText(1, _("Engels (English)"))
        self.language_combo.blockSignals(was)
        self.autolock_label.setText(_("Automatisch vergrendelen na:"))
        self.autolock_spin.setAccessibleName(_("Automatisch vergrendelen na (minuten)"))
        self.autolock_spin.setSuffix(_(" min"))
        self.privacy_check.setText(_("Initialen in plaats van namen in lijsten"))
        self.privacy_check.setAccessibleName(self.privacy_check.text())
        self.letter_box.setTitle(_("Briefhoofd"))
        self.letter_box.setAccessibleName(_("Briefhoofd"))
        for key, text in (("letter_organisation", _("Organisatie:")),
                          ("letter_address", _("Adres:")),
                          ("letter_contact", _("Contact:")),
                          ("letter_place", _("Plaats:"))):
            self.letter_labels[key].setText(text)
            self.letter_edits[key].setAccessibleName(text.rstrip(":"))
        self.logo_label.setText(_("&Logo:"))
        self.logo_edit.setAccessibleName(_("Logo (PNG of JPEG)"))
        self.logo_edit.setPlaceholderText(_("Geen logo"))
        self.logo_button.setText(_("&Kiezen…"))
        self.logo_button.setAccessibleName(_("Logo kiezen"))
        self.letter_button.setText(_("Briefhoofd opslaan"))
        self.letter_button.setAccessibleName(_("Briefhoofd opslaan"))
        self.letter_status.setAccessibleName(_("Status briefhoofd"))
        self.kluis_box.retranslate()

    def set_vault(self, vault: Vault) -> None:
        super().set_vault(vault)
        self.load_settings()
        self.kluis_box.set_vault(vault)

    def clear(self) -> None:
        self.letter_status.clear()
        self.kluis_box.clear()
        super().clear()

    def load_settings(self) -> None:
        settings = self.ctx.settings
        for widget in (self.language_combo, self.autolock_spin, self.privacy_check):
            widget.blockSignals(True)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(i18n.language())))
        self.autolock_spin.setValue(int(settings.get("autolock_minutes")))
        self.privacy_check.setChecked(bool(settings.get("privacy_initials")))
        for widget in (self.language_combo, self.autolock_spin, self.privacy_check):
            widget.blockSignals(False)
        self.logo_edit.setText(str(settings.get("letter_logo")))
        for key, edit in self.letter_edits.items():
            value = str(settings.get(key))
            if isinstance(edit, QPlainTextEdit):
                edit.setPlainText(value)
            else:
                edit.setText(value)

    def _language_chosen(self, index: int) -> None:
        language = self.language_combo.itemData(index)
        if not language or language == i18n.language():
            return
        self.set_language(language)

    def set_language(self, language: str) -> None:
        """Store and apply at once; every registered window retranslates."""
        self.ctx.set_setting("language", language)
        i18n.set_language(language)

    def logo_dialog(self) -> str:
        """The file dialog, separate so that tests can answer it."""
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Logo kiezen"), str(Path.home()), _("Afbeeldingen (*.png *.jpg *.jpeg)"))
        return path

    def choose_logo(self) -> None:
        path = self.logo_dialog()
        if path:
            self.logo_edit.setText(path)

    def save_letterhead(self) -> None:
        """Saves everything or nothing: a logo that cannot be read is refused first."""
        logo = self.logo_edit.text().strip()
        if logo and QImageReader(logo).size().isEmpty():
            set_status(self.letter_status,
                       _("Het logo {pad} kan niet worden gelezen. Kies een PNG- of "
                         "JPEG-bestand.").format(pad=logo), False)
            return
        for key, edit in self.letter_edits.items():
            value = edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()
            self.ctx.set_setting(key, value.strip())
        self.ctx.set_setting("letter_logo", logo)
        set_status(self.letter_status, _("Briefhoofd opgeslagen."), True)
