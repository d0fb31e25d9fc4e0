"""Beheer, Instellingen: language, auto-lock, initials in lists, and the organisation.

Language, auto-lock and initials belong to this computer (``zorgapp.settings``); each
change is stored at once. The letterhead (with its logo) and the dossier prefix belong
to the organisation and live in the vault (``OrganisatieService``), saved with their
button on the task runner, so a moved vault keeps them.
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
from zorgapp.services.organisatie_service import OrganisatieService
from zorgapp.ui.context import UiContext
from zorgapp.ui.pages.beheer.common import BeheerSection, set_status, status_label
from zorgapp.ui.pages.beheer.termijnen import KluisInstellingenBox
from zorgapp.ui.tasks import message_for

if TYPE_CHECKING:
    from zorgapp.store.vault import Vault

LETTER_KEYS = ("letter_organisation", "letter_address", "letter_phone", "letter_contact",
               "letter_place")


class SettingsSection(BeheerSection):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(self._build_general())
        layout.addWidget(self._build_letter())
        self.kluis_box = KluisInstellingenBox(ctx.tasks)
        layout.addWidget(self.kluis_box)
        layout.addStretch(1)
        self._logo_data = b""
        self.load_settings()
        self.update_buttons()

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
        self.prefix_edit = QLineEdit()
        self.prefix_edit.setMaxLength(8)
        self.prefix_edit.setMaximumWidth(120)
        self.prefix_label = QLabel()
        form.addRow(self.prefix_label, self.prefix_edit)
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
        self.letter_box.setTitle(_("Organisatie en briefhoofd (in de kluis)"))
        self.letter_box.setAccessibleName(_("Briefhoofd"))
        for key, text in (("letter_organisation", _("Organisatie:")),
                          ("letter_address", _("Adres:")),
                          ("letter_phone", _("Telefoon:")),
                          ("letter_contact", _("E-mail of website:")),
                          ("letter_place", _("Plaats:"))):
            self.letter_labels[key].setText(text)
            self.letter_edits[key].setAccessibleName(text.rstrip(":"))
        self.prefix_label.setText(_("Voorvoegsel dossiernummers:"))
        self.prefix_edit.setAccessibleName(_("Voorvoegsel dossiernummers"))
        self.prefix_edit.setToolTip(_("Bijv. HM: nieuwe dossiers heten dan HM-2026-0001."))
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
        self.load_letterhead()

    def clear(self) -> None:
        self.letter_status.clear()
        self.kluis_box.clear()
        for edit in [*self.letter_edits.values(), self.prefix_edit, self.logo_edit]:
            edit.clear()
        self._logo_data = b""
        super().clear()

    def update_buttons(self) -> None:
        self.letter_box.setEnabled(self.vault is not None)

    def load_settings(self) -> None:
        settings = self.ctx.settings
        for widget in (self.language_combo, self.autolock_spin, self.privacy_check):
            widget.blockSignals(True)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(i18n.language())))
        self.autolock_spin.setValue(int(settings.get("autolock_minutes")))
        self.privacy_check.setChecked(bool(settings.get("privacy_initials")))
        for widget in (self.language_combo, self.autolock_spin, self.privacy_check):
            widget.blockSignals(False)

    def load_letterhead(self) -> None:
        """The vault's letterhead and prefix, read on the worker."""
        vault = self.vault
        if vault is None:
            return
        settings_get = self.ctx.settings.get

        def read() -> tuple[dict[str, str], bytes, str]:
            service = OrganisatieService(vault)
            return service.briefhoofd_velden(settings_get), service.logo(), service.prefix()

        self.ctx.tasks.run(read, on_done=self._show_letterhead, owner=self)

    def _show_letterhead(self, result: tuple[dict[str, str], bytes, str]) -> None:
        velden, logo, prefix = result
        for key, edit in self.letter_edits.items():
            if isinstance(edit, QPlainTextEdit):
                edit.setPlainText(velden.get(key, ""))
            else:
                edit.setText(velden.get(key, ""))
        self._logo_data = logo
        self.logo_edit.setText(_("(logo opgeslagen in de kluis)") if logo else "")
        self.prefix_edit.setText(prefix)

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
        """Saves everything or nothing: a logo or prefix that cannot be used is refused
        first. Runs on the worker; the status line says how it went."""
        vault = self.vault
        if vault is None:
            return
        logo_text = self.logo_edit.text().strip()
        logo: Path | None = None
        if logo_text and logo_text != _("(logo opgeslagen in de kluis)"):
            if QImageReader(logo_text).size().isEmpty():
                set_status(self.letter_status,
                           _("Het logo {pad} kan niet worden gelezen. Kies een PNG- of "
                             "JPEG-bestand.").format(pad=logo_text), False)
                return
            logo = Path(logo_text)
        velden = {key: (edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text())
                  for key, edit in self.letter_edits.items()}
        prefix, remove_logo = self.prefix_edit.text(), not logo_text

        def save() -> None:
            service = OrganisatieService(vault)
            service.stel_prefix_in(prefix)
            service.bewaar_briefhoofd(velden, logo=logo, logo_weg=remove_logo)

        self.letter_button.setEnabled(False)
        self.ctx.tasks.run(save, owner=self,
                           on_done=lambda _r: self._letter_saved(),
                           on_error=lambda exc: set_status(self.letter_status, message_for(exc), False),
                           on_finally=lambda: self.letter_button.setEnabled(True))

    def _letter_saved(self) -> None:
        set_status(self.letter_status, _("Briefhoofd opgeslagen."), True)
        self.load_letterhead()
