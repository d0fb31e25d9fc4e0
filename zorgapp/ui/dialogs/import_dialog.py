"""Read a case bundle: check it, preview per dossier, choose, then import.

Nothing changes in the vault until the user presses Importeren. The preview shows the
sender and whether the signature is valid and the sender known; a bundle from a sender
outside the address book can only be imported after ticking an explicit warning. Per
dossier: new / identical / differs, with a choice (keep mine, take theirs, keep both)
and a side-by-side view of the differences.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zorgapp.errors import KnownError
from zorgapp.exchange import importer
from zorgapp.exchange.format import SUFFIX, BundlePassphraseError
from zorgapp.i18n import _
from zorgapp.services.bundle_service import BundleService
from zorgapp.ui.context import UiContext
from zorgapp.ui.dialogs.import_summary import import_summary, sender_text
from zorgapp.ui.tasks import message_for

if TYPE_CHECKING:
    from zorgapp.store.vault import Vault

OK_STYLE = "color: #1b5e20;"
ERROR_STYLE = "color: #b00020;"
WARN_STYLE = "background: #fdecea; color: #611a15; padding: 6px; border: 1px solid #f44336;"

COL_NUMMER, COL_NAAM, COL_STATUS, COL_KEUZE = range(4)


def status_label(status: str) -> str:
    return {importer.NIEUW: _("nieuw"), importer.GELIJK: _("al aanwezig, gelijk"),
            importer.ANDERS: _("al aanwezig, verschilt")}[status]


class ImportDialog(QDialog):
    imported = Signal(object)  # ImportResultaat

    def __init__(self, ctx: UiContext, vault: Vault, path: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.vault = vault
        self.service = BundleService(vault)
        self.preview: importer.Voorbeeld | None = None
        self.result_: importer.ImportResultaat | None = None
        self.setWindowTitle(_("Overdrachtsbundel inlezen"))
        self.setObjectName("import_dialog")
        self.resize(980, 680)
        layout = QVBoxLayout(self)
        self._build_source(layout, path)
        layout.addWidget(self._build_sender())
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setObjectName("notice")
        layout.addWidget(self.notice)
        layout.addWidget(self._build_preview(), 1)
        self._build_buttons(layout)

    def _build_source(self, layout: QVBoxLayout, path: Path | None) -> None:
        """Bundle path, browse, passphrase and Controleren; a busy bar under them."""
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Bundel:")))
        self.path = QLineEdit(str(path) if path else "")
        self.path.setObjectName("bundle_path")
        row.addWidget(self.path, 1)
        browse = QPushButton(_("Kiezen…"))
        browse.clicked.connect(self._browse)
        row.addWidget(browse)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(_("wachtwoordzin van de bundel"))
        self.passphrase.setToolTip(_("Alleen nodig voor een bundel die met een wachtwoordzin is versleuteld."))
        self.passphrase.setMinimumWidth(200)
        self.passphrase.setObjectName("bundle_passphrase")
        row.addWidget(self.passphrase)
        self.check_button = QPushButton(_("Controleren"))
        self.check_button.setObjectName("check_button")
        self.check_button.clicked.connect(self.check)
        row.addWidget(self.check_button)
        layout.addLayout(row)

        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumHeight(8)
        self.busy.setTextVisible(False)
        self.busy.hide()
        layout.addWidget(self.busy)

    def _build_sender(self) -> QGroupBox:
        """Who sent the bundle, signature and address-book status, the override tick."""
        sender = QGroupBox(_("Afzender"))
        form = QFormLayout(sender)
        self.sender_name = QLabel("—")
        self.sender_print = QLabel("—")
        self.sender_print.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.signature = QLabel("—")
        self.signature.setObjectName("signature_status")
        self.known = QLabel("—")
        self.known.setObjectName("sender_status")
        self.known.setWordWrap(True)
        form.addRow(_("Naam:"), self.sender_name)
        form.addRow(_("Vingerafdruk:"), self.sender_print)
        form.addRow(_("Handtekening:"), self.signature)
        form.addRow(_("Bekend:"), self.known)
        self.allow_unknown = QCheckBox(_("Ik heb de vingerafdruk met de afzender vergeleken en wil deze bundel "
                                         "toch inlezen."))
        self.allow_unknown.setObjectName("allow_unknown")
        self.allow_unknown.hide()
        self.allow_unknown.toggled.connect(self._update_button)
        form.addRow(self.allow_unknown)
        return sender

    def _build_preview(self) -> QSplitter:
        """Per-dossier table above, the side-by-side differences below."""
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("preview_table")
        self.table.setHorizontalHeaderLabels([_("Dossiernummer"), _("Naam"), _("Status"), _("Keuze")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_NAAM, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_KEUZE, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._show_diff)
        splitter.addWidget(self.table)
        splitter.addWidget(self._build_diff())
        return splitter

    def _build_diff(self) -> QWidget:
        """The differences of the chosen dossier: field, my version, the sender's."""
        diff_box = QWidget()
        diff_layout = QVBoxLayout(diff_box)
        diff_layout.setContentsMargins(0, 0, 0, 0)
        self.diff_title = QLabel(_("Kies een dossier dat verschilt om de verschillen naast elkaar te zien."))
        diff_layout.addWidget(self.diff_title)
        self.diff = QTableWidget(0, 3)
        self.diff.setObjectName("diff_table")
        self.diff.setHorizontalHeaderLabels([_("Gegeven"), _("Mijn versie"), _("Versie van de afzender")])
        self.diff.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.diff.verticalHeader().hide()
        self.diff.setWordWrap(True)
        dh = self.diff.horizontalHeader()
        dh.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        dh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        dh.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        diff_layout.addWidget(self.diff)
        return diff_box

    def _build_buttons(self, layout: QVBoxLayout) -> None:
        """Importeren (enabled once a checked bundle may be read) and Cancel."""
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(_("Importeren"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("import_button")
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    # -- checking ------------------------------------------------------------------------

    def _browse(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, _("Bundel kiezen"), self.path.text(),
                                                    _("Overdrachtsbundel (*{ext})").format(ext=SUFFIX))
        if name:
            self.path.setText(name)
            self.check()

    def check(self) -> None:
        """Decrypt and check the bundle on the task runner; fills the preview."""
        target = self.path.text().strip()
        if not target:
            return
        phrase = self.passphrase.text() or None
        self.preview = None
        self.table.setRowCount(0)
        self.diff.setRowCount(0)
        self._update_button()
        self.busy.show()
        self.check_button.setEnabled(False)
        self.notice.setStyleSheet("")
        self.notice.setText(_("Bundel wordt gecontroleerd…"))
        service = self.service
        self.ctx.tasks.run(lambda: service.bekijk(Path(target), phrase), on_done=self._show_preview,
                           on_error=self._refused, on_finally=self._idle, owner=self)

    def _idle(self) -> None:
        self.busy.hide()
        self.check_button.setEnabled(True)

    def _refused(self, exc: KnownError) -> None:
        self.notice.setStyleSheet(WARN_STYLE)
        self.notice.setText(message_for(exc) + "\n" + _("Er is niets ingelezen."))
        if isinstance(exc, BundlePassphraseError):
            self.passphrase.setFocus()

    def _show_preview(self, preview: importer.Voorbeeld) -> None:
        self.preview = preview
        card = preview.afzender
        self.sender_name.setText(sender_text(card))
        self.sender_print.setText(card.fingerprint)
        self.signature.setStyleSheet(OK_STYLE)
        self.signature.setText(_("geldig (de bundel is niet gewijzigd sinds de afzender hem maakte)"))
        if preview.afzender_bekend and preview.afzender_geverifieerd:
            self.known.setStyleSheet(OK_STYLE)
            self.known.setText(_("ja, in uw adresboek en geverifieerd"))
        elif preview.afzender_bekend:
            self.known.setStyleSheet("color: #8a5300;")
            self.known.setText(_("ja, in uw adresboek, maar nog niet geverifieerd"))
        else:
            self.known.setStyleSheet(ERROR_STYLE)
            self.known.setText(_("NEE: deze afzender staat niet in uw adresboek. Iedereen kan een bundel "
                                 "ondertekenen; vergelijk de vingerafdruk telefonisch met de afzender."))
        self.allow_unknown.setChecked(False)
        self.allow_unknown.setVisible(not preview.afzender_bekend)
        if preview.al_ontvangen:
            self.notice.setStyleSheet("")
            self.notice.setText(_("Deze bundel is al eerder ingelezen; opnieuw inlezen verandert niets."))
        else:
            self.notice.setStyleSheet("")
            self.notice.setText(_("{nieuw} nieuw, {gelijk} gelijk, {anders} verschillend. Er verandert niets "
                                  "tot u op Importeren drukt.").format(
                nieuw=preview.aantal(importer.NIEUW), gelijk=preview.aantal(importer.GELIJK),
                anders=preview.aantal(importer.ANDERS)))
        self._fill_table(preview)
        self._update_button()

    def _fill_table(self, preview: importer.Voorbeeld) -> None:
        self.table.setRowCount(len(preview.dossiers))
        for row, item in enumerate(preview.dossiers):
            number = QTableWidgetItem(item.dossiernummer)
            number.setData(Qt.ItemDataRole.UserRole, item.uuid)
            self.table.setItem(row, COL_NUMMER, number)
            self.table.setItem(row, COL_NAAM, QTableWidgetItem(item.naam))
            text = status_label(item.status)
            if item.nummer_bezet:
                text += " " + _("(nummer bezet: krijgt een nieuw nummer)")
            self.table.setItem(row, COL_STATUS, QTableWidgetItem(text))
            combo = QComboBox()
            if item.status == importer.NIEUW:
                combo.addItem(_("Inlezen"), importer.THEIRS)
                combo.addItem(_("Overslaan"), importer.MINE)
            elif item.status == importer.ANDERS:
                combo.addItem(_("Mijn versie houden"), importer.MINE)
                combo.addItem(_("Versie van de afzender nemen"), importer.THEIRS)
                combo.addItem(_("Allebei houden (als nieuw dossier)"), importer.BOTH)
            else:
                combo.addItem(_("Niets te doen"), importer.MINE)
                combo.setEnabled(False)
            self.table.setCellWidget(row, COL_KEUZE, combo)
        self.table.resizeColumnToContents(COL_NUMMER)
        self.table.resizeColumnToContents(COL_STATUS)
        first_diff = next((i for i, d in enumerate(preview.dossiers) if d.status == importer.ANDERS), None)
        if first_diff is not None:
            self.table.selectRow(first_diff)

    def choice_combo(self, row: int) -> QComboBox:
        widget = self.table.cellWidget(row, COL_KEUZE)
        assert isinstance(widget, QComboBox)
        return widget

    def choices(self) -> dict[str, str]:
        result = {}
        for row in range(self.table.rowCount()):
            uuid = str(self.table.item(row, COL_NUMMER).data(Qt.ItemDataRole.UserRole))
            result[uuid] = str(self.choice_combo(row).currentData())
        return result

    def _show_diff(self) -> None:
        self.diff.setRowCount(0)
        if self.preview is None:
            return
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        item = self.preview.dossiers[rows[0].row()]
        if item.status != importer.ANDERS:
            self.diff_title.setText(_("{nummer}: {status}.").format(nummer=item.dossiernummer,
                                                                     status=status_label(item.status)))
            return
        self.diff_title.setText(_("Verschillen in {nummer} ({aantal}):").format(
            nummer=item.dossiernummer, aantal=len(item.verschillen)))
        self.diff.setRowCount(len(item.verschillen))
        for row, verschil in enumerate(item.verschillen):
            self.diff.setItem(row, 0, QTableWidgetItem(verschil.pad))
            self.diff.setItem(row, 1, QTableWidgetItem(verschil.mijn or "—"))
            self.diff.setItem(row, 2, QTableWidgetItem(verschil.hun or "—"))
        self.diff.resizeRowsToContents()

    def _update_button(self) -> None:
        ready = (self.preview is not None and not self.preview.al_ontvangen
                 and (self.preview.afzender_bekend or self.allow_unknown.isChecked()))
        self.import_button.setEnabled(ready)

    # -- importing -----------------------------------------------------------------------

    def confirm(self) -> None:
        if self.preview is None:
            return
        preview, choices = self.preview, self.choices()
        allow = self.allow_unknown.isChecked()
        self.import_button.setEnabled(False)
        self.busy.show()
        service = self.service
        self.ctx.tasks.run(lambda: service.importeer(preview, choices, allow_unknown_sender=allow),
                           on_done=self._done, on_error=self._refused, on_finally=self._idle_after_import,
                           owner=self)

    def _idle_after_import(self) -> None:
        self.busy.hide()
        if self.result_ is None:
            self._update_button()

    def _done(self, result: importer.ImportResultaat) -> None:
        """Say what was imported; the dialog stays open until the user closes it."""
        self.result_ = result
        nummers = {d.uuid: d.dossiernummer for d in self.preview.dossiers} if self.preview else {}
        self.notice.setStyleSheet(OK_STYLE)
        self.notice.setText(import_summary(result, nummers))
        self.import_button.hide()
        close = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        close.setText(_("Sluiten"))
        close.setAccessibleName(_("Sluiten"))
        self.ctx.data_changed.emit("import")  # lists and the dashboard refresh
        self.imported.emit(result)

    def reject(self) -> None:
        """Closing after an import counts as done (Accepted), before it as cancelled."""
        if self.result_ is not None:
            self.accept()
        else:
            super().reject()
