"""Financiën > Verdeelsleutel…: how the region splits its costs, for every year or one.

All four keys of DOMAIN §6: by inhabitants, by municipality of binding, fixed
percentages (one per member, summing to exactly 100) and a mix (a part by inhabitants,
the rest by binding). The rules are the domain's (``Verdeelsleutel``): the dialog only
collects the input and shows the service's message when it is refused. Reading and
saving run on the task runner.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zorgapp.domain.allocation import SLEUTEL_LABELS, Sleutel
from zorgapp.i18n import _, format_number
from zorgapp.services.region_service import RegionService
from zorgapp.ui.tasks import message_for, runner
from zorgapp.ui.widgets.forms import melding_en_opslaan

if TYPE_CHECKING:
    from zorgapp.store.vault import Vault

COL_NAAM, COL_CODE, COL_PCT = range(3)


class SleutelDialog(QDialog):
    """Choose the key; fixed percentages per member; the part by inhabitants of a mix."""

    def __init__(self, vault: Vault, parent: QWidget | None = None,
                 vandaag: Callable[[], date] = date.today) -> None:
        super().__init__(parent)
        self.service = RegionService(vault)
        self.tasks = runner()
        self._busy = False
        self.setWindowTitle(_("Verdeelsleutel"))
        self.setAccessibleName(_("Verdeelsleutel"))
        self.resize(560, 560)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.jaar_combo = QComboBox()
        self.jaar_combo.addItem(_("Alle jaren zonder eigen sleutel (standaard)"), 0)
        for jaar in range(vandaag().year - 3, vandaag().year + 2):
            self.jaar_combo.addItem(_("Alleen {jaar}").format(jaar=jaar), jaar)
        self.jaar_combo.setAccessibleName(_("Voor welk jaar de sleutel geldt"))
        self.jaar_combo.currentIndexChanged.connect(self._lees)
        form.addRow(_("Geldt voor:"), self.jaar_combo)
        layout.addLayout(form)
        self.groep = QButtonGroup(self)
        self.knoppen: dict[Sleutel, QRadioButton] = {}
        for soort in Sleutel:
            knop = QRadioButton(_(SLEUTEL_LABELS[soort]))
            knop.setAccessibleName(_(SLEUTEL_LABELS[soort]))
            knop.toggled.connect(self._soort_gewijzigd)
            self.groep.addButton(knop)
            self.knoppen[soort] = knop
            layout.addWidget(knop)
        mix = QFormLayout()
        self.mix_spin = QDoubleSpinBox()
        self.mix_spin.setRange(0, 100)
        self.mix_spin.setDecimals(2)
        self.mix_spin.setSuffix(" %")
        self.mix_spin.setValue(50)
        self.mix_spin.setAccessibleName(_("Deel naar inwoners"))
        mix.addRow(_("Deel naar inwoners (de rest naar binding):"), self.mix_spin)
        layout.addLayout(mix)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([_("Gemeente"), _("CBS-code"), _("Percentage")])
        self.table.setAccessibleName(_("Vaste percentages per gemeente"))
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            COL_NAAM, self.table.horizontalHeader().ResizeMode.Stretch)
        self.table.itemChanged.connect(self._toon_som)
        layout.addWidget(self.table, 1)
        self.som_label = QLabel()
        self.som_label.setAccessibleName(_("Som van de percentages"))
        layout.addWidget(self.som_label)
        self._build_onderkant(layout)
        self._lees()

    def _build_onderkant(self, layout: QVBoxLayout) -> None:
        """The message line and Opslaan / Annuleren."""
        self.message, buttons = melding_en_opslaan(self, layout, self.save)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)

    # -- reading ----------------------------------------------------------------------

    def is_busy(self) -> bool:
        return self._busy

    def _run(self, work: Callable[[], Any], done: Callable[[Any], None], text: str) -> None:
        self._busy = True
        self.save_button.setEnabled(False)
        self.message.setStyleSheet("")
        self.message.setText(text)
        self.tasks.run(work, on_done=done, on_error=self._fout, on_finally=self._klaar,
                       owner=self)

    def _klaar(self) -> None:
        self._busy = False
        self.save_button.setEnabled(True)

    def _fout(self, exc: BaseException) -> None:
        self.message.setStyleSheet("color: #b00020;")
        self.message.setText(message_for(exc))

    def _lees(self, *_args: object) -> None:
        jaar = int(self.jaar_combo.currentData() or 0)
        service = self.service
        self._run(lambda: (service.vereist_regio(), service.sleutel(jaar),
                           service.vaste_percentages(jaar)), self._gelezen,
                  _("Verdeelsleutel wordt gelezen…"))

    def _gelezen(self, found: tuple[Any, Any, dict[str, Decimal]]) -> None:
        regio, sleutel, vast = found
        self.message.clear()
        self.knoppen[Sleutel(sleutel.soort)].setChecked(True)
        if sleutel.mix_inwoners_pct is not None:
            self.mix_spin.setValue(float(sleutel.mix_inwoners_pct))
        self.table.blockSignals(True)
        leden = regio.actieve_gemeenten()
        self.table.setRowCount(len(leden))
        for r, g in enumerate(leden):
            for col, text in ((COL_NAAM, g.naam), (COL_CODE, g.cbs_code)):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(r, col, item)
            pct = vast.get(g.cbs_code)
            cel = QTableWidgetItem("" if pct is None else format_number(pct))
            cel.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(r, COL_PCT, cel)
        self.table.blockSignals(False)
        self.table.resizeColumnToContents(COL_CODE)
        self._soort_gewijzigd()
        self._toon_som()

    # -- editing ----------------------------------------------------------------------

    def gekozen(self) -> Sleutel:
        return next((s for s, k in self.knoppen.items() if k.isChecked()), Sleutel.INWONERS)

    def _soort_gewijzigd(self, *_args: object) -> None:
        soort = self.gekozen()
        self.table.setEnabled(soort is Sleutel.VAST)
        self.som_label.setVisible(soort is Sleutel.VAST)
        self.mix_spin.setEnabled(soort is Sleutel.MIX)

    def percentages(self) -> dict[str, Decimal] | None:
        """The typed percentages by CBS code; None (and a message) when one is no number."""
        uit: dict[str, Decimal] = {}
        for r in range(self.table.rowCount()):
            tekst = self.table.item(r, COL_PCT).text().strip().replace(".", "").replace(",", ".")
            if not tekst:
                continue
            try:
                uit[self.table.item(r, COL_CODE).text()] = Decimal(tekst)
            except InvalidOperation:
                self.message.setStyleSheet("color: #b00020;")
                self.message.setText(_("Percentage van {gemeente}: geen getal.").format(
                    gemeente=self.table.item(r, COL_NAAM).text()))
                return None
        return uit

    def _toon_som(self, *_args: object) -> None:
        vast = self.percentages() or {}
        som = sum(vast.values(), Decimal(0))
        self.som_label.setText(_("Samen: {som} % (moet precies 100 % zijn)").format(
            som=format_number(som)))

    def save(self) -> None:
        soort = self.gekozen()
        vast = self.percentages() if soort is Sleutel.VAST else None
        if soort is Sleutel.VAST and vast is None:
            return
        mix = (Decimal(str(self.mix_spin.value())).quantize(Decimal("0.01"))
               if soort is Sleutel.MIX else None)
        jaar = int(self.jaar_combo.currentData() or 0)
        service = self.service
        self._run(lambda: service.zet_sleutel(soort, jaar=jaar, vaste_percentages=vast,
                                              mix_inwoners_pct=mix),
                  lambda _result: self.accept(), _("Verdeelsleutel wordt opgeslagen…"))
