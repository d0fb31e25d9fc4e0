"""Hand one or more cases over: choose recipients from the address book or a passphrase.

Shows a warning for cases without consent for sharing (it does not block: the
coordinator weighs it). The bundle is built on the task runner with a progress bar, so
the window stays responsive for a thousand cases; the address book and the consents
are read there too, before "Overdragen" is enabled.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from zorgapp.errors import KnownError
from zorgapp.exchange.format import SUFFIX
from zorgapp.i18n import _, ngettext
from zorgapp.services.bundle_service import BundleService, ExportResultaat
from zorgapp.ui.context import UiContext
from zorgapp.ui.dialogs.identity_box import IdentityBox, identity_needed
from zorgapp.ui.tasks import message_for

if TYPE_CHECKING:
    from zorgapp.store.vault import Vault

WARN_STYLE = "background: #fff4e5; color: #663c00; padding: 6px; border: 1px solid #ffb74d;"
ERROR_STYLE = "color: #b00020;"


class _Progress(QObject):
    """Carries progress from the worker thread to the GUI thread (queued signal)."""

    changed = Signal(int, int)


class ExportDialog(QDialog):
    exported = Signal(object)  # ExportResultaat

    def __init__(self, ctx: UiContext, vault: Vault, uuids: list[str],
                 parent: QWidget | None = None, default_folder: Path | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.vault = vault
        self.uuids = list(dict.fromkeys(uuids))
        self.service = BundleService(vault)
        self.result_: ExportResultaat | None = None
        self._loading = False
        self._progress = _Progress(self)
        self._progress.changed.connect(self._on_progress)
        self.setWindowTitle(_("Dossiers overdragen"))
        self.setObjectName("export_dialog")
        self.resize(620, 560)

        layout = QVBoxLayout(self)
        self._build_intro(layout)
        self.identity_box = IdentityBox()  # shown only while this vault's sender is unknown
        self.identity_box.hide()
        layout.addWidget(self.identity_box)
        layout.addWidget(self._build_choice())
        self._build_file_row(layout, default_folder or Path.home())
        self._build_footer(layout)
        self.to_contacts.toggled.connect(self._mode_changed)
        self._load()

    def _build_intro(self, layout: QVBoxLayout) -> None:
        """The count of cases and the (hidden until read) consent warning."""
        self.intro = QLabel(ngettext(
            "{aantal} dossier wordt versleuteld in een overdrachtsbundel. "
            "Alleen de gekozen ontvangers kunnen de bundel openen.",
            "{aantal} dossiers worden versleuteld in een overdrachtsbundel. "
            "Alleen de gekozen ontvangers kunnen de bundel openen.",
            len(self.uuids)).format(aantal=len(self.uuids)))
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)

        self.consent = QLabel()
        self.consent.setObjectName("consent_warning")
        self.consent.setWordWrap(True)
        self.consent.setStyleSheet(WARN_STYLE)
        self.consent.hide()
        layout.addWidget(self.consent)

    def _build_choice(self) -> QGroupBox:
        """Recipients: address-book contacts or a passphrase typed twice."""
        choice = QGroupBox(_("Voor wie"))
        box = QVBoxLayout(choice)
        self.to_contacts = QRadioButton(_("Contacten uit het adresboek"))
        self.to_passphrase = QRadioButton(_("Een wachtwoordzin (als u geen contactkaart van de ontvanger hebt)"))
        group = QButtonGroup(self)
        group.addButton(self.to_contacts)
        group.addButton(self.to_passphrase)
        box.addWidget(self.to_contacts)
        self.contacts = QListWidget()
        self.contacts.setObjectName("recipients")
        box.addWidget(self.contacts)
        box.addWidget(self.to_passphrase)
        pw_row = QHBoxLayout()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(_("Wachtwoordzin"))
        self.passphrase2 = QLineEdit()
        self.passphrase2.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase2.setPlaceholderText(_("Herhaal de wachtwoordzin"))
        pw_row.addWidget(self.passphrase)
        pw_row.addWidget(self.passphrase2)
        box.addLayout(pw_row)
        self.pw_hint = QLabel(_("Geef de wachtwoordzin telefonisch door, nooit samen met het bestand."))
        self.pw_hint.setWordWrap(True)
        box.addWidget(self.pw_hint)
        return choice

    def _build_file_row(self, layout: QVBoxLayout, folder: Path) -> None:
        """Where the bundle goes, with a browse button."""
        file_row = QHBoxLayout()
        file_row.addWidget(QLabel(_("Bestand:")))
        self.target = QLineEdit()
        self.target.setObjectName("target")
        self.target.setText(str(folder / f"overdracht{SUFFIX}"))
        file_row.addWidget(self.target, 1)
        browse = QPushButton(_("Kiezen…"))
        browse.clicked.connect(self._browse)
        file_row.addWidget(browse)
        layout.addLayout(file_row)

    def _build_footer(self, layout: QVBoxLayout) -> None:
        """Progress bar, status line and the Overdragen / Cancel buttons."""
        self.progress = QProgressBar()
        self.progress.setRange(0, max(1, len(self.uuids)))
        self.progress.hide()
        layout.addWidget(self.progress)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setObjectName("status")
        layout.addWidget(self.status)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton(_("Overdragen"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("export_button")
        self.buttons.accepted.connect(self._start)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    # -- filling -----------------------------------------------------------------------

    def _load(self) -> None:
        """Read the address book and the consents on the worker (OK waits for them)."""
        service, uuids = self.service, self.uuids
        self._loading = True
        self.ok.setEnabled(False)
        self.ctx.tasks.run(lambda: (service.adresboek(), service.zonder_toestemming(uuids),
                                    service.kaart()),
                           on_done=lambda found: self._loaded(*found), on_error=self._failed,
                           on_finally=self._load_finished, owner=self)

    def _load_finished(self) -> None:
        self._loading = False
        self.ok.setEnabled(True)

    def is_loading(self) -> bool:
        return self._loading

    def _loaded(self, contacts: list[Any], missing: list[str], card: Any = None) -> None:
        if card is not None and identity_needed(card):
            self.identity_box.fill(card)
            self.identity_box.show()
        for contact in contacts:
            mark = _("geverifieerd") if contact.geverifieerd else _("NIET geverifieerd")
            text = f"{contact.naam} — {contact.organisatie} ({contact.regio})   [{mark}]"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, contact.age_recipient)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setToolTip(_("Vingerafdruk: {vingerafdruk}").format(vingerafdruk=contact.fingerprint))
            self.contacts.addItem(item)
        if self.contacts.count():
            self.to_contacts.setChecked(True)
        else:
            self.contacts.addItem(QListWidgetItem(_("Het adresboek is leeg: voeg eerst contactkaarten toe.")))
            self.contacts.setEnabled(False)
            self.to_passphrase.setChecked(True)
        self._mode_changed()
        if missing:
            shown = ", ".join(missing[:10]) + (" …" if len(missing) > 10 else "")
            self.consent.setText(ngettext(
                "Let op: voor {aantal} dossier is geen geldige toestemming vastgelegd "
                "om gegevens te delen ({dossiers}). Draag alleen over als dat wettelijk "
                "mag, en leg de reden vast.",
                "Let op: voor {aantal} dossiers is geen geldige toestemming vastgelegd "
                "om gegevens te delen ({dossiers}). Draag alleen over als dat wettelijk "
                "mag, en leg de reden vast.", len(missing)).format(aantal=len(missing), dossiers=shown))
            self.consent.show()

    def _mode_changed(self) -> None:
        contacts = self.to_contacts.isChecked()
        self.contacts.setEnabled(contacts and self.contacts.count() > 0
                                 and bool(self.contacts.item(0).data(Qt.ItemDataRole.UserRole)))
        for widget in (self.passphrase, self.passphrase2, self.pw_hint):
            widget.setEnabled(not contacts)

    def _browse(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(self, _("Bundel opslaan"), self.target.text(),
                                                    _("Overdrachtsbundel (*{ext})").format(ext=SUFFIX))
        if name:
            self.target.setText(name)

    def recipients(self) -> list[str]:
        found = []
        for i in range(self.contacts.count()):
            item = self.contacts.item(i)
            if item.checkState() == Qt.CheckState.Checked and item.data(Qt.ItemDataRole.UserRole):
                found.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return found

    # -- export --------------------------------------------------------------------------

    def _error(self, text: str) -> None:
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(text)

    def _start(self) -> None:
        target = self.target.text().strip()
        if not target:
            self._error(_("Kies een bestand voor de bundel."))
            return
        recipients: list[str] = []
        phrase: str | None = None
        identity = self.identity_box.values() if self.identity_box.isVisible() else None
        if self.identity_box.isVisible() and identity is None:
            self._error(_("Vul uw naam en organisatie in: ze staan als afzender in de bundel."))
            self.identity_box.naam_edit.setFocus()
            return
        if self.to_contacts.isChecked():
            recipients = self.recipients()
            if not recipients:
                self._error(_("Kies minstens één ontvanger."))
                return
        else:
            phrase = self.passphrase.text()
            if phrase != self.passphrase2.text():
                self._error(_("De wachtwoordzinnen zijn niet gelijk."))
                return
        self.ok.setEnabled(False)
        self.progress.setValue(0)
        self.progress.show()
        self.status.setStyleSheet("")
        self.status.setText(_("Bezig met versleutelen…"))
        emit = self._progress.changed.emit
        service, uuids = self.service, self.uuids

        def work() -> ExportResultaat:
            if identity is not None:
                service.stel_identiteit_in(*identity)
            return service.exporteer(uuids, Path(target), recipients, phrase, progress=emit)

        self.ctx.tasks.run(work,
                           on_done=self._done, on_error=self._failed, on_finally=self._finished, owner=self)

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def _done(self, result: ExportResultaat) -> None:
        self.result_ = result
        self.progress.setValue(self.progress.maximum())
        self.status.setStyleSheet("color: #1b5e20;")
        self.status.setText(ngettext("{aantal} dossier overgedragen in {pad}.",
                                     "{aantal} dossiers overgedragen in {pad}.", result.aantal).format(
            aantal=result.aantal, pad=result.pad))
        self.exported.emit(result)
        self.accept()

    def _failed(self, exc: KnownError) -> None:
        self._error(message_for(exc))

    def _finished(self) -> None:
        self.ok.setEnabled(True)
