"""Financiën > Regio bewerken: which municipalities take part, their inhabitants
(typed in, stamped with a reference date) and mergers (a successor takes over).

The region is read, saved and merged on the task runner; while that runs the dialog
says so and its buttons wait (``is_busy()``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zorgapp.i18n import _
from zorgapp.services.region_service import RegionService
from zorgapp.ui.tasks import message_for, runner
from zorgapp.ui.widgets.forms import melding_en_opslaan

if TYPE_CHECKING:
    from zorgapp.store.vault import Vault

COL_IN, COL_CODE, COL_NAAM, COL_INWONERS = range(4)


def _uitleg_per_jaar() -> QLabel:
    uitleg = QLabel(_("Inwonertallen gelden per jaar (1 januari). De tabel toont de "
                      "cijfers voor het jaar van de peildatum; andere jaren blijven zoals "
                      "ze waren."))
    uitleg.setWordWrap(True)
    return uitleg


class RegioDialog(QDialog):
    """Edit the region in one table; saving runs the region service's use cases."""

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = RegionService(vault)
        self.tasks = runner()
        self._busy = False
        self._original: dict[str, int | None] = {}
        self.setWindowTitle(_("Regio bewerken"))
        self.setAccessibleName(_("Regio bewerken"))
        self.resize(760, 620)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.naam_edit = QLineEdit()
        self.naam_edit.setAccessibleName(_("Naam van de regio"))
        form.addRow(_("Naam van de regio:"), self.naam_edit)
        self.peildatum_edit = QDateEdit(QDate(date.today().year, 1, 1))
        self.peildatum_edit.setCalendarPopup(True)
        self.peildatum_edit.setDisplayFormat("dd-MM-yyyy")
        self.peildatum_edit.setAccessibleName(_("Peildatum van de ingevoerde inwonertallen"))
        self.peildatum_edit.dateChanged.connect(self._jaar_gewijzigd)
        form.addRow(_("Peildatum inwoners:"), self.peildatum_edit)
        form.addRow("", _uitleg_per_jaar())
        self.zoek_edit = QLineEdit()
        self.zoek_edit.setPlaceholderText(_("Filter op naam of code"))
        self.zoek_edit.setAccessibleName(_("Gemeenten filteren"))
        self.zoek_edit.textChanged.connect(self._filter)
        form.addRow(_("Zoeken:"), self.zoek_edit)
        layout.addLayout(form)

        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [_("In regio"), _("CBS-code"), _("Gemeente"), _("Inwoners")])
        self.table.setAccessibleName(_("Gemeenten met inwonertallen"))
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(COL_NAAM, self.table.horizontalHeader().ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        layout.addWidget(self._build_fusie())

        self.message, buttons = melding_en_opslaan(self, layout, self.save)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self._build_sleutel_button(buttons)
        self._vault = vault
        self._per_jaar: dict[str, dict[int, int]] = {}
        self._gemeenten: tuple[Any, dict[str, Any]] | None = None
        service = self.service
        self._run(lambda: (service.regio(), service.alle_gemeenten(),
                           service.inwoners_per_jaar()), self._loaded,
                  _("Regio wordt gelezen…"))

    def _build_sleutel_button(self, buttons: QDialogButtonBox) -> None:
        """The key is set in its own dialog (``SleutelDialog``), reachable from here."""
        self.sleutel_button = buttons.addButton(_("Verdeelsleutel…"),
                                                QDialogButtonBox.ButtonRole.ActionRole)
        self.sleutel_button.setAccessibleName(_("Verdeelsleutel van de regio instellen"))
        self.sleutel_button.clicked.connect(self.bewerk_sleutel)

    def _build_fusie(self) -> QGroupBox:
        fusie = QGroupBox(_("Fusie vastleggen"))
        row = QHBoxLayout(fusie)
        self.oud_edit = QLineEdit()
        self.oud_edit.setPlaceholderText(_("oude codes, bijv. GM0001, GM0002"))
        self.oud_edit.setAccessibleName(_("Codes van de gefuseerde gemeenten"))
        self.nieuw_code_edit = QLineEdit()
        self.nieuw_code_edit.setPlaceholderText(_("code opvolger"))
        self.nieuw_code_edit.setAccessibleName(_("Code van de opvolger"))
        self.nieuw_naam_edit = QLineEdit()
        self.nieuw_naam_edit.setPlaceholderText(_("naam opvolger"))
        self.nieuw_naam_edit.setAccessibleName(_("Naam van de opvolger"))
        self.fusie_button = QPushButton(_("Fusie vastleggen"))
        self.fusie_button.setAccessibleName(_("Fusie vastleggen"))
        self.fusie_button.clicked.connect(self.fusie)
        for w in (self.oud_edit, self.nieuw_code_edit, self.nieuw_naam_edit, self.fusie_button):
            row.addWidget(w)
        return fusie

    # -- the worker ------------------------------------------------------------------

    def is_busy(self) -> bool:
        """Reading, saving or merging is running on the worker."""
        return self._busy

    def _run(self, work: Callable[[], Any], done: Callable[[Any], None], busy_text: str) -> None:
        self._busy = True
        for button in (self.save_button, self.fusie_button):
            button.setEnabled(False)
        self.message.setStyleSheet("")
        self.message.setText(busy_text)
        self.tasks.run(work, on_done=done, on_error=self._show_error, on_finally=self._idle,
                       owner=self)

    def _idle(self) -> None:
        self._busy = False
        for button in (self.save_button, self.fusie_button):
            button.setEnabled(True)

    def _loaded(self, found: tuple[Any, dict[str, Any], dict[str, dict[int, int]]]) -> None:
        regio, gemeenten, self._per_jaar = found
        self.message.clear()
        if not self.naam_edit.text():
            self.naam_edit.setText(regio.naam if regio else "")
        self._fill(regio, gemeenten)

    def jaar(self) -> int:
        return int(self.peildatum_edit.date().year())

    def _cijfer(self, code: str, standaard: int | None) -> int | None:
        """The figure for the chosen year: that year's, else the latest before, else the
        earliest after (the rule the allocation uses)."""
        cijfers = self._per_jaar.get(code)
        if not cijfers:
            return standaard
        jaar = self.jaar()
        eerder = [j for j in cijfers if j <= jaar]
        return cijfers[max(eerder)] if eerder else cijfers[min(cijfers)]

    def _jaar_gewijzigd(self, *_args: object) -> None:
        if self._gemeenten is not None and not self._busy:
            self._fill(*self._gemeenten)

    def bewerk_sleutel(self) -> None:
        from zorgapp.ui.dialogs.sleutel_dialog import SleutelDialog

        SleutelDialog(self._vault, self).exec()

    def _fill(self, regio: Any, gemeenten: dict[str, Any]) -> None:
        self._gemeenten = (regio, gemeenten)
        in_regio = set(regio.gemeenten) if regio is not None else set()
        rows = sorted(gemeenten.values(), key=lambda g: (g.cbs_code not in in_regio, g.naam))
        self.table.setRowCount(len(rows))
        self._original = {}
        for r, g in enumerate(rows):
            check = QTableWidgetItem()
            check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            check.setCheckState(Qt.CheckState.Checked if g.cbs_code in in_regio
                                else Qt.CheckState.Unchecked)
            self.table.setItem(r, COL_IN, check)
            for col, text in ((COL_CODE, g.cbs_code), (COL_NAAM, g.naam)):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(r, col, item)
            cijfer = self._cijfer(g.cbs_code, g.inwoners)
            figure = QTableWidgetItem("" if cijfer is None else str(cijfer))
            figure.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(r, COL_INWONERS, figure)
            self._original[g.cbs_code] = cijfer  # only what the user changes is saved
        self.table.resizeColumnsToContents()

    def _filter(self, text: str) -> None:
        needle = text.strip().lower()
        for r in range(self.table.rowCount()):
            haystack = (self.table.item(r, COL_CODE).text() + " "
                        + self.table.item(r, COL_NAAM).text()).lower()
            self.table.setRowHidden(r, bool(needle) and needle not in haystack)

    def _rows(self) -> list[tuple[str, bool, str]]:
        return [(self.table.item(r, COL_CODE).text(),
                 self.table.item(r, COL_IN).checkState() == Qt.CheckState.Checked,
                 self.table.item(r, COL_INWONERS).text().strip())
                for r in range(self.table.rowCount())]

    def _show_error(self, exc: BaseException) -> None:
        self.message.setStyleSheet("color: #b00020;")
        self.message.setText(message_for(exc))

    def save(self) -> None:
        """Members first, then every changed figure; nothing half-done on bad input."""
        rows = self._rows()
        figures: dict[str, int] = {}
        for code, _checked, text in rows:
            digits = text.replace(".", "").replace(" ", "")
            if not digits:
                continue
            if not digits.isdigit():
                self.message.setStyleSheet("color: #b00020;")
                self.message.setText(_("Inwoners van {code}: alleen een geheel getal.").format(code=code))
                return
            if int(digits) != self._original.get(code):
                figures[code] = int(digits)
        peildatum: date = self.peildatum_edit.date().toPython()  # type: ignore[assignment]  # QDate -> date
        service, naam = self.service, self.naam_edit.text()
        members = [c for c, checked, _t in rows if checked]

        def work() -> None:
            service.kies_gemeenten(naam, members)
            for code, figure in figures.items():
                if code in members:
                    service.zet_inwoners(code, figure, peildatum)

        self._run(work, lambda _result: self.accept(), _("Regio wordt opgeslagen…"))

    def fusie(self) -> None:
        oud = [c.strip() for c in self.oud_edit.text().replace(";", ",").split(",") if c.strip()]
        service = self.service
        code, naam = self.nieuw_code_edit.text().strip(), self.nieuw_naam_edit.text().strip()

        def done(found: tuple[Any, dict[str, Any], dict[str, dict[int, int]]]) -> None:
            regio, gemeenten, self._per_jaar = found
            self._fill(regio, gemeenten)
            self.message.setStyleSheet("")
            self.message.setText(_("Fusie vastgelegd: dossiers van {oud} gaan naar {nieuw}.").format(
                oud=", ".join(oud), nieuw=code.upper()))

        self._run(lambda: (service.fusie(oud, code, naam), service.alle_gemeenten(),
                           service.inwoners_per_jaar()), done,
                  _("Fusie wordt vastgelegd…"))
