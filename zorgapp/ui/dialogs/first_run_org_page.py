"""The first-run wizard's last page: who hands cases over, for which organisation, and
what its letters and dossier numbers look like.

Asked once, right after the vault exists (the answers go into it): the handover
identity (name, organisation, region: without it bundles said "root —  ()"), the
letterhead (address, phone, e-mail, place) and the prefix of dossier numbers. The
organisation is typed once and used for both the identity and the letterhead.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from zorgapp.i18n import _
from zorgapp.ui.dialogs.unlock_dialog import ERROR_STYLE
from zorgapp.ui.tasks import TaskRunner, message_for

if TYPE_CHECKING:
    from zorgapp.store.vault import Vault

_PREFIX = re.compile(r"^[A-Za-z]{1,8}$")


def save_organisation(vault: Vault, values: dict[str, str]) -> None:
    """Identity, letterhead and prefix into the vault (runs on the worker)."""
    from zorgapp.services.bundle_service import BundleService
    from zorgapp.services.organisatie_service import OrganisatieService

    BundleService(vault).stel_identiteit_in(values["naam"], values["organisatie"], values["regio"])
    service = OrganisatieService(vault)
    service.stel_prefix_in(values["prefix"])
    service.bewaar_briefhoofd({
        "letter_organisation": values["organisatie"], "letter_address": values["adres"],
        "letter_phone": values["telefoon"], "letter_contact": values["contact"],
        "letter_place": values["plaats"]})


class OrganisationPage(QWizardPage):
    """Name, organisation and region, letterhead, dossier prefix; Finish saves them."""

    def __init__(self, tasks: TaskRunner, vault_of: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self._vault_of = vault_of  # callable: the vault the wizard made
        self._busy = False
        self.saved = False
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.naam_edit, self.organisatie_edit, self.regio_edit = QLineEdit(), QLineEdit(), QLineEdit()
        self.adres_edit = QPlainTextEdit()
        self.adres_edit.setTabChangesFocus(True)
        self.adres_edit.setFixedHeight(self.adres_edit.fontMetrics().lineSpacing() * 3 + 14)
        self.telefoon_edit, self.contact_edit, self.plaats_edit = QLineEdit(), QLineEdit(), QLineEdit()
        self.prefix_edit = QLineEdit("HM")
        self.prefix_edit.setMaxLength(8)
        self.prefix_edit.setMaximumWidth(120)
        self.labels: list[QLabel] = []
        for widget in (self.naam_edit, self.organisatie_edit, self.regio_edit, self.adres_edit,
                       self.telefoon_edit, self.contact_edit, self.plaats_edit, self.prefix_edit):
            label = QLabel()
            label.setBuddy(widget)
            self.labels.append(label)
            self.form.addRow(label, widget)
        for edit in (self.naam_edit, self.organisatie_edit, self.prefix_edit):
            edit.textChanged.connect(self.completeChanged)
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.hide()
        layout.addWidget(self.busy_bar)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet(ERROR_STYLE)
        self.message_label.hide()
        layout.addWidget(self.message_label)

    def retranslate(self) -> None:
        self.setTitle(_("Uw organisatie"))
        self.setSubTitle(_("Dit staat op brieven en in overdrachtsbundels. U kunt het later "
                           "wijzigen onder Beheer."))
        texts = (_("Uw &naam:"), _("&Organisatie:"), _("&Regio:"), _("&Adres:"),
                 _("&Telefoon:"), _("&E-mail of website:"), _("&Plaats (voor brieven):"),
                 _("&Voorvoegsel dossiernummers:"))
        widgets = (self.naam_edit, self.organisatie_edit, self.regio_edit, self.adres_edit,
                   self.telefoon_edit, self.contact_edit, self.plaats_edit, self.prefix_edit)
        for label, widget, text in zip(self.labels, widgets, texts, strict=True):
            label.setText(text)
            widget.setAccessibleName(text.replace("&", "").rstrip(":"))
        self.naam_edit.setPlaceholderText(_("Zoals collega's u kennen"))
        self.organisatie_edit.setPlaceholderText(_("Bijv. Zorgcoördinatie Holland Midden"))
        self.regio_edit.setPlaceholderText(_("Bijv. Holland Midden"))
        self.prefix_edit.setToolTip(_("Bijv. HM: nieuwe dossiers heten dan HM-2026-0001."))

    def values(self) -> dict[str, str]:
        return {"naam": self.naam_edit.text().strip(),
                "organisatie": self.organisatie_edit.text().strip(),
                "regio": self.regio_edit.text().strip(),
                "adres": self.adres_edit.toPlainText().strip(),
                "telefoon": self.telefoon_edit.text().strip(),
                "contact": self.contact_edit.text().strip(),
                "plaats": self.plaats_edit.text().strip(),
                "prefix": self.prefix_edit.text().strip().upper()}

    def isComplete(self) -> bool:
        v = self.values()
        return (not self._busy and bool(v["naam"]) and bool(v["organisatie"])
                and bool(_PREFIX.match(v["prefix"])))

    def validatePage(self) -> bool:
        """Save on the worker; Finish goes through once it is stored."""
        if self.saved:
            return True
        vault = self._vault_of()  # type: ignore[operator]
        if vault is None or self._busy:
            return False
        values = self.values()
        self._set_busy(True)
        self.tasks.run(lambda: save_organisation(vault, values), owner=self,
                       on_done=lambda _r: self._saved(), on_error=self._failed,
                       on_finally=lambda: self._set_busy(False))
        return False

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy_bar.setVisible(busy)
        self.completeChanged.emit()

    def _saved(self) -> None:
        self.saved = True
        self._set_busy(False)
        self.wizard().accept()

    def _failed(self, exc: BaseException) -> None:
        self.message_label.setText(message_for(exc))
        self.message_label.show()
