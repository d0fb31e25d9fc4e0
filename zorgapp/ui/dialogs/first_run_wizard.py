"""First start: make a new vault (and show its recovery key once) or open one.

Pages (``first_run_pages.py``): choice -> new vault (file, passphrase twice) ->
recovery key (must be confirmed) -> organisation (name, organisation, region,
letterhead, dossier prefix: ``first_run_org_page.py``), or choice -> existing vault
(file). Creating runs Argon2 on the task runner.

For tests: ``fill_new_vault(path, passphrase)`` fills the new-vault page without a
file dialog; ``path_edit`` fields are ordinary QLineEdits.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget, QWizard

from zorgapp.i18n import _
from zorgapp.ui import translation
from zorgapp.ui.dialogs.first_run_org_page import OrganisationPage
from zorgapp.ui.dialogs.first_run_pages import (
    PAGE_CHOICE,
    PAGE_KEY,
    PAGE_NEW,
    PAGE_OPEN,
    PAGE_ORG,
    ChoicePage,
    NewVaultPage,
    OpenVaultPage,
    RecoveryKeyPage,
    default_vault_path,
    strength_hint,
    with_suffix,
)
from zorgapp.ui.tasks import TaskRunner, runner

if TYPE_CHECKING:
    from zorgapp.store.vault import Vault

__all__ = ["PAGE_CHOICE", "PAGE_KEY", "PAGE_NEW", "PAGE_OPEN", "PAGE_ORG", "FirstRunWizard",
           "default_vault_path", "strength_hint", "with_suffix"]


class FirstRunWizard(QWizard):
    """After ``exec()``: ``mode`` is "new" (``vault`` is open) or "open" (``vault_path``)."""

    def __init__(self, tasks: TaskRunner | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks or runner()
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setMinimumSize(640, 480)
        self.choice_page = ChoicePage()
        self.new_page = NewVaultPage(self.tasks)
        self.key_page = RecoveryKeyPage(self.new_page)
        self.open_page = OpenVaultPage()
        self.org_page = OrganisationPage(self.tasks, lambda: self.new_page.vault)
        self.setPage(PAGE_CHOICE, self.choice_page)
        self.setPage(PAGE_NEW, self.new_page)
        self.setPage(PAGE_KEY, self.key_page)
        self.setPage(PAGE_OPEN, self.open_page)
        self.setPage(PAGE_ORG, self.org_page)
        self.setStartId(PAGE_CHOICE)
        translation.register(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Zorgapp instellen"))
        self.setAccessibleName(_("Zorgapp instellen"))
        for button, text in (
            (QWizard.WizardButton.BackButton, _("< &Vorige")),
            (QWizard.WizardButton.NextButton, _("&Volgende >")),
            (QWizard.WizardButton.FinishButton, _("&Voltooien")),
            (QWizard.WizardButton.CancelButton, _("Annuleren")),
        ):
            self.setButtonText(button, text)
            self.button(button).setAccessibleName(text.replace("&", "").strip("<> "))
        for page in (self.choice_page, self.new_page, self.key_page, self.open_page, self.org_page):
            page.retranslate()

    # -- results -------------------------------------------------------------------

    @property
    def mode(self) -> str:
        return "new" if self.choice_page.new_radio.isChecked() else "open"

    @property
    def vault(self) -> Vault | None:
        return self.new_page.vault

    @property
    def recovery_key(self) -> str:
        return self.new_page.recovery_key

    @property
    def vault_path(self) -> Path | None:
        if self.mode == "new":
            return self.new_page.vault.path if self.new_page.vault else None
        text = self.open_page.path_edit.text().strip()
        return Path(text).expanduser() if text else None

    # -- for tests and scripted use -------------------------------------------------

    def fill_new_vault(self, path: Path, passphrase: str, repeat: str | None = None) -> None:
        """Choose "new", go to its page and fill it in (press Next to create)."""
        if self.currentId() == -1:
            self.restart()
        self.choice_page.new_radio.setChecked(True)
        if self.currentId() == PAGE_CHOICE:
            self.next()
        self.new_page.path_edit.setText(str(path))
        self.new_page.passphrase_edit.setText(passphrase)
        self.new_page.repeat_edit.setText(passphrase if repeat is None else repeat)

    def fill_open_vault(self, path: Path) -> None:
        if self.currentId() == -1:
            self.restart()
        self.choice_page.open_radio.setChecked(True)
        if self.currentId() == PAGE_CHOICE:
            self.next()
        self.open_page.path_edit.setText(str(path))

    # -- closing -------------------------------------------------------------------

    def reject(self) -> None:
        """Once the vault exists, leave only after the key was confirmed saved."""
        if self.vault is not None and not self.key_page.saved_check.isChecked():
            self.key_page.saved_check.setFocus()
            return
        super().reject()

    def done(self, result: int) -> None:
        if self.recovery_key:
            clipboard = QGuiApplication.clipboard()
            if clipboard.text() == self.recovery_key:
                clipboard.clear()
        super().done(result)
