"""This vault's contact card (QR code, copy, save) and the address book of colleagues.

A card added from a paste or a file is "not verified" until the user has compared the
fingerprint with its owner (by phone, in person) and says so.

Every read and change runs on the task runner (``is_busy()`` while one does); the card
and the book fill in when they arrive.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from zorgapp.exchange.card import ContactCard
from zorgapp.i18n import _
from zorgapp.reports.qr import qr_png
from zorgapp.services.bundle_service import BundleService
from zorgapp.ui.tasks import message_for, runner

if TYPE_CHECKING:
    from zorgapp.store.vault import Vault

ERROR_STYLE = "color: #b00020;"
OK_STYLE = "color: #1b5e20;"


class ContactCardDialog(QDialog):
    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault = vault
        self.service = BundleService(vault)
        self.tasks = runner()
        self._busy = 0
        self.card: ContactCard | None = None
        self.contacts: list[Any] = []
        self.setWindowTitle(_("Contactkaart en adresboek"))
        self.setObjectName("contact_card_dialog")
        self.resize(980, 560)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs)
        self.tabs.addTab(self._own_tab(), _("Mijn contactkaart"))
        self.tabs.addTab(self._book_tab(), _("Adresboek"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        service = self.service
        self._run(service.kaart, self._show_card)
        self._fill_book()

    # -- the worker --------------------------------------------------------------------

    def is_busy(self) -> bool:
        return self._busy > 0

    def _run(self, work: Callable[[], Any], done: Callable[[Any], object] | None = None,
             failed: Callable[[BaseException], object] | None = None) -> None:
        """``work`` on the worker; ``failed`` (default: the book's status line) on a
        refusal."""
        self._busy += 1

        def idle() -> None:
            self._busy -= 1

        self.tasks.run(work, on_done=done, on_error=failed or self._book_error,
                       on_finally=idle, owner=self)

    def _book_error(self, exc: BaseException) -> None:
        self.book_status.setStyleSheet(ERROR_STYLE)
        self.book_status.setText(message_for(exc))

    # -- own card ----------------------------------------------------------------------

    def _own_tab(self) -> QWidget:
        tab = QWidget()
        outer = QHBoxLayout(tab)
        left = QVBoxLayout()
        self.qr = QLabel()
        self.qr.setObjectName("qr_code")
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.setMinimumSize(240, 240)
        left.addWidget(self.qr)
        self.fingerprint = QLabel()
        self.fingerprint.setObjectName("fingerprint")
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(mono.pointSizeF() * 1.2)
        self.fingerprint.setFont(mono)
        self.fingerprint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        left.addWidget(self.fingerprint)
        left.addWidget(QLabel(_("Lees deze vingerafdruk voor aan wie uw kaart ontvangt.")))
        left.addStretch(1)
        outer.addLayout(left)

        right = QVBoxLayout()
        form = QFormLayout()
        self.name = QLineEdit()
        self.organisation = QLineEdit()
        self.region = QLineEdit()
        form.addRow(_("&Naam:"), self.name)
        form.addRow(_("&Organisatie:"), self.organisation)
        form.addRow(_("&Regio:"), self.region)
        right.addLayout(form)
        save = QPushButton(_("Gegevens opslaan"))
        save.clicked.connect(self._save_details)
        right.addWidget(save, alignment=Qt.AlignmentFlag.AlignRight)
        self.card_text = QPlainTextEdit()
        self.card_text.setObjectName("card_text")
        self.card_text.setReadOnly(True)
        self.card_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.card_text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        right.addWidget(self.card_text, 1)
        row = QHBoxLayout()
        copy = QPushButton(_("Kopiëren"))
        copy.setObjectName("copy_card")
        copy.clicked.connect(self.copy_card)
        row.addWidget(copy)
        export = QPushButton(_("Opslaan als bestand…"))
        export.clicked.connect(self._save_file)
        row.addWidget(export)
        self.print_button = QPushButton(_("Afdrukken…"))
        self.print_button.setAccessibleName(_("Contactkaart afdrukken"))
        self.print_button.clicked.connect(self.print_card)
        row.addWidget(self.print_button)
        row.addStretch(1)
        right.addLayout(row)
        outer.addLayout(right, 1)
        return tab

    def _show_card(self, card: ContactCard) -> None:
        self.card = card
        self.name.setText(card.name)
        self.organisation.setText(card.organisation)
        self.region.setText(card.region)
        self.card_text.setPlainText(card.to_text())
        self.fingerprint.setText(card.fingerprint)
        pixmap = QPixmap()
        pixmap.loadFromData(qr_png(card.to_text(), scale=4))
        self.qr.setPixmap(pixmap)

    def _save_details(self) -> None:
        service = self.service
        naam, organisatie, regio = self.name.text(), self.organisation.text(), self.region.text()
        self._run(lambda: service.stel_identiteit_in(naam, organisatie, regio), self._show_card)

    def copy_card(self) -> None:
        if self.card is not None:
            QGuiApplication.clipboard().setText(self.card.to_text())

    def card_pdf(self, then: Callable[[bytes], object]) -> None:
        """Make the printable card (PDF bytes, in memory) on the worker; ``then(pdf)``."""
        card, service = self.card, self.service
        if card is not None:
            self._run(lambda: service.kaart_pdf(card), then)

    def print_card(self) -> None:
        self.card_pdf(self._preview)

    def _preview(self, pdf: bytes) -> None:
        from zorgapp.ui.dialogs.pdf_preview import PdfPreviewDialog

        service = self.service
        PdfPreviewDialog(pdf, _("Contactkaart"), suggested_name="contactkaart.pdf",
                         on_print=lambda: self._run(service.kaart_afgedrukt),
                         on_save=lambda path: self._run(lambda: service.bewaar_kaart_pdf(pdf, path)),
                         parent=self).exec()

    def _save_file(self) -> None:
        if self.card is None:
            return
        name, _filter = QFileDialog.getSaveFileName(self, _("Contactkaart opslaan"),
                                                    str(Path.home() / "contactkaart.txt"),
                                                    _("Tekst (*.txt)"))
        if name:
            card, service = self.card, self.service
            self._run(lambda: service.bewaar_kaart_tekst(card, Path(name)))

    # -- address book --------------------------------------------------------------------

    def _book_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.book = QTableWidget(0, 5)
        self.book.setObjectName("address_book")
        self.book.setHorizontalHeaderLabels([_("Naam"), _("Organisatie"), _("Regio"), _("Vingerafdruk"),
                                             _("Geverifieerd")])
        self.book.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.book.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.book.verticalHeader().hide()
        self.book.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.book, 1)
        row = QHBoxLayout()
        self.verify_button = QPushButton(_("Vingerafdruk gecontroleerd"))
        self.verify_button.clicked.connect(self._verify)
        remove = QPushButton(_("Verwijderen"))
        remove.clicked.connect(self._remove)
        row.addWidget(self.verify_button)
        row.addWidget(remove)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(QLabel(_("Kaart van een collega toevoegen (plakken of uit een bestand):")))
        self.paste = QPlainTextEdit()
        self.paste.setObjectName("paste_card")
        self.paste.setPlaceholderText("ZORGAPP-CONTACTKAART 1\n…")
        self.paste.setMaximumHeight(130)
        layout.addWidget(self.paste)
        add_row = QHBoxLayout()
        from_file = QPushButton(_("Uit bestand…"))
        from_file.clicked.connect(self._from_file)
        self.verified = QCheckBox(_("Ik heb de vingerafdruk met de eigenaar vergeleken"))
        self.verified.setObjectName("verified_check")
        add = QPushButton(_("Toevoegen"))
        add.setObjectName("add_card")
        add.clicked.connect(self.add_card)
        add_row.addWidget(from_file)
        add_row.addWidget(self.verified, 1)
        add_row.addWidget(add)
        layout.addLayout(add_row)
        self.book_status = QLabel()
        self.book_status.setWordWrap(True)
        layout.addWidget(self.book_status)
        return tab

    def _fill_book(self) -> None:
        self._run(self.service.adresboek, self._show_book)

    def _show_book(self, contacts: list[Any]) -> None:
        self.contacts = contacts
        self.book.setRowCount(len(contacts))
        for row, c in enumerate(contacts):
            values = [c.naam, c.organisatie, c.regio, c.fingerprint, _("ja") if c.geverifieerd else _("nee")]
            for col, value in enumerate(values):
                self.book.setItem(row, col, QTableWidgetItem(value))
        self.book.resizeColumnsToContents()

    def _selected(self) -> int | None:
        rows = self.book.selectionModel().selectedRows()
        return self.contacts[rows[0].row()].id if rows else None

    def _verify(self) -> None:
        contact_id = self._selected()
        if contact_id is not None:
            service = self.service
            self._run(lambda: service.markeer_geverifieerd(contact_id),
                      lambda _r: self._fill_book())

    def _remove(self) -> None:
        contact_id = self._selected()
        if contact_id is None:
            return
        answer = QMessageBox.question(self, _("Verwijderen"), _("Deze contactkaart uit het adresboek verwijderen?"))
        if answer == QMessageBox.StandardButton.Yes:
            service = self.service
            self._run(lambda: service.verwijder_contact(contact_id), lambda _r: self._fill_book())

    def _from_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, _("Contactkaart kiezen"), str(Path.home()))
        if name:
            try:
                self.paste.setPlainText(Path(name).read_text(encoding="utf-8")[:20000])
            except (OSError, UnicodeDecodeError):
                self.book_status.setStyleSheet(ERROR_STYLE)
                self.book_status.setText(_("Het bestand {bestand} kan niet worden gelezen.").format(bestand=name))

    def add_card(self) -> None:
        service, text, verified = self.service, self.paste.toPlainText(), self.verified.isChecked()
        self._run(lambda: service.voeg_contact_toe(text, verified), self._card_added)

    def _card_added(self, contact: Any) -> None:
        self.book_status.setStyleSheet(OK_STYLE)
        self.book_status.setText(_("Toegevoegd: {naam}, vingerafdruk {vingerafdruk}").format(
            naam=contact.naam or contact.organisatie, vingerafdruk=contact.fingerprint))
        self.paste.clear()
        self.verified.setChecked(False)
        self._fill_book()
