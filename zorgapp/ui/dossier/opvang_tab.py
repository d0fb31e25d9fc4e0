"""Tab "Opvang" of a dossier: placements, rates and other costs of one client.

Buttons open small dialogs (ui/dialogs/opvang_dialogs.py); a refusal by the rules
shows inside the dialog, which stays open. Dialogs run through ``self.run_dialog`` so
tests can drive them without a nested event loop. ``dossier_changed`` fires after a
change that may have moved the dossier's path, so the dossier view can refresh its
stage.

Reading (``refresh``) and every change run on the task runner; the lists fill when the
answer arrives (``is_loading()`` until then), and a placement to select afterwards
waits for it (``_select``).

Embedding: ``OpvangTab(ctx)`` then ``set_vault(vault)`` and ``set_dossier(uuid)``, or
``OpvangTab(ctx, vault=..., dossier_uuid=...)``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from zorgapp.domain.opvang import PlaatsingStatus
from zorgapp.errors import KnownError
from zorgapp.i18n import N_, _, format_money
from zorgapp.services.opvang_service import DossierKosten, OpvangService, PlaatsResultaat
from zorgapp.services.report_service import Rapport, ReportService
from zorgapp.ui.dialogs.brief_dialog import BriefDialog
from zorgapp.ui.dialogs.opvang_dialogs import (
    BeeindigDialog,
    DatumBedragDialog,
    KostenpostDialog,
    PlaatsingDialog,
)
from zorgapp.ui.dialogs.pdf_preview import PdfPreviewDialog
from zorgapp.ui.dialogs.rapport_preview import toon_rapport
from zorgapp.ui.models.opvang_models import (
    KostenpostTableModel,
    PlaatsingRij,
    PlaatsingTableModel,
    plaatsing_rijen,
)
from zorgapp.ui.tasks import TaskRunner, message_for, runner
from zorgapp.ui.widgets.forms import ERROR_STYLE, OK_STYLE, button
from zorgapp.ui.widgets.tables import table_view

if TYPE_CHECKING:
    from zorgapp.store.vault import Vault


def _exec(dialog: QDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


class OpvangTab(QWidget):
    """Placements and costs of one dossier."""

    dossier_changed = Signal(str)

    def __init__(self, ctx: Any = None, vault: Vault | None = None,
                 dossier_uuid: str | None = None, parent: QWidget | None = None,
                 vandaag: Callable[[], date] = date.today) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.vault: Vault | None = None
        self.dossier_uuid: str | None = None
        self._vandaag = vandaag
        self.run_dialog: Callable[[QDialog], bool] = _exec
        self.preview: PdfPreviewDialog | None = None
        self._generation = 0
        self._in_flight: set[int] = set()
        self._select_after: str | None = None
        #: the dossier is closed: no new placement (the view sets it; the service refuses too)
        self.afgesloten = False
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
        b = button(text)
        b.clicked.connect(lambda _checked=False: slot())
        return b

    # -- data -----------------------------------------------------------------------------

    def service(self) -> OpvangService:
        assert self.vault is not None
        return OpvangService(self.vault, vandaag=self._vandaag)

    def set_vault(self, vault: Vault | None) -> None:
        self.vault = vault
        if vault is None:
            self.clear()

    def set_dossier(self, uuid: str | None) -> None:
        if uuid != self.dossier_uuid:
            self._select_after = None
            self.plaatsing_view.clearSelection()
        self.dossier_uuid = uuid
        self.refresh()

    def clear(self) -> None:
        self._generation += 1
        self._select_after = None
        self.dossier_uuid = None
        self.plaatsing_model.clear()
        self.post_model.clear()
        self.totaal_label.clear()
        self.melding_label.hide()
        self._update_buttons()

    def refresh(self) -> None:
        """Read placements and costs on the worker; show them when they arrive (the
        chosen placement stays chosen)."""
        self._generation += 1
        gekozen = self.geselecteerde_plaatsing()
        if self._select_after is None and gekozen is not None:
            self._select_after = gekozen.plaatsing.uuid
        if self.vault is None or not self.vault.is_open or not self.dossier_uuid:
            self.plaatsing_model.clear()
            self.post_model.clear()
            self._update_buttons()
            return
        service, uuid, generation = self.service(), self.dossier_uuid, self._generation
        self._in_flight.add(generation)

        def lees() -> tuple[list[PlaatsingRij], DossierKosten]:
            kosten = service.kosten(uuid)
            return plaatsing_rijen(service, uuid, kosten), kosten

        self._tasks().run(lees, on_done=lambda r: self._gelezen(generation, *r),
                          on_error=lambda exc: self._melding(message_for(exc), fout=True),
                          on_finally=lambda: self._in_flight.discard(generation), owner=self)

    def is_loading(self) -> bool:
        return bool(self._in_flight)

    def _gelezen(self, generation: int, rijen: list[PlaatsingRij], kosten: DossierKosten) -> None:
        if generation != self._generation:
            return
        self.plaatsing_model.set_rows(rijen)
        self.post_model.set_rows(kosten.posten)
        self.totaal_label.setText(self._totaal_tekst(kosten))
        if kosten.fouten:
            self._melding(" ".join(kosten.fouten), fout=True)
        self._update_buttons()
        if self._select_after is not None:
            self._select_now(self._select_after)

    @staticmethod
    def _totaal_tekst(kosten: DossierKosten) -> str:
        tekst = _("Kosten tot vandaag: {totaal} (opvang {nachten}, overige kosten {posten}).").format(
            totaal=format_money(kosten.totaal), nachten=format_money(kosten.totaal_nachten),
            posten=format_money(kosten.totaal_posten))
        if kosten.landelijk:
            tekst += " " + _("Waarvan landelijk betaald: {bedrag}.").format(
                bedrag=format_money(kosten.landelijk))
        return tekst

    def geselecteerde_plaatsing(self) -> PlaatsingRij | None:
        rows = self.plaatsing_view.selectionModel().selectedRows()
        return self.plaatsing_model.row(rows[0].row()) if rows else None

    def _update_buttons(self, *_args: object) -> None:
        actief = self.vault is not None and bool(self.dossier_uuid)
        rij = self.geselecteerde_plaatsing() if actief else None
        status = rij.plaatsing.status if rij else None
        self.aanvraag_button.setEnabled(actief and not self.afgesloten)
        self.plaats_direct_button.setEnabled(actief and not self.afgesloten)
        self.post_button.setEnabled(actief)
        self.plaats_button.setEnabled(status is PlaatsingStatus.AANGEVRAAGD and not self.afgesloten)
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
        briefhoofd = None  # the vault's letterhead (OrganisatieService), not settings.json
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
        """Select a placement; while the list is being read, once it has arrived."""
        if self.is_loading():
            self._select_after = plaatsing_uuid
        else:
            self._select_now(plaatsing_uuid)

    def _select_now(self, plaatsing_uuid: str) -> None:
        self._select_after = None
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
        """Read the active locations on the worker, then ask for the placement."""
        service, uuid = self.service(), self.dossier_uuid
        self._tasks().run(lambda: service.locaties(alleen_actief=True),
                          on_done=lambda locaties: self._nieuw_dialoog(service, uuid, direct,
                                                                       locaties),
                          on_error=lambda exc: self._melding(message_for(exc), fout=True),
                          owner=self)

    def _nieuw_dialoog(self, service: OpvangService, uuid: str | None, direct: bool,
                       locaties: list[Any]) -> None:
        if uuid is None or uuid != self.dossier_uuid:  # locked or another dossier meanwhile
            return

        def submit(v: dict[str, Any]) -> object:
            if direct:
                return service.plaats_direct(
                    uuid, v["type"], v["datum"], locatie_uuid=v["locatie_uuid"],
                    dagtarief=v["dagtarief"], financier=v["financier"],
                    evaluatiedatum=v["evaluatiedatum"],
                    verwachte_einddatum=v["verwachte_einddatum"],
                    overschrijding_reden=v["overschrijding_reden"])
            return service.vraag_aan(uuid, v["type"], locatie_uuid=v["locatie_uuid"],
                                     van=v["datum"], financier=v["financier"],
                                     evaluatiedatum=v["evaluatiedatum"],
                                     verwachte_einddatum=v["verwachte_einddatum"],
                                     overschrijding_reden=v["overschrijding_reden"])

        dialog = PlaatsingDialog(locaties, service.vandaag, direct, submit, self)
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
            return service.plaats(rij.plaatsing.uuid, v["datum"], dagtarief=v["bedrag"],
                                  overschrijding_reden=v["overschrijding_reden"])

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
        post, service = self.post_model.row(rows[0].row()), self.service()
        self._tasks().run(lambda: service.verwijder_kostenpost(post.uuid),
                          on_done=lambda _r: self._klaar(_("De kostenpost is verwijderd.")),
                          on_error=lambda exc: self._melding(message_for(exc), fout=True),
                          owner=self)

    def retranslate(self) -> None:
        self.plaatsing_model.retranslate()
        self.post_model.retranslate()


__all__ = ["OpvangTab"]
