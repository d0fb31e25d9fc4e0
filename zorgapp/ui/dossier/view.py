"""One case file: header, then one tab per part (person, needs, path, signals, shelter,
journal, tasks, partners and consent, attachments), each a widget of its own in this package.

Every change goes through a ``DossierService`` use case (audited there); a tab then
emits ``applied(message)``, the view reloads the dossier, refreshes every tab and
emits ``changed(uuid)`` so the list can refresh its row. A refusal by the rules is
shown as a translated message above the tabs.

Nothing here touches the vault on the GUI thread: ``open(uuid)`` (audited),
``show_dossier(dossier)`` and every reload gather a ``DossierBeeld`` (the dossier, its
deadlines and handovers) on the task runner and show it when it arrives; a newer
request makes an older answer void. ``is_loading()`` tells tests and the page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from zorgapp.domain.codes import FASE_LABELS, Fase
from zorgapp.domain.deadlines import Deadline
from zorgapp.domain.dossier import Dossier
from zorgapp.i18n import _, format_date
from zorgapp.services.dossier_service import DossierService
from zorgapp.services.privacy_service import PrivacyService
from zorgapp.services.report_service import Rapport, ReportService
from zorgapp.ui.dialogs.pdf_preview import PdfPreviewDialog
from zorgapp.ui.dialogs.rapport_preview import toon_rapport
from zorgapp.ui.dossier.aanmelding_tab import AanmeldingTab
from zorgapp.ui.dossier.behoeften_tab import BehoeftenTab
from zorgapp.ui.dossier.bijlagen_tab import BijlagenTab
from zorgapp.ui.dossier.journaal_tab import JournaalTab
from zorgapp.ui.dossier.opvang_tab import OpvangTab
from zorgapp.ui.dossier.overleg_actie import bespreken_in_overleg
from zorgapp.ui.dossier.partners_tab import PartnersTab
from zorgapp.ui.dossier.persoon_tab import PersoonTab
from zorgapp.ui.dossier.privacy_actie import PrivacyActies
from zorgapp.ui.dossier.signalen_tab import SignalenTab
from zorgapp.ui.dossier.tab import DossierTab
from zorgapp.ui.dossier.taken_tab import TakenTab
from zorgapp.ui.dossier.terugkoppeling_widgets import terugkoppel_kop, verdeel_deadlines
from zorgapp.ui.dossier.traject_tab import TrajectTab
from zorgapp.ui.dossier.verblijf_tab import VerblijfTab
from zorgapp.ui.dossier.vernietig_actie import vernietigen
from zorgapp.ui.models.labels import deadline_tekst
from zorgapp.ui.tasks import TaskRunner, message_for, runner
from zorgapp.ui.widgets.forms import ERROR_STYLE, OK_STYLE, button


@dataclass
class DossierBeeld:
    """What the view shows of one dossier, gathered on the worker in one go."""

    dossier: Dossier
    deadlines: list[Deadline] = field(default_factory=list)
    overdrachten: list[Any] = field(default_factory=list)
    beperkt: bool = False  # art. 18 AVG: kept, not used or shared


def verzamel(service: DossierService, dossier: Dossier) -> DossierBeeld:
    """Runs on the worker: the deadlines and the handover history of ``dossier``."""
    # Imported here: it loads the bundle machinery (~0.2 s), which startup does not need.
    from zorgapp.services.bundle_service import BundleService

    return DossierBeeld(dossier, service.deadlines(dossier),
                        list(BundleService(service.vault).overdrachten(dossier.uuid)),
                        PrivacyService(service.vault).is_beperkt(dossier.uuid))


def client_naam(dossier: Dossier) -> str:
    """The name in the header: the name (with aliases), else the first alias."""
    p = dossier.persoon
    naam = p.naam or (p.aliassen[0] if p.aliassen else _("(naam onbekend)"))
    if p.naam and p.aliassen:
        naam += " " + _("(alias {alias})").format(alias=", ".join(p.aliassen))
    return naam


class DossierView(QWidget):
    """Shows one dossier; ``back_requested`` asks the page to show the list again."""

    back_requested = Signal()
    changed = Signal(str)
    #: ``open(uuid)`` succeeded and the dossier is on show
    opened = Signal(str)
    #: ``open(uuid)`` or a reload failed: the user's message
    failed = Signal(str)
    #: the case was destroyed (issue 14): the list must query again
    destroyed_case = Signal(str)

    def __init__(self, ctx: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tasks: TaskRunner = ctx.tasks if ctx is not None else runner()
        self.service: DossierService | None = None
        self.dossier: Dossier | None = None
        self._generation = 0
        self._in_flight: set[int] = set()
        self.preview: PdfPreviewDialog | None = None
        self.setAccessibleName(_("Dossier"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 8, 12, 8)
        self._build_header(outer)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Onderdelen van het dossier"))
        outer.addWidget(self.tabs, 1)
        self._build_tabs()
        self._build_shortcuts()

    # -- building --------------------------------------------------------------------

    def _build_header(self, outer: QVBoxLayout) -> None:
        top = QHBoxLayout()
        self.back_button = button(_("← Terug naar lijst"), _("Terug naar lijst"))
        self.back_button.setToolTip(_("Terug naar de lijst (Esc)"))
        self.back_button.clicked.connect(self.back_requested)
        top.addWidget(self.back_button)
        self.naam_label = QLabel()
        font = self.naam_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.naam_label.setFont(font)
        self.naam_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top.addWidget(self.naam_label, 1)
        self.overzicht_button = button(_("Dossieroverzicht afdr&ukken…"),
                                       _("Dossieroverzicht afdrukken"))
        self.overzicht_button.setToolTip(_("Het dossieroverzicht bekijken en afdrukken, "
                                           "bijvoorbeeld voor een overdracht"))
        self.overzicht_button.clicked.connect(self.dossieroverzicht)
        self.overleg_button = button(_("Bespreken in overleg"), _("Bespreken in overleg"))
        self.overleg_button.setToolTip(_("Het dossier op de agenda van het volgende "
                                         "signaleringsoverleg zetten"))
        self.overleg_button.clicked.connect(lambda: bespreken_in_overleg(self))
        top.addWidget(self.overleg_button)
        top.addWidget(self.overzicht_button)
        self.vernietig_button = button(_("Vernietigen…"), _("Dossier vernietigen"))
        self.vernietig_button.setToolTip(_("Het afgesloten dossier na de bewaartermijn, of eerder "
                                           "op verzoek, vernietigen"))
        self.vernietig_button.clicked.connect(lambda: vernietigen(self))
        self.vernietig_button.hide()
        self.vernietig_dialog: object | None = None
        top.addWidget(self.vernietig_button)
        self.privacy = PrivacyActies(self)
        top.addWidget(self.privacy.button)
        outer.addLayout(top)
        outer.addWidget(self.privacy.balk)
        self.info_label = QLabel()
        self.info_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.info_label.setAccessibleName(_("Dossiergegevens"))
        outer.addWidget(self.info_label)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setAccessibleName(_("Melding"))
        self.message_label.hide()
        outer.addWidget(self.message_label)

    def _build_tabs(self) -> None:
        self.persoon_tab = PersoonTab()
        self.behoeften_tab = BehoeftenTab()
        self.traject_tab = TrajectTab()
        self.verblijf_tab = VerblijfTab()
        self.signalen_tab = SignalenTab()
        self.opvang_tab = OpvangTab(self.ctx)
        self.opvang_tab.dossier_changed.connect(self._reload_after_placement)
        self.journaal_tab = JournaalTab()
        self.taken_tab = TakenTab()
        self.partners_tab = PartnersTab()
        self.bijlagen_tab = BijlagenTab()
        self.aanmelding_tab = AanmeldingTab()
        self.aanmelding_tab.print_requested.connect(self.aanmelding_comensha)
        self.dossier_tabs: list[DossierTab] = [
            self.persoon_tab, self.behoeften_tab, self.traject_tab, self.verblijf_tab,
            self.signalen_tab, self.journaal_tab, self.taken_tab, self.partners_tab,
            self.aanmelding_tab, self.bijlagen_tab]
        for tab in self.dossier_tabs:
            tab.tasks = self.tasks
            tab.applied.connect(self._applied)
            tab.message.connect(self._show_message)
        self.tabs.addTab(self.persoon_tab, _("&Persoon"))
        self.tabs.addTab(self.behoeften_tab, _("&Zorg && veiligheid"))
        self.tabs.addTab(self.traject_tab, _("&Traject"))
        self.tabs.addTab(self.verblijf_tab, _("Verblijf && stra&fzaak"))
        self.tabs.addTab(self.signalen_tab, _("&Signalen && indicatoren"))
        self.tabs.addTab(self.opvang_tab, _("Op&vang"))
        self.tabs.addTab(self.journaal_tab, _("&Journaal"))
        self.tabs.addTab(self.taken_tab, _("T&aken"))
        self.tabs.addTab(self.partners_tab, _("Pa&rtners && toestemming"))
        self.tabs.addTab(self.aanmelding_tab, _("Co&Mensha"))
        self.tabs.addTab(self.bijlagen_tab, _("&Bijlagen"))

    def _build_shortcuts(self) -> None:
        for keys, slot in ((QKeySequence(Qt.Key.Key_Escape), self.back_requested),
                           (QKeySequence("Alt+Left"), self.back_requested),
                           (QKeySequence(QKeySequence.StandardKey.Save), self.save_current)):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # -- data ------------------------------------------------------------------------

    def set_service(self, service: DossierService | None) -> None:
        self.service = service
        for tab in self.dossier_tabs:
            tab.set_service(service)
        if service is not None:
            self.opvang_tab.set_vault(service.vault)

    def vandaag(self) -> date:
        return self.service.vandaag if self.service is not None else date.today()

    def open(self, uuid: str) -> None:
        """Open a dossier (audited as a read) and show it; ``opened`` or ``failed``."""
        def shown() -> None:
            self._hide_message()
            self.opened.emit(uuid)

        self._load(lambda service: service.open(uuid), then=shown)

    def show_dossier(self, dossier: Dossier) -> None:
        """Show a dossier already loaded; its deadlines and handovers follow."""
        self._hide_message()
        self._load(lambda _service: dossier)

    def clear(self) -> None:
        """Drop everything shown (lock)."""
        self.cancel_loading()
        self.dossier = None
        self.naam_label.clear()
        self.info_label.clear()
        for tab in self.dossier_tabs:
            tab.clear()
        self._hide_message()
        self.opvang_tab.clear()
        self.privacy.clear()

    def refresh(self) -> None:
        """Show the dossier again with fresh deadlines (its stored state unchanged)."""
        d = self.dossier
        if d is not None:
            self._load(lambda _service: d)

    def is_loading(self) -> bool:
        return bool(self._in_flight)

    def cancel_loading(self) -> None:
        """Whatever is on its way is no longer wanted (back to the list, lock)."""
        self._generation += 1

    def _load(self, fetch: Callable[[DossierService], Dossier],
              then: Callable[[], object] | None = None) -> None:
        """Gather a ``DossierBeeld`` on the worker; show it if nothing newer was asked."""
        service = self.service
        if service is None:
            return
        self._generation += 1
        generation = self._generation
        self._in_flight.add(generation)

        def shown(beeld: DossierBeeld) -> None:
            if generation == self._generation and self.service is service:
                self._show(beeld)
                if then is not None:
                    then()

        def refused(exc: BaseException) -> None:
            if generation == self._generation:
                self._show_message(message_for(exc), ok=False)
                self.failed.emit(message_for(exc))

        self.tasks.run(lambda: verzamel(service, fetch(service)), on_done=shown,
                       on_error=refused, on_finally=lambda: self._in_flight.discard(generation),
                       owner=self)

    def _show(self, beeld: DossierBeeld) -> None:
        d = self.dossier = beeld.dossier
        vandaag = self.vandaag()
        self._show_header(d, vandaag, beeld.deadlines)
        self.traject_tab.set_overdrachten(beeld.overdrachten)
        for tab in self.dossier_tabs:
            tab.show_dossier(d, vandaag, beeld.deadlines)
        self.opvang_tab.afgesloten = d.huidige_fase is Fase.AFGESLOTEN
        self.vernietig_button.setVisible(d.huidige_fase is Fase.AFGESLOTEN)
        self.privacy.toon(beeld.beperkt)
        self.opvang_tab.set_dossier(d.uuid)

    def _show_header(self, d: Dossier, vandaag: date, deadlines: Sequence[Deadline]) -> None:
        naam = client_naam(d)
        self.naam_label.setText(naam)
        self.naam_label.setAccessibleName(_("Cliënt: {naam}").format(naam=naam))
        fase = d.huidige_fase
        deadlines, terug = verdeel_deadlines(deadlines)
        volgende = (_("{wat} op {datum}").format(wat=deadline_tekst(deadlines[0]),
                                                 datum=format_date(deadlines[0].datum))
                    if deadlines else _("geen"))
        tekst = _("Dossier {nummer} · fase: {fase} · volgende deadline: {deadline}").format(
            nummer=d.dossiernummer, fase=_(FASE_LABELS[fase]) if fase else "—", deadline=volgende)
        self.info_label.setText(tekst + terugkoppel_kop(terug, vandaag))
        overdue = (bool(deadlines) and deadlines[0].datum < vandaag) or any(
            t.datum < vandaag for t in terug)
        self.info_label.setStyleSheet(ERROR_STYLE if overdue else "")

    def _reload(self, then: Callable[[], object] | None = None) -> None:
        """Show the stored dossier again (after a change) and tell the list."""
        if self.dossier is None:
            return
        uuid = self.dossier.uuid

        def done() -> None:
            self.changed.emit(uuid)
            if then is not None:
                then()

        self._load(lambda service: service.laad(uuid), then=done)

    def _applied(self, done: str) -> None:
        """A tab's use case succeeded: tell the list at once (the change is stored),
        then show the stored dossier and say so."""
        if self.dossier is None or self.service is None:
            return
        uuid = self.dossier.uuid
        self.changed.emit(uuid)
        self._load(lambda service: service.laad(uuid),
                   then=lambda: self._show_message(done, ok=True))

    def _reload_after_placement(self, *_args: object) -> None:
        """Placing can move the path (to geplaatst): show the stored dossier again."""
        if self.dossier is not None and self.service is not None:
            uuid = self.dossier.uuid
            self._load(lambda service: service.laad(uuid))

    # -- messages and actions --------------------------------------------------------

    def _show_message(self, text: str, ok: bool) -> None:
        self.message_label.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.message_label.setText(text)
        self.message_label.show()

    def _hide_message(self) -> None:
        self.message_label.clear()
        self.message_label.hide()

    def save_current(self) -> None:
        """Ctrl+S saves the form of the tab that is showing."""
        if self.tabs.currentWidget() is self.behoeften_tab:
            self.behoeften_tab.save()
        else:
            self.persoon_tab.save()

    def dossieroverzicht(self) -> None:
        """Make the case summary on the worker and show it in the preview."""
        self._document(lambda service, nummer: service.dossieroverzicht(nummer),
                       _("Dossieroverzicht"))

    def aanmelding_comensha(self) -> None:
        """Make the CoMensha registration form on the worker and show it in the preview."""
        self._document(lambda service, nummer: service.aanmelding_comensha(nummer),
                       _("Aanmelding CoMensha"))

    def _document(self, make: Callable[[ReportService, str], Rapport], titel: str) -> None:
        """A document of this case, previewed; printing and saving are audited there."""
        if self.dossier is None or self.service is None:
            return
        vault = self.service.vault
        briefhoofd = None  # the vault's letterhead (OrganisatieService), not settings.json
        service = ReportService(vault, briefhoofd)
        nummer = self.dossier.dossiernummer
        tasks = self.ctx.tasks if self.ctx is not None else runner()

        def toon(rapport: Rapport) -> None:
            if self.dossier is None:  # locked or closed meanwhile
                return
            self.preview = toon_rapport(self, rapport, service, tasks, titel,
                                        lambda tekst: self._show_message(tekst, ok=True))
            self.preview.finished.connect(lambda *_args: setattr(self, "preview", None))

        tasks.run(lambda: make(service, nummer), on_done=toon,
                  on_error=lambda exc: self._show_message(message_for(exc), ok=False),
                  owner=self)


__all__ = ["DossierView", "client_naam"]
