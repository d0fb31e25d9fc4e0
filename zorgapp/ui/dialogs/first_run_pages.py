"""The pages of the first-run wizard: choice, new vault, recovery key, open a vault.

``NewVaultPage`` creates the vault on the task runner (Argon2 takes a moment) and keeps
it with its recovery key; ``RecoveryKeyPage`` shows that key once, from the new-vault
page it is given. The wizard itself (``first_run_wizard.py``) only strings them together.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from zorgapp.errors import KnownError, UsageError
from zorgapp.i18n import N_, _
from zorgapp.paths import data_dir
from zorgapp.services import vault_service
from zorgapp.services.vault_service import MIN_PASSPHRASE_LENGTH, SUFFIX
from zorgapp.ui import clipboard
from zorgapp.ui.dialogs.pdf_preview import PdfPreviewDialog
from zorgapp.ui.dialogs.unlock_dialog import ERROR_STYLE
from zorgapp.ui.tasks import TaskRunner, message_for

if TYPE_CHECKING:
    from zorgapp.store.vault import Vault

PAGE_CHOICE, PAGE_NEW, PAGE_KEY, PAGE_OPEN, PAGE_ORG = range(5)


def default_vault_path() -> Path:
    """``~/Documenten/zorgapp.zorg`` (or Documents), else the data folder; never an existing file."""
    home = Path.home()
    folder = next((f for f in (home / "Documenten", home / "Documents") if f.is_dir()), None)
    folder = folder or data_dir()
    candidate = folder / f"zorgapp{SUFFIX}"
    n = 2
    while candidate.exists():
        candidate = folder / f"zorgapp-{n}{SUFFIX}"
        n += 1
    return candidate


def with_suffix(text: str) -> Path:
    path = Path(text.strip()).expanduser()
    return path if path.suffix == SUFFIX else path.with_name(path.name + SUFFIX)


def strength_hint(passphrase: str) -> str:
    """A rough, honest hint: length counts most; several words are best."""
    n = len(passphrase)
    if n == 0:
        return _("Kies een zin van minstens {aantal} tekens, bijvoorbeeld vier losse woorden.").format(
            aantal=MIN_PASSPHRASE_LENGTH)
    if n < MIN_PASSPHRASE_LENGTH:
        return _("Te kort: nog {aantal} tekens nodig.").format(
            aantal=MIN_PASSPHRASE_LENGTH - n)
    words = len(passphrase.split())
    if n >= 24 or words >= 4:
        return _("Sterk.")
    if n >= 16:
        return _("Goed. Langer of meer woorden is nog sterker.")
    return _("Redelijk. Een langere zin van meer woorden is sterker.")


def _browse_row(edit: QLineEdit, button: QPushButton) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(edit, 1)
    layout.addWidget(button)
    return row


class ChoicePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.new_radio = QRadioButton()
        self.open_radio = QRadioButton()
        self.new_radio.setChecked(True)
        self.group = QButtonGroup(self)
        self.group.addButton(self.new_radio)
        self.group.addButton(self.open_radio)
        layout.addSpacing(8)
        layout.addWidget(self.new_radio)
        self.new_note = QLabel()
        self.new_note.setWordWrap(True)
        self.new_note.setIndent(24)
        layout.addWidget(self.new_note)
        layout.addSpacing(8)
        layout.addWidget(self.open_radio)
        self.open_note = QLabel()
        self.open_note.setWordWrap(True)
        self.open_note.setIndent(24)
        layout.addWidget(self.open_note)
        layout.addStretch(1)

    def retranslate(self) -> None:
        self.setTitle(_("Welkom bij Zorgapp"))
        self.setSubTitle(_("Zorgapp bewaart dossiers versleuteld in een kluisbestand op deze computer."))
        self.intro.setText(_("Wat wilt u doen?"))
        self.intro.setAccessibleName(self.intro.text())
        self.new_radio.setText(_("Nieuwe kluis maken"))
        self.new_radio.setAccessibleName(_("Nieuwe kluis maken"))
        self.new_note.setText(_("U kiest een plaats en een wachtwoordzin, en krijgt een herstelsleutel."))
        self.new_note.setAccessibleName(self.new_note.text())
        self.open_radio.setText(_("Bestaande kluis openen"))
        self.open_radio.setAccessibleName(_("Bestaande kluis openen"))
        self.open_note.setText(_("Bijvoorbeeld een kluis die u van een vorige laptop hebt meegenomen."))
        self.open_note.setAccessibleName(self.open_note.text())

    def nextId(self) -> int:
        return PAGE_NEW if self.new_radio.isChecked() else PAGE_OPEN


class NewVaultPage(QWizardPage):
    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.vault: Vault | None = None
        self.recovery_key = ""
        self._busy = False
        form = QFormLayout(self)
        self.path_edit = QLineEdit(str(default_vault_path()))
        self.browse_button = QPushButton()
        self.browse_button.clicked.connect(self._browse)
        self.path_label = QLabel()
        self.path_label.setBuddy(self.path_edit)
        form.addRow(self.path_label, _browse_row(self.path_edit, self.browse_button))
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.textChanged.connect(self._update_hint)
        self.passphrase_label = QLabel()
        self.passphrase_label.setBuddy(self.passphrase_edit)
        form.addRow(self.passphrase_label, self.passphrase_edit)
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_label = QLabel()
        self.repeat_label.setBuddy(self.repeat_edit)
        form.addRow(self.repeat_label, self.repeat_edit)
        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        form.addRow("", self.hint_label)
        self.advice_label = QLabel()
        self.advice_label.setWordWrap(True)
        form.addRow("", self.advice_label)
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumHeight(8)
        self.busy_bar.hide()
        form.addRow("", self.busy_bar)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet(ERROR_STYLE)
        self.message_label.hide()
        form.addRow("", self.message_label)

    def retranslate(self) -> None:
        self.setTitle(_("Nieuwe kluis maken"))
        self.setSubTitle(_("Kies waar de kluis komt en een wachtwoordzin om haar te openen."))
        self.path_label.setText(_("&Bestand:"))
        self.path_edit.setAccessibleName(_("Bestand van de nieuwe kluis"))
        self.browse_button.setText(_("Bladeren…"))
        self.browse_button.setAccessibleName(_("Plaats kiezen"))
        self.passphrase_label.setText(_("&Wachtwoordzin:"))
        self.passphrase_edit.setAccessibleName(_("Wachtwoordzin"))
        self.repeat_label.setText(_("&Herhaal wachtwoordzin:"))
        self.repeat_edit.setAccessibleName(_("Herhaal wachtwoordzin"))
        self.hint_label.setAccessibleName(_("Sterkte van de wachtwoordzin"))
        self.advice_label.setText(_(
            "Zonder wachtwoordzin of herstelsleutel kan niemand de kluis openen, ook de "
            "beheerder niet. Kies een zin die u kunt onthouden."))
        self.advice_label.setAccessibleName(self.advice_label.text())
        self.busy_bar.setAccessibleName(_("Bezig met het maken van de kluis"))
        self.message_label.setAccessibleName(_("Melding"))
        self._update_hint()

    def _update_hint(self) -> None:
        self.hint_label.setText(strength_hint(self.passphrase_edit.text()))

    def _browse(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Kluis opslaan als"), self.path_edit.text(),
            _("Zorgapp-kluis (*{ext})").format(ext=SUFFIX))
        if name:
            self.path_edit.setText(str(with_suffix(name)))

    def isComplete(self) -> bool:
        return not self._busy and bool(self.path_edit.text().strip())

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy_bar.setVisible(busy)
        for widget in (self.path_edit, self.browse_button, self.passphrase_edit, self.repeat_edit):
            widget.setEnabled(not busy)
        self.completeChanged.emit()

    def show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def validatePage(self) -> bool:
        if self.vault is not None:
            return True
        if self._busy:
            return False
        path = with_suffix(self.path_edit.text())
        phrase, repeat = self.passphrase_edit.text(), self.repeat_edit.text()
        try:
            vault_service.check_new_passphrase(phrase, repeat)
            if path.exists():
                raise UsageError(N_("Er staat al een kluis op {bestand}."), bestand=str(path))
        except KnownError as exc:
            self.show_message(exc.user_message())
            return False
        self.path_edit.setText(str(path))
        self.show_message("")
        self._set_busy(True)
        self.tasks.run(lambda: vault_service.create_vault(path, phrase), owner=self,
                       on_done=self._created, on_error=self._failed,
                       on_finally=lambda: self._set_busy(False))
        return False

    def _created(self, result: tuple[Vault, str]) -> None:
        self.vault, self.recovery_key = result
        self.passphrase_edit.clear()
        self.repeat_edit.clear()
        self._set_busy(False)
        self.wizard().next()

    def _failed(self, exc: BaseException) -> None:
        self.show_message(message_for(exc))


class RecoveryKeyPage(QWizardPage):
    """Shows the key of the vault that ``new_page`` made; Finish needs "saved" ticked."""

    def __init__(self, new_page: NewVaultPage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.new_page = new_page
        self.recovery_key = ""
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.key_label = QLabel()
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.key_label.setFont(font)
        self.key_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setStyleSheet("border: 1px solid #888; padding: 10px; background: palette(base);")
        layout.addSpacing(6)
        layout.addWidget(self.key_label)
        layout.addSpacing(6)
        row = QHBoxLayout()
        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(self.copy_key)
        row.addWidget(self.copy_button)
        self.sheet_button = QPushButton()
        self.sheet_button.clicked.connect(self.show_sheet)
        row.addWidget(self.sheet_button)
        self.copied_label = QLabel()
        row.addWidget(self.copied_label, 1)
        layout.addLayout(row)
        self.print_hint = QLabel()
        self.print_hint.setWordWrap(True)
        layout.addWidget(self.print_hint)
        layout.addStretch(1)
        self.saved_check = QCheckBox()
        layout.addWidget(self.saved_check)
        self.registerField("recovery_saved*", self.saved_check)

    def retranslate(self) -> None:
        self.setTitle(_("Uw herstelsleutel"))
        self.setSubTitle(_("De kluis is gemaakt. Deze sleutel ziet u maar één keer."))
        self.intro.setText(_(
            "Met deze herstelsleutel opent u de kluis als u de wachtwoordzin vergeet of "
            "het sleutelbestand kwijt is. Wie de sleutel heeft, kan de kluis openen."))
        self.intro.setAccessibleName(self.intro.text())
        self.key_label.setAccessibleName(_("Herstelsleutel"))
        self.copy_button.setText(_("Kopiëren"))
        self.copy_button.setAccessibleName(_("Herstelsleutel kopiëren"))
        self.sheet_button.setText(_("Herstelsleutelblad &afdrukken…"))
        self.sheet_button.setAccessibleName(self.sheet_button.text().replace("&", "").rstrip("…"))
        self.copied_label.setAccessibleName(_("Kopieerstatus"))
        self.print_hint.setText(_(
            "Druk het herstelsleutelblad af of schrijf de sleutel over, en bewaar het papier "
            "op een veilige plek, los van de laptop. Bewaar de sleutel niet in een bestand."))
        self.print_hint.setAccessibleName(self.print_hint.text())
        self.saved_check.setText(_("Ik heb de herstelsleutel veilig bewaard"))
        self.saved_check.setAccessibleName(_("Ik heb de herstelsleutel veilig bewaard"))

    def initializePage(self) -> None:
        self.recovery_key = self.new_page.recovery_key
        self.wizard().setOption(QWizard.WizardOption.NoCancelButton, True)  # the vault exists now
        # Next leads to the organisation page; Finish here skips it (asked again later)
        self.setFinalPage(True)
        groups = self.recovery_key.split("-")
        half = len(groups) // 2
        self.key_label.setText("-".join(groups[:half]) + "-\n" + "-".join(groups[half:]))
        self.copied_label.clear()

    def nextId(self) -> int:
        return PAGE_ORG

    def copy_key(self) -> None:
        clipboard.copy(self.recovery_key)  # taken off again at lock
        self.copied_label.setText(_("Gekopieerd. Wis het klembord na het bewaren."))

    def show_sheet(self) -> None:
        """Preview the recovery-key sheet, made in memory: the key is shown only now, and
        a printed sheet is the safe copy. There is no "Opslaan als PDF" here, and no
        printing to a file (``paper_only``): a PDF file with the key next to the vault
        would undo the passphrase. Printing is audited. The sheet is made, and printing
        recorded, on the task runner."""
        vault = self.new_page.vault
        if vault is None or not self.recovery_key:
            return
        tasks, key = self.new_page.tasks, self.recovery_key

        def printed() -> None:
            tasks.run(lambda: vault_service.recovery_sheet_printed(vault))

        def show(pdf: bytes) -> None:
            preview = PdfPreviewDialog(pdf, _("Herstelsleutel"), suggested_name="herstelsleutel.pdf",
                                       on_print=printed, on_save=None, paper_only=True,
                                       parent=self)
            preview.exec()
            preview.deleteLater()

        tasks.run(lambda: vault_service.recovery_sheet(vault, key), on_done=show, owner=self)


class OpenVaultPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.path_edit = QLineEdit()
        self.path_edit.textChanged.connect(self.completeChanged)
        self.browse_button = QPushButton()
        self.browse_button.clicked.connect(self._browse)
        self.path_label = QLabel()
        self.path_label.setBuddy(self.path_edit)
        form.addRow(self.path_label, _browse_row(self.path_edit, self.browse_button))
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet(ERROR_STYLE)
        self.message_label.hide()
        form.addRow("", self.message_label)

    def retranslate(self) -> None:
        self.setTitle(_("Bestaande kluis openen"))
        self.setSubTitle(_("Kies het kluisbestand (.zorg). Het sleutelbestand (.zorg.key) hoort ernaast te staan."))
        self.path_label.setText(_("&Bestand:"))
        self.path_edit.setAccessibleName(_("Bestand van de kluis"))
        self.browse_button.setText(_("Bladeren…"))
        self.browse_button.setAccessibleName(_("Kluis kiezen"))
        self.message_label.setAccessibleName(_("Melding"))

    def _browse(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Kluis openen"), self.path_edit.text() or str(Path.home()),
            _("Zorgapp-kluis (*{ext})").format(ext=SUFFIX))
        if name:
            self.path_edit.setText(name)

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip())

    def validatePage(self) -> bool:
        path = Path(self.path_edit.text().strip()).expanduser()
        if not path.is_file():
            self.message_label.setText(_("Kluis {bestand} bestaat niet.").format(bestand=str(path)))
            self.message_label.show()
            return False
        return True

    def nextId(self) -> int:
        return -1
