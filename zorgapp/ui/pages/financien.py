"""The Financiën area: the cost allocation naar ratio for a year, quarter or month.

Pick the period and the key, and the table shows what each municipality of the
region pays; selecting a municipality explains its amount line by line (dossiernummer,
nights, daily rate, ground, share) — never a client's name. Nationally funded costs
are shown apart and not allocated. "Exporteren naar CSV" writes the table where the
user chooses, in Dutch Excel style. The computation runs on the task runner (a big
vault takes seconds). The region itself is set up under "Regio bewerken…": Hollands
Midden (demo figures), a CBS StatLine population import, or figures typed in per year;
"Verdeelsleutel…" and "Vaststellen…" are in ``financien_geld``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from zorgapp.domain.allocation import SLEUTEL_LABELS, Sleutel
from zorgapp.i18n import N_, _, format_date, format_money
from zorgapp.services.allocation_service import AllocationService, Uitkomst
from zorgapp.services.region_service import RegionService
from zorgapp.ui.context import UiContext
from zorgapp.ui.models.financien_models import (
    AandeelTableModel,
    ToelichtingRij,
    ToelichtingTableModel,
)
from zorgapp.ui.pages.base import Page
from zorgapp.ui.pages.financien_geld import GeldActies
from zorgapp.ui.tasks import message_for
from zorgapp.ui.widgets.forms import ERROR_STYLE, OK_STYLE
from zorgapp.ui.widgets.tables import table_view

if TYPE_CHECKING:
    from zorgapp.store.vault import Vault

MAANDEN = (N_("januari"), N_("februari"), N_("maart"), N_("april"), N_("mei"), N_("juni"),
           N_("juli"), N_("augustus"), N_("september"), N_("oktober"), N_("november"),
           N_("december"))


class FinancienPage(GeldActies, Page):
    name = "financien"
    title_msgid = N_("Financiën")

    berekend = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None,
                 vandaag: Callable[[], date] = date.today) -> None:
        super().__init__(ctx, parent)
        self._vandaag = vandaag
        self.uitkomst: Uitkomst | None = None
        self._generation = 0
        #: Asks where to save; tests replace it. Returns a path or "" when cancelled.
        self.ask_save_path: Callable[[str], str] = self._ask_save_path

        outer, top = self.header()
        self._build_regio(top)
        outer.addLayout(self._build_picker(vandaag().year))
        self.samenvatting_label = QLabel()
        self.samenvatting_label.setWordWrap(True)
        self.samenvatting_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.samenvatting_label)
        self._build_geld(top, outer)
        outer.addWidget(self._build_tables(), 1)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        outer.addWidget(self.status_label)
        self.soort_combo.currentIndexChanged.connect(self._vul_perioden)
        self.retranslate()
        self._update_buttons()

    def _build_regio(self, top: QHBoxLayout) -> None:
        """In the header: the region in use and the buttons to set or import it."""
        self.regio_label = QLabel()
        top.addWidget(self.regio_label)
        self.demo_regio_button = QPushButton()
        self.demo_regio_button.clicked.connect(self.stel_demo_regio_in)
        top.addWidget(self.demo_regio_button)
        self.import_button = QPushButton()
        self.import_button.clicked.connect(self.importeer_cbs)
        top.addWidget(self.import_button)
        self.regio_button = QPushButton()
        self.regio_button.clicked.connect(self.bewerk_regio)
        top.addWidget(self.regio_button)

    def _build_picker(self, jaar: int) -> QHBoxLayout:
        """Year, kind of period, period, key; Bereken and Exporteren."""
        picker = QHBoxLayout()
        self.jaar_label = QLabel()
        self.jaar_spin = QSpinBox()
        self.jaar_spin.setRange(2000, 2100)
        self.jaar_spin.setValue(jaar)
        self.jaar_label.setBuddy(self.jaar_spin)
        self.soort_combo = QComboBox()
        self.periode_combo = QComboBox()
        self.soort_label = QLabel()
        self.soort_label.setBuddy(self.soort_combo)
        self.sleutel_label = QLabel()
        self.sleutel_combo = QComboBox()
        self.sleutel_label.setBuddy(self.sleutel_combo)
        self.bereken_button = QPushButton()
        self.bereken_button.setDefault(True)
        self.bereken_button.clicked.connect(self.bereken)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.exporteer)
        for w in (self.jaar_label, self.jaar_spin, self.soort_label, self.soort_combo,
                  self.periode_combo, self.sleutel_label, self.sleutel_combo,
                  self.bereken_button):
            picker.addWidget(w)
        picker.addStretch(1)
        picker.addWidget(self.export_button)
        return picker

    def _build_tables(self) -> QSplitter:
        """Shares per municipality above, the explanation of the chosen row below."""
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.aandeel_box = QGroupBox()
        box = QVBoxLayout(self.aandeel_box)
        self.aandeel_model = AandeelTableModel(self)
        self.aandeel_view = table_view("", stretch=1)
        self.aandeel_view.setModel(self.aandeel_model)
        self.aandeel_view.selectionModel().selectionChanged.connect(self._toon_toelichting)
        box.addWidget(self.aandeel_view)
        splitter.addWidget(self.aandeel_box)
        self.toelichting_box = QGroupBox()
        box = QVBoxLayout(self.toelichting_box)
        self.toelichting_model = ToelichtingTableModel(self)
        self.toelichting_view = table_view("", stretch=1)
        self.toelichting_view.setModel(self.toelichting_model)
        self.toelichting_view.activated.connect(self._open)
        box.addWidget(self.toelichting_view)
        splitter.addWidget(self.toelichting_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        return splitter

    # -- texts ----------------------------------------------------------------------------

    def retranslate(self) -> None:
        super().retranslate()
        self.jaar_label.setText(_("&Jaar:"))
        self.jaar_spin.setAccessibleName(_("Jaar"))
        self.soort_label.setText(_("&Periode:"))
        keuze = self.soort_combo.currentData() or "kwartaal"
        self.soort_combo.blockSignals(True)
        self.soort_combo.clear()
        for code, label in (("jaar", _("Heel jaar")), ("kwartaal", _("Kwartaal")),
                            ("maand", _("Maand"))):
            self.soort_combo.addItem(label, code)
        self.soort_combo.setCurrentIndex(max(0, self.soort_combo.findData(keuze)))
        self.soort_combo.blockSignals(False)
        self.soort_combo.setAccessibleName(_("Soort periode"))
        self.periode_combo.setAccessibleName(_("Kwartaal of maand"))
        self._vul_perioden()
        self.sleutel_label.setText(_("&Verdeelsleutel:"))
        gekozen = self.sleutel_combo.currentData()
        self.sleutel_combo.clear()
        self.sleutel_combo.addItem(_("Zoals ingesteld voor de regio"), "")
        for s in Sleutel:
            self.sleutel_combo.addItem(_(SLEUTEL_LABELS[s]), s.value)
        self.sleutel_combo.setCurrentIndex(max(0, self.sleutel_combo.findData(gekozen or "")))
        self.sleutel_combo.setAccessibleName(_("Verdeelsleutel"))
        self.bereken_button.setText(_("&Berekenen"))
        self.bereken_button.setAccessibleName(_("Kostenverdeling berekenen"))
        self.export_button.setText(_("Exporteren naar &CSV…"))
        self.export_button.setAccessibleName(_("Exporteren naar CSV"))
        self.demo_regio_button.setText(_("Demo-regio instellen"))
        self.demo_regio_button.setAccessibleName(_("Hollands Midden met demo-inwoners instellen"))
        self.import_button.setText(_("CBS-inwoners &importeren…"))
        self.import_button.setAccessibleName(_("Inwonertallen van CBS StatLine importeren"))
        self.regio_button.setText(_("&Regio bewerken…"))
        self.regio_button.setAccessibleName(_("Gemeenten, inwoners en fusies van de regio bewerken"))
        self.aandeel_box.setTitle(_("Verdeling per gemeente"))
        self.aandeel_view.setAccessibleName(_("Verdeling per gemeente"))
        self.toelichting_box.setTitle(_("Toelichting: kies een gemeente"))
        self.toelichting_view.setAccessibleName(_("Toelichting per dossier"))
        self.samenvatting_label.setAccessibleName(_("Samenvatting van de verdeling"))
        self.status_label.setAccessibleName(_("Status"))
        self.regio_label.setAccessibleName(_("Regio"))
        self._retranslate_geld()
        self.aandeel_model.retranslate()
        self.toelichting_model.retranslate()
        self._toon()

    def _vul_perioden(self, *_args: object) -> None:
        soort = self.soort_combo.currentData()
        vorige = self.periode_combo.currentIndex()
        self.periode_combo.clear()
        if soort == "kwartaal":
            for q in range(1, 5):
                self.periode_combo.addItem(_("Kwartaal {nummer}").format(nummer=q), q)
            if vorige < 0 or vorige > 3:
                vorige = (self._vandaag().month - 1) // 3
        elif soort == "maand":
            for m, naam in enumerate(MAANDEN, start=1):
                self.periode_combo.addItem(_(naam), m)
            if vorige < 0:
                vorige = self._vandaag().month - 1
        self.periode_combo.setEnabled(soort != "jaar")
        self.periode_combo.setVisible(soort != "jaar")
        if self.periode_combo.count():
            self.periode_combo.setCurrentIndex(max(0, min(vorige, self.periode_combo.count() - 1)))

    # -- vault ----------------------------------------------------------------------------

    def set_vault(self, vault: Vault) -> None:
        super().set_vault(vault)
        self._toon_regio()
        self._update_buttons()
        self.bereken()

    def clear(self) -> None:
        self._generation += 1
        self.uitkomst = None
        self.aandeel_model.clear()
        self.toelichting_model.clear()
        self.samenvatting_label.clear()
        self.status_label.clear()
        self.regio_label.clear()
        super().clear()
        self._update_buttons()

    def activated(self) -> None:
        self._toon_regio()

    def _update_buttons(self) -> None:
        open_ = self.vault is not None
        for w in (self.bereken_button, self.demo_regio_button, self.import_button,
                  self.regio_button):
            w.setEnabled(open_)
        self.export_button.setEnabled(open_ and self.uitkomst is not None)
        self._update_geld(open_)

    def _toon_regio(self) -> None:
        """Read the region (and the demo mark) on the worker, then show it."""
        vault = self.vault
        if vault is None:
            return
        service = RegionService(vault)
        self.ctx.tasks.run(lambda: (service.regio(), vault.meta("demo") == "1"),
                           on_done=lambda r: self._regio_gelezen(vault, *r), owner=self)

    def _regio_gelezen(self, vault: Vault, regio: Any, demo: bool) -> None:
        if vault is not self.vault:
            return
        # Demo figures only where they cannot overwrite a real region's.
        self.demo_regio_button.setVisible(regio is None or demo)
        if regio is None:
            self.regio_label.setText(_("Geen regio ingesteld"))
        else:
            self.regio_label.setText(_("Regio {naam}: {aantal} gemeenten").format(
                naam=regio.naam, aantal=len(regio.actieve_gemeenten())))

    def _status(self, tekst: str, fout: bool = False) -> None:
        self.status_label.setStyleSheet(ERROR_STYLE if fout else OK_STYLE)
        self.status_label.setText(tekst)

    # -- computing --------------------------------------------------------------------------

    def periode_keuze(self) -> tuple[int, int | None, int | None]:
        soort = self.soort_combo.currentData()
        jaar = self.jaar_spin.value()
        if soort == "kwartaal":
            return jaar, self.periode_combo.currentData(), None
        if soort == "maand":
            return jaar, None, self.periode_combo.currentData()
        return jaar, None, None

    def bereken(self) -> None:
        if self.vault is None:
            return
        jaar, kwartaal, maand = self.periode_keuze()
        sleutel = self.sleutel_combo.currentData() or None
        service = AllocationService(self.vault, vandaag=self._vandaag)
        self._generation += 1
        generation = self._generation
        self.bereken_button.setEnabled(False)
        self._status(_("Bezig met berekenen…"))
        self.ctx.tasks.run(lambda: service.bereken(jaar, kwartaal, maand, sleutel),
                           on_done=lambda u: self._berekend(generation, u),
                           on_error=lambda e: self._mislukt(generation, e),
                           on_finally=self._update_buttons, owner=self)

    def _berekend(self, generation: int, uitkomst: Uitkomst) -> None:
        if generation != self._generation:
            return
        self.uitkomst = uitkomst
        self.status_label.clear()
        self._toon()
        self.berekend.emit()

    def _mislukt(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self.uitkomst = None
        self._toon()
        self._status(message_for(exc), fout=True)

    def _toon(self) -> None:
        u = self.uitkomst
        self._toon_vaststelling(u)
        if u is None:
            self.aandeel_model.clear()
            self.toelichting_model.clear()
            self.samenvatting_label.clear()
            return
        v = u.verdeling
        self.aandeel_model.set_rows(v.aandelen)
        self.toelichting_model.clear()
        self.samenvatting_label.setText(_(
            "{van} t/m {tot}, {sleutel}: verdeeld {totaal} over {aantal} gemeenten. "
            "Landelijk gefinancierd (COSM, OMM, BO AMV, bedenktijd; niet verdeeld): "
            "{landelijk}.").format(
            van=format_date(u.van), tot=format_date(u.laatste_dag),
            sleutel=_(SLEUTEL_LABELS[Sleutel(v.sleutel.soort)]).lower(),
            totaal=format_money(v.totaal), aantal=len(v.aandelen),
            landelijk=format_money(v.totaal_niet_verdeeld)))
        self.toelichting_box.setTitle(_("Toelichting: kies een gemeente"))

    def _toon_toelichting(self, *_args: object) -> None:
        rows = self.aandeel_view.selectionModel().selectedRows()
        if not rows or self.uitkomst is None:
            self.toelichting_model.clear()
            return
        aandeel = self.aandeel_model.row(rows[0].row())
        nummers = self.uitkomst.dossiernummers
        rijen = [ToelichtingRij(r, nummers.get(r.dossier_uuid, "")) for r in aandeel.regels]
        rijen.sort(key=lambda r: (r.dossiernummer, r.regel.van, r.regel.bron.value))
        self.toelichting_model.set_rows(rijen)
        titel = _("Toelichting {gemeente}: {bedrag} uit {aantal} regels").format(
            gemeente=aandeel.gemeente, bedrag=format_money(aandeel.bedrag),
            aantal=len(aandeel.regels))
        if aandeel.na_vaststelling:
            titel += " " + _("(vandaag {bedrag}; het verschil volgt als correctie)").format(
                bedrag=format_money(aandeel.bedrag + aandeel.na_vaststelling))
        self.toelichting_box.setTitle(titel)

    def selecteer_gemeente(self, cbs_code: str) -> bool:
        for i, a in enumerate(self.aandeel_model.rows()):
            if a.cbs_code == cbs_code:
                self.aandeel_view.selectRow(i)
                return True
        return False

    def _open(self, index: Any) -> None:
        rij = self.toelichting_model.row(index.row())
        uuid = rij.regel.dossier_uuid
        self.request_dossier(uuid)

    # -- export and region -------------------------------------------------------------------

    def _ask_save_path(self, suggestion: str) -> str:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Kostenverdeling exporteren"), suggestion, _("CSV-bestanden (*.csv)"))
        return path

    def exporteer(self) -> None:
        if self.vault is None or self.uitkomst is None:
            return
        u = self.uitkomst
        suggestie = str(Path.home() / _("kostenverdeling_{van}_{tot}.csv").format(
            van=u.van.isoformat(), tot=u.laatste_dag.isoformat()))
        pad = self.ask_save_path(suggestie)
        if not pad:
            return
        if not pad.lower().endswith(".csv"):
            pad += ".csv"
        service = AllocationService(self.vault, vandaag=self._vandaag)
        self.ctx.tasks.run(lambda: service.exporteer_csv(u, Path(pad)),
                           on_done=lambda p: self._status(
                               _("Opgeslagen: {pad}").format(pad=str(p))),
                           on_error=lambda e: self._status(message_for(e), fout=True),
                           owner=self)

    def bewerk_regio(self) -> None:
        """Choose municipalities, type inhabitants in, record mergers."""
        if self.vault is None:
            return
        from zorgapp.ui.dialogs.regio_dialog import RegioDialog

        if RegioDialog(self.vault, self).exec():
            self._toon_regio()
            self.bereken()

    def stel_demo_regio_in(self) -> None:
        if self.vault is None:
            return

        def klaar(_result: object) -> None:
            self._toon_regio()
            self._status(_("Regio Hollands Midden ingesteld met afgeronde demo-inwonertallen."))
            self.bereken()

        self.ctx.tasks.run(RegionService(self.vault).stel_demo_in, on_done=klaar,
                           on_error=lambda e: self._status(message_for(e), fout=True), owner=self)

    def importeer_cbs(self) -> None:
        if self.vault is None:
            return
        pad, _filter = QFileDialog.getOpenFileName(
            self, _("Inwonertallen van CBS importeren"), str(Path.home()),
            _("CSV-bestanden (*.csv *.txt)"))
        if pad:
            self.importeer_cbs_bestand(Path(pad))

    def importeer_cbs_bestand(self, pad: Path) -> None:
        assert self.vault is not None
        service = RegionService(self.vault)

        def werk() -> Any:
            tekst = pad.read_bytes().decode("utf-8-sig", errors="replace")
            return service.importeer_cbs(tekst)

        def klaar(result: Any) -> None:
            self._toon_regio()
            tekst = _("{aantal} gemeenten bijgewerkt met inwonertallen op {datum}.").format(
                aantal=len(result.bijgewerkt), datum=format_date(result.peildatum))
            if result.ontbrekend:
                tekst += " " + _("Zonder cijfer: {codes}.").format(codes=", ".join(result.ontbrekend))
            self._status(tekst, fout=bool(result.ontbrekend))
            self.bereken()

        self.ctx.tasks.run(werk, on_done=klaar,
                           on_error=lambda e: self._status(message_for(e), fout=True), owner=self)
