"""The Opvang tab of a dossier: placements, rates and other costs of one client.

Buttons open small dialogs; a refusal by the rules (an overlapping stay, a date in
the future, a missing rate) shows inside the dialog, which stays open. Dialogs run
through ``self.run_dialog`` so tests can drive them without a nested event loop.
``dossier_changed`` fires after a change that may have moved the dossier's path, so
the dossier view can refresh its stage.

Embedding: ``OpvangTab(ctx)`` then ``set_vault(vault)`` and ``set_dossier(uuid)``,
or ``OpvangTab(vault=..., dossier_uuid=...)``, or ``set_dossier(vault, uuid)``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from zorgapp.domain.errors import DomainError
from zorgapp.domain.kosten import KOSTENSOORT_LABELS, KostenSoort
from zorgapp.domain.opvang import (
    FINANCIER_LABELS,
    OPVANG_LABELS,
    Financier,
    OpvangType,
    PlaatsingStatus,
)
from zorgapp.errors import KnownError
from zorgapp.i18n import N_, _, format_money
from zorgapp.reports.style import Briefhoofd
from zorgapp.services.opvang_service import OpvangService, PlaatsResultaat
from zorgapp.services.report_service import Rapport, ReportService
from zorgapp.services.vault_service import Vault
from zorgapp.ui.dialogs.brief_dialog import BriefDialog
from zorgapp.ui.dialogs.traject_dialogs import (
    OptionalDate,
    _FormDialog,
    date_edit,
    to_date,
)
from zorgapp.ui.models.opvang_models import (
    KostenpostTableModel,
    PlaatsingRij,
    PlaatsingTableModel,
)
from zorgapp.ui.tasks import TaskRunner, message_for, runner
from zorgapp.ui.widgets.pdf_preview import PdfPreviewDialog
from zorgapp.ui.widgets.rapport_preview import toon_rapport

ERROR_STYLE = "color: #b00020;"
OK_STYLE = "color: #1b5e20;"


def _combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    return combo


def _line(name: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(name)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


class ReadOnlyTableView(QTableView):
    """Row-select, read-only table; ``stretch`` is the column that takes spare width
    (a name or description, so amounts stay next to their labels)."""

    def __init__(self, name: str, stretch: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stretch = stretch
        self.setAccessibleName(name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setStretchLastSection(stretch is None)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def setModel(self, model: Any) -> None:
        super().setModel(model)
        if self._stretch is not None and model is not None:
            self.horizontalHeader().setSectionResizeMode(
                self._stretch, QHeaderView.ResizeMode.Stretch)


def table_view(name: str, stretch: int | None = None) -> QTableView:
    return ReadOnlyTableView(name, stretch)


# -- dialogs ------------------------------------------------------------------------------


class PlaatsingDialog(_FormDialog):
    """A new placement: requested for later, or placed right away (``direct``)."""

    def __init__(self, service: OpvangService, direct: bool,
                 submit: Callable[[dict[str, Any]], object],
                 parent: QWidget | None = None) -> None:
        title = _("Plaatsen") if direct else _("Plaatsing aanvragen")
        super().__init__(title, submit, parent)
        today = service.vandaag
        self.type_combo = _combo(_("Soort opvang"))
        for soort in OpvangType:
            self.type_combo.addItem(_(OPVANG_LABELS[soort]), soort.value)
        self.add_row(_("Soort opvang:"), self.type_combo)
        self.locatie_combo = _combo(_("Opvanglocatie"))
        self._locaties = service.locaties(alleen_actief=True)
        self.type_combo.currentIndexChanged.connect(self._vul_locaties)
        self.add_row(_("Locatie:"), self.locatie_combo)
        self.datum_edit = date_edit(today, today if direct else None,
                                    _("Begindatum (eerste nacht)") if direct
                                    else _("Geplande begindatum"))
        self.add_row(_("Eerste nacht:") if direct else _("Gepland vanaf:"), self.datum_edit)
        self.tarief_edit = _line(_("Dagtarief"), _("leeg: het tarief van de locatie"))
        if direct:
            self.add_row(_("Dagtarief (€):"), self.tarief_edit)
        self.financier_combo = _combo(_("Wie betaalt"))
        self.financier_combo.addItem(_("Volgens soort opvang"), "")
        for f in Financier:
            self.financier_combo.addItem(_(FINANCIER_LABELS[f]), f.value)
        self.add_row(_("Betaald door:"), self.financier_combo)
        self.evaluatie = OptionalDate(_("Evaluatiedatum"), today)
        self.add_row(_("Evaluatie:"), self.evaluatie)
        self.einde = OptionalDate(_("Verwachte einddatum"), today)
        self.add_row(_("Verwacht einde:"), self.einde)
        self._vul_locaties()

    def _vul_locaties(self) -> None:
        soort = self.type_combo.currentData()
        self.locatie_combo.clear()
        self.locatie_combo.addItem(_("(geen vaste locatie)"), "")
        for rij in self._locaties:
            if rij.locatie.type.value == soort:
                self.locatie_combo.addItem(rij.locatie.naam, rij.locatie.uuid)
        if self.locatie_combo.count() > 1:
            self.locatie_combo.setCurrentIndex(1)

    def values(self) -> dict[str, Any]:
        return {
            "type": self.type_combo.currentData(),
            "locatie_uuid": self.locatie_combo.currentData() or None,
            "datum": to_date(self.datum_edit.date()),
            "dagtarief": self.tarief_edit.text().strip() or None,
            "financier": self.financier_combo.currentData() or None,
            "evaluatiedatum": self.evaluatie.value(),
            "verwachte_einddatum": self.einde.value(),
        }


class DatumBedragDialog(_FormDialog):
    """A date plus an amount (placing a request, a rate change)."""

    def __init__(self, title: str, datum_label: str, vandaag: date, bedrag_label: str | None,
                 submit: Callable[[dict[str, Any]], object], maximum: date | None = None,
                 parent: QWidget | None = None, bedrag_hint: str = "") -> None:
        super().__init__(title, submit, parent)
        self.datum_edit = date_edit(vandaag, maximum, datum_label.rstrip(":"))
        self.add_row(datum_label, self.datum_edit)
        self.bedrag_edit = _line((bedrag_label or "").rstrip(":"), bedrag_hint)
        if bedrag_label:
            self.add_row(bedrag_label, self.bedrag_edit)

    def values(self) -> dict[str, Any]:
        return {"datum": to_date(self.datum_edit.date()),
                "bedrag": self.bedrag_edit.text().strip() or None}


class BeeindigDialog(_FormDialog):
    def __init__(self, vandaag: date, aanvraag: bool,
                 submit: Callable[[dict[str, Any]], object], parent: QWidget | None = None) -> None:
        super().__init__(_("Aanvraag intrekken") if aanvraag else _("Plaatsing beëindigen"),
                         submit, parent)
        self.aanvraag = aanvraag
        self.datum_edit = date_edit(vandaag, vandaag, _("Vertrekdatum"))
        if not aanvraag:
            self.add_row(_("Vertrokken op:"), self.datum_edit)
        self.reden_edit = _line(_("Reden"), _("Bijv. zelfstandig wonen, doorgeplaatst"))
        self.add_row(_("Reden:"), self.reden_edit)
        uitleg = QLabel(_("De nacht van de vertrekdatum telt niet meer mee."))
        uitleg.setWordWrap(True)
        uitleg.setAccessibleName(uitleg.text())
        if not aanvraag:
            self.layout_.insertWidget(1, uitleg)

    def values(self) -> dict[str, Any]:
        return {"datum": None if self.aanvraag else to_date(self.datum_edit.date()),
                "reden": self.reden_edit.text()}


class KostenpostDialog(_FormDialog):
    def __init__(self, vandaag: date, submit: Callable[[dict[str, Any]], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(_("Kostenpost toevoegen"), submit, parent)
        self.soort_combo = _combo(_("Soort kosten"))
        for soort in KostenSoort:
            self.soort_combo.addItem(_(KOSTENSOORT_LABELS[soort]), soort.value)
        self.add_row(_("Soort:"), self.soort_combo)
        self.datum_edit = date_edit(vandaag, None, _("Datum"))
        self.add_row(_("Datum:"), self.datum_edit)
        self.bedrag_edit = _line(_("Bedrag"), _("bijv. 85,50"))
        self.add_row(_("Bedrag (€):"), self.bedrag_edit)
        self.omschrijving_edit = _line(_("Omschrijving"))
        self.add_row(_("Omschrijving:"), self.omschrijving_edit)
        self.landelijk_check = QCheckBox(_("Landelijk betaald (niet verdelen over gemeenten)"))
        self.landelijk_check.setAccessibleName(self.landelijk_check.text())
        self.add_row("", self.landelijk_check)

    def values(self) -> dict[str, Any]:
        return {"soort": self.soort_combo.currentData(), "datum": to_date(self.datum_edit.date()),
                "bedrag": self.bedrag_edit.text(), "omschrijving": self.omschrijving_edit.text(),
                "landelijk": self.landelijk_check.isChecked()}


# -- the tab ---------------------------------------------------------------------------------


def _exec(dialog: QDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


class OpvangTab(QWidget):
    """Placements and costs of one dossier."""

    dossier_changed = Signal(str)

    def __init__(self, ctx: Any = None, vault: Vault | None = None,
                 dossier_uuid: str | None = None, parent: QWidget | None = None,
                 vandaag: Callable[[], date] = date.today) -> None:
        super().__init__(parent)
        if isinstance(ctx, Vault):  # OpvangTab(vault, dossier_uuid)
            ctx, vault, dossier_uuid = None, ctx, dossier_uuid or vault  # type: ignore[assignment]
        self.ctx = ctx
        self.vault: Vault | None = None
        self.dossier_uuid: str | None = None
        self._vandaag = vandaag
        self.run_dialog: Callable[[QDialog], bool] = _exec
        self.preview: PdfPreviewDialog | None = None
        self.setAccessibleName(_("Opvang"))
        self._build()
        if vault is not None:
            self.set_vault(vault)
        if dossier_uuid:
            self.set_dossier(dossier_uuid)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        box = QGroupBox(_("Plaatsingen"))
        box_layout = QVBoxLayout(box)
        self.plaatsing_model = PlaatsingTableModel(self)
        self.plaatsing_view = table_view(_("Plaatsingen van deze cliënt"), stretch=1)
        self.plaatsing_view.setModel(self.plaatsing_model)
        self.plaatsing_view.selectionModel().selectionChanged.connect(self._update_buttons)
        box_layout.addWidget(self.plaatsing_view)
        row = QHBoxLayout()
        self.aanvraag_button = self._button(_("Plaatsing &aanvragen…"), self.vraag_aan)
        self.plaats_direct_button = self._button(_("&Nu plaatsen…"), self.plaats_direct)
        self.plaats_button = self._button(_("Aanvraag &plaatsen…"), self.plaats)
        self.tarief_button = self._button(_("&Dagtarief wijzigen…"), self.wijzig_tarief)
        self.beeindig_button = self._button(_("&Beëindigen…"), self.beeindig)
        self.brief_button = self._button(_("Plaat&singsbrief…"), self.plaatsingsbrief)
        self.brief_button.setToolTip(_("Brief voor de opvang bij de gekozen plaatsing"))
        for b in (self.aanvraag_button, self.plaats_direct_button, self.plaats_button,
                  self.tarief_button, self.beeindig_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.brief_button)
        box_layout.addLayout(row)
        layout.addWidget(box, 3)

        kosten = QGroupBox(_("Overige kosten"))
        kosten_layout = QVBoxLayout(kosten)
        self.post_model = KostenpostTableModel(self)
        self.post_view = table_view(_("Overige kosten van deze cliënt"), stretch=2)
        self.post_view.setModel(self.post_model)
        self.post_view.selectionModel().selectionChanged.connect(self._update_buttons)
        kosten_layout.addWidget(self.post_view)
        row = QHBoxLayout()
        self.post_button = self._button(_("&Kostenpost toevoegen…"), self.voeg_post_toe)
        self.post_weg_button = self._button(_("Kostenpost &verwijderen"), self.verwijder_post)
        row.addWidget(self.post_button)
        row.addWidget(self.post_weg_button)
        row.addStretch(1)
        kosten_layout.addLayout(row)
        layout.addWidget(kosten, 2)

        self.totaal_label = QLabel()
        self.totaal_label.setWordWrap(True)
        self.totaal_label.setAccessibleName(_("Kosten tot vandaag"))
        layout.addWidget(self.totaal_label)
        self.melding_label = QLabel()
        self.melding_label.setWordWrap(True)
        self.melding_label.setAccessibleName(_("Melding"))
        self.melding_label.hide()
        layout.addWidget(self.melding_label)
        self._update_buttons()

    def _button(self, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # -- data -----------------------------------------------------------------------------

    def service(self) -> OpvangService:
        assert self.vault is not None
        return OpvangService(self.vault, vandaag=self._vandaag)

    def set_vault(self, vault: Vault | None) -> None:
        self.vault = vault
        if vault is None:
            self.clear()

    def set_dossier(self, vault_or_uuid: Vault | str | None, uuid: str | None = None) -> None:
        if isinstance(vault_or_uuid, Vault):
            self.vault = vault_or_uuid
            self.dossier_uuid = uuid
        else:
            self.dossier_uuid = vault_or_uuid
        self.refresh()

    def clear(self) -> None:
        self.dossier_uuid = None
        self.plaatsing_model.clear()
        self.post_model.clear()
        self.totaal_label.clear()
        self.melding_label.hide()
        self._update_buttons()

    def refresh(self) -> None:
        if self.vault is None or not self.vault.is_open or not self.dossier_uuid:
            self.plaatsing_model.clear()
            self.post_model.clear()
            self._update_buttons()
            return
        service = self.service()
        uuid = self.dossier_uuid
        plaatsingen = service.plaatsingen(uuid)
        namen = {r.locatie.uuid: r.locatie.naam for r in service.locaties()}
        kosten = service.kosten(uuid)
        per_plaatsing: dict[str, tuple[int, Decimal]] = {}
        for r in kosten.regels:
            n, b = per_plaatsing.get(r.plaatsing_uuid, (0, Decimal("0.00")))
            per_plaatsing[r.plaatsing_uuid] = (n + r.nachten, b + r.bedrag)
        vandaag = service.vandaag
        rijen = []
        for p in plaatsingen:
            peil = vandaag if p.tot is None else min(vandaag, p.tot)
            tarief = p.tarief_op(max(peil, p.van)) if p.van and p.tarieven else None
            n, b = per_plaatsing.get(p.uuid, (0, Decimal("0.00")))
            rijen.append(PlaatsingRij(p, namen.get(p.locatie_uuid or "", ""),
                                      tarief.dagtarief if tarief else None, n, b))
        self.plaatsing_model.set_rows(rijen)
        self.post_model.set_rows(kosten.posten)
        tekst = _("Kosten tot vandaag: {totaal} (opvang {nachten}, overige kosten {posten}).").format(
            totaal=format_money(kosten.totaal), nachten=format_money(kosten.totaal_nachten),
            posten=format_money(kosten.totaal_posten))
        if kosten.landelijk:
            tekst += " " + _("Waarvan landelijk betaald: {bedrag}.").format(
                bedrag=format_money(kosten.landelijk))
        self.totaal_label.setText(tekst)
        if kosten.fouten:
            self._melding(" ".join(kosten.fouten), fout=True)
        self._update_buttons()

    def geselecteerde_plaatsing(self) -> PlaatsingRij | None:
        rows = self.plaatsing_view.selectionModel().selectedRows()
        return self.plaatsing_model.row(rows[0].row()) if rows else None

    def _update_buttons(self, *_args: object) -> None:
        actief = self.vault is not None and bool(self.dossier_uuid)
        rij = self.geselecteerde_plaatsing() if actief else None
        status = rij.plaatsing.status if rij else None
        self.aanvraag_button.setEnabled(actief)
        self.plaats_direct_button.setEnabled(actief)
        self.post_button.setEnabled(actief)
        self.plaats_button.setEnabled(status is PlaatsingStatus.AANGEVRAAGD)
        self.tarief_button.setEnabled(status is PlaatsingStatus.GEPLAATST
                                      or (status is PlaatsingStatus.BEEINDIGD
                                          and rij is not None and rij.plaatsing.van is not None
                                          and rij.plaatsing.van != rij.plaatsing.tot))
        self.beeindig_button.setEnabled(status in (PlaatsingStatus.AANGEVRAAGD,
                                                   PlaatsingStatus.GEPLAATST))
        self.brief_button.setEnabled(rij is not None)
        self.post_weg_button.setEnabled(actief and bool(self.post_view.selectionModel().selectedRows()))

    def _melding(self, tekst: str, fout: bool = False) -> None:
        self.melding_label.setStyleSheet(ERROR_STYLE if fout else OK_STYLE)
        self.melding_label.setText(tekst)
        self.melding_label.show()

    def _klaar(self, tekst: str, fase_gewijzigd: bool = False) -> None:
        self.refresh()
        self._melding(tekst)
        if self.dossier_uuid:
            self.dossier_changed.emit(self.dossier_uuid)

    # -- placement letter -----------------------------------------------------------------

    def _setting(self, key: str) -> str:
        return str(self.ctx.setting(key)) if self.ctx is not None else ""

    def _tasks(self) -> TaskRunner:
        return self.ctx.tasks if self.ctx is not None else runner()

    def plaatsingsbrief(self) -> None:
        """Ask alias/signature, make the letter on the worker, then show the preview."""
        rij = self.geselecteerde_plaatsing()
        if rij is None or self.vault is None:
            return
        dialog = BriefDialog(self._setting("letter_signer"), self)
        if not self.run_dialog(dialog):
            return
        alias, afzender = dialog.alias(), dialog.ondertekenaar()
        if self.ctx is not None and afzender != self._setting("letter_signer"):
            self.ctx.set_setting("letter_signer", afzender)
        briefhoofd = Briefhoofd.uit_instellingen(self.ctx.setting) if self.ctx else None
        service = ReportService(self.vault, briefhoofd, vandaag=self._vandaag)
        uuid = rij.plaatsing.uuid
        self._tasks().run(
            lambda: service.plaatsingsbrief(uuid, alias=alias, afzender=afzender),
            on_done=lambda rapport: self._toon_brief(service, rapport),
            on_error=lambda exc: self._melding(message_for(exc), fout=True), owner=self)

    def _toon_brief(self, service: ReportService, rapport: Rapport) -> None:
        if self.vault is None:  # locked while the letter was made: show nothing
            return
        self.preview = toon_rapport(self, rapport, service, self._tasks(),
                                    _("Plaatsingsbrief"), self._melding)
        self.preview.finished.connect(lambda *_args: setattr(self, "preview", None))

    def _select(self, plaatsing_uuid: str) -> None:
        for i, rij in enumerate(self.plaatsing_model.rows()):
            if rij.plaatsing.uuid == plaatsing_uuid:
                self.plaatsing_view.selectRow(i)
                return

    # -- actions --------------------------------------------------------------------------

    def vraag_aan(self) -> None:
        self._nieuw(direct=False)

    def plaats_direct(self) -> None:
        self._nieuw(direct=True)

    def _nieuw(self, direct: bool) -> None:
        service = self.service()
        uuid = self.dossier_uuid
        assert uuid is not None

        def submit(v: dict[str, Any]) -> object:
            if direct:
                return service.plaats_direct(
                    uuid, v["type"], v["datum"], locatie_uuid=v["locatie_uuid"],
                    dagtarief=v["dagtarief"], financier=v["financier"],
                    evaluatiedatum=v["evaluatiedatum"],
                    verwachte_einddatum=v["verwachte_einddatum"])
            return service.vraag_aan(uuid, v["type"], locatie_uuid=v["locatie_uuid"],
                                     van=v["datum"], financier=v["financier"],
                                     evaluatiedatum=v["evaluatiedatum"],
                                     verwachte_einddatum=v["verwachte_einddatum"])

        dialog = PlaatsingDialog(service, direct, submit, self)
        if self.run_dialog(dialog):
            result = dialog.result_value
            if isinstance(result, PlaatsResultaat):
                self._na_plaatsen(result)
            else:
                self._klaar(_("De aanvraag is vastgelegd."))
                self._select(getattr(result, "uuid", ""))

    def _na_plaatsen(self, result: PlaatsResultaat) -> None:
        if result.fase_gewijzigd:
            tekst = _("Geplaatst. Het dossier staat nu in de fase Geplaatst.")
        else:
            tekst = _("Geplaatst. De fase van het dossier is niet gewijzigd.")
        self._klaar(tekst, result.fase_gewijzigd)
        self._select(result.plaatsing.uuid)

    def plaats(self) -> None:
        rij = self.geselecteerde_plaatsing()
        if rij is None:
            return
        service = self.service()
        vandaag = service.vandaag

        def submit(v: dict[str, Any]) -> object:
            return service.plaats(rij.plaatsing.uuid, v["datum"], dagtarief=v["bedrag"])

        dialog = DatumBedragDialog(_("Aanvraag plaatsen"), _("Eerste nacht:"),
                                   min(rij.plaatsing.van or vandaag, vandaag),
                                   _("Dagtarief (€):"), submit, maximum=vandaag, parent=self,
                                   bedrag_hint=_("leeg: het tarief van de locatie"))
        if self.run_dialog(dialog) and isinstance(dialog.result_value, PlaatsResultaat):
            self._na_plaatsen(dialog.result_value)

    def wijzig_tarief(self) -> None:
        rij = self.geselecteerde_plaatsing()
        if rij is None:
            return
        service = self.service()

        def submit(v: dict[str, Any]) -> object:
            if v["bedrag"] is None:
                raise KnownError(N_("Vul het nieuwe dagtarief in."))
            return service.wijzig_tarief(rij.plaatsing.uuid, v["bedrag"], v["datum"])

        dialog = DatumBedragDialog(_("Dagtarief wijzigen"), _("Geldig vanaf:"), service.vandaag,
                                   _("Nieuw dagtarief (€):"), submit, parent=self)
        if self.run_dialog(dialog):
            self._klaar(_("Het dagtarief is gewijzigd."))
            self._select(rij.plaatsing.uuid)

    def beeindig(self) -> None:
        rij = self.geselecteerde_plaatsing()
        if rij is None:
            return
        service = self.service()
        aanvraag = rij.plaatsing.status is PlaatsingStatus.AANGEVRAAGD

        def submit(v: dict[str, Any]) -> object:
            return service.beeindig(rij.plaatsing.uuid, v["datum"], v["reden"])

        dialog = BeeindigDialog(service.vandaag, aanvraag, submit, self)
        if self.run_dialog(dialog):
            self._klaar(_("De aanvraag is ingetrokken.") if aanvraag
                        else _("De plaatsing is beëindigd."))

    def voeg_post_toe(self) -> None:
        service = self.service()
        uuid = self.dossier_uuid
        assert uuid is not None

        def submit(v: dict[str, Any]) -> object:
            return service.voeg_kostenpost_toe(uuid, v["soort"], v["datum"], v["bedrag"],
                                               v["omschrijving"], v["landelijk"])

        dialog = KostenpostDialog(service.vandaag, submit, self)
        if self.run_dialog(dialog):
            self._klaar(_("De kostenpost is vastgelegd."))

    def verwijder_post(self) -> None:
        rows = self.post_view.selectionModel().selectedRows()
        if not rows:
            return
        post = self.post_model.row(rows[0].row())
        try:
            self.service().verwijder_kostenpost(post.uuid)
        except (KnownError, DomainError) as exc:
            self._melding(message_for(exc), fout=True)
            return
        self._klaar(_("De kostenpost is verwijderd."))

    def retranslate(self) -> None:
        self.plaatsing_model.retranslate()
        self.post_model.retranslate()


__all__ = ["OpvangTab", "Qt"]
