"""One case file: header, then tabs for person, path, signals, shelter, journal, tasks,
partners and consent.

Every change goes through a ``DossierService`` use case (audited there); the view then
reloads the dossier and emits ``changed(uuid)`` so the list can refresh its row. A
refusal by the rules is shown as a translated message above the tabs.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zorgapp.domain.codes import (
    FASE_LABELS,
    INDICATOR_LABELS,
    MELDER_LABELS,
    TOESTEMMING_DOEL_LABELS,
    UITBUITINGSVORM_LABELS,
    Fase,
    ToestemmingDoel,
)
from zorgapp.domain.deadlines import Deadline
from zorgapp.domain.dossier import Dossier, Toestemming
from zorgapp.domain.errors import DomainError
from zorgapp.errors import KnownError
from zorgapp.i18n import _, format_date
from zorgapp.reports.style import Briefhoofd
from zorgapp.services.dossier_service import DossierService
from zorgapp.services.report_service import Rapport, ReportService
from zorgapp.ui.dialogs.traject_dialogs import (
    BesluitDialog,
    CorrectieDialog,
    HeropenDialog,
    OptionalDate,
    VolgendeFaseDialog,
    date_edit,
    event_beschrijving,
    to_date,
)
from zorgapp.ui.tasks import message_for, runner
from zorgapp.ui.widgets.behoeften_form import BehoeftenForm
from zorgapp.ui.widgets.pdf_preview import PdfPreviewDialog
from zorgapp.ui.widgets.persoon_form import PersoonForm
from zorgapp.ui.widgets.rapport_preview import toon_rapport
from zorgapp.ui.widgets.timeline import TimelineWidget

log = logging.getLogger(__name__)

ERROR_STYLE = "color: #b00020;"
OK_STYLE = "color: #1b5e20;"


def deadline_tekst(d: Deadline) -> str:
    """A deadline's description in the active language."""
    params = dict(d.params)
    if "doel" in params:
        try:
            params["doel"] = _(TOESTEMMING_DOEL_LABELS[ToestemmingDoel(params["doel"])])
        except ValueError:
            pass
    return _(d.omschrijving).format(**params)


def _tree(headers: list[str], name: str) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setHeaderLabels(headers)
    tree.setRootIsDecorated(False)
    tree.setAlternatingRowColors(True)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.setAccessibleName(name)
    tree.setUniformRowHeights(True)
    return tree


def _button(text: str, name: str | None = None) -> QPushButton:
    b = QPushButton(text)
    b.setAccessibleName(name or text.replace("&", "").rstrip("…"))
    return b


def _line(name: str, placeholder: str = "") -> QLineEdit:
    e = QLineEdit()
    e.setAccessibleName(name)
    if placeholder:
        e.setPlaceholderText(placeholder)
    return e


class DossierView(QWidget):
    """Shows one dossier; ``back_requested`` asks the page to show the list again."""

    back_requested = Signal()
    changed = Signal(str)

    def __init__(self, ctx: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.service: DossierService | None = None
        self.dossier: Dossier | None = None
        self.preview: PdfPreviewDialog | None = None
        self.setAccessibleName(_("Dossier"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 8, 12, 8)

        # -- header ------------------------------------------------------------------
        top = QHBoxLayout()
        self.back_button = _button(_("← Terug naar lijst"), _("Terug naar lijst"))
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
        self.overzicht_button = _button(_("Dossieroverzicht afdr&ukken…"),
                                        _("Dossieroverzicht afdrukken"))
        self.overzicht_button.setToolTip(_("Het dossieroverzicht bekijken en afdrukken, "
                                           "bijvoorbeeld voor een overdracht"))
        self.overzicht_button.clicked.connect(self.dossieroverzicht)
        top.addWidget(self.overzicht_button)
        outer.addLayout(top)
        self.info_label = QLabel()
        self.info_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.info_label.setAccessibleName(_("Dossiergegevens"))
        outer.addWidget(self.info_label)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setAccessibleName(_("Melding"))
        self.message_label.hide()
        outer.addWidget(self.message_label)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Onderdelen van het dossier"))
        outer.addWidget(self.tabs, 1)
        self._build_persoon()
        self._build_behoeften()
        self._build_traject()
        self._build_signalen()
        self._build_opvang()
        self._build_journaal()
        self._build_taken()
        self._build_partners()

        esc = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        esc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        esc.activated.connect(self.back_requested)
        back = QShortcut(QKeySequence("Alt+Left"), self)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(self.back_requested)
        save = QShortcut(QKeySequence.StandardKey.Save, self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.save_current)

    # -- tabs ------------------------------------------------------------------------

    def _build_persoon(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        self.persoon_form = PersoonForm()
        scroll.setWidget(self.persoon_form)
        layout.addWidget(scroll, 1)
        row = QHBoxLayout()
        self.save_button = _button(_("&Opslaan"), _("Opslaan"))
        self.save_button.setToolTip(_("Gegevens van de cliënt opslaan (Ctrl+S)"))
        self.save_button.clicked.connect(self.save_persoon)
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        self.tabs.addTab(page, _("&Persoon"))

    def _build_behoeften(self) -> None:
        self.behoeften_page = QWidget()
        layout = QVBoxLayout(self.behoeften_page)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        self.behoeften_form = BehoeftenForm()
        scroll.setWidget(self.behoeften_form)
        layout.addWidget(scroll, 1)
        row = QHBoxLayout()
        self.behoeften_save_button = _button(_("&Opslaan"), _("Zorg en veiligheid opslaan"))
        self.behoeften_save_button.setToolTip(
            _("Kinderen, veiligheid en zorgbehoeften opslaan (Ctrl+S)"))
        self.behoeften_save_button.clicked.connect(self.save_behoeften)
        row.addStretch(1)
        row.addWidget(self.behoeften_save_button)
        layout.addLayout(row)
        self.tabs.addTab(self.behoeften_page, _("&Zorg && veiligheid"))

    def _build_traject(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.timeline = TimelineWidget()
        layout.addWidget(self.timeline)
        row = QHBoxLayout()
        self.volgende_button = _button(_("&Volgende fase…"))
        self.volgende_button.clicked.connect(self.volgende_fase)
        self.heropen_button = _button(_("&Heropenen…"))
        self.heropen_button.clicked.connect(self.heropenen)
        self.besluit_button = _button(_("&Besluit vastleggen…"))
        self.besluit_button.clicked.connect(self.besluit)
        self.correctie_button = _button(_("&Correctie…"))
        self.correctie_button.clicked.connect(self.correctie)
        for b in (self.volgende_button, self.heropen_button, self.besluit_button,
                  self.correctie_button):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        self.deadlines_label = QLabel()
        self.deadlines_label.setWordWrap(True)
        self.deadlines_label.setAccessibleName(_("Deadlines"))
        layout.addWidget(self.deadlines_label)
        self.overdracht_label = QLabel()
        self.overdracht_label.setWordWrap(True)
        self.overdracht_label.setAccessibleName(_("Overdrachten"))
        layout.addWidget(self.overdracht_label)
        self.events_list = _tree([_("Gebeurtenissen, in volgorde van vastleggen")], _("Gebeurtenissen"))
        layout.addWidget(self.events_list, 1)
        self.tabs.addTab(page, _("&Traject"))

    def _build_signalen(self) -> None:
        self.signalen_tree = _tree([_("Signaal / indicator"), _("Wie"), _("Wanneer"), _("Toelichting")],
                                   _("Signalen en indicatoren"))
        self.signalen_tree.setRootIsDecorated(True)
        self.tabs.addTab(self.signalen_tree, _("&Signalen && indicatoren"))

    def _build_opvang(self) -> None:
        self.opvang_tab: QWidget | None = None
        try:
            module = importlib.import_module("zorgapp.ui.widgets.opvang_tab")
            cls = module.OpvangTab
            try:
                self.opvang_tab = cls(self.ctx)
            except TypeError:
                self.opvang_tab = cls()
            widget: QWidget = self.opvang_tab
            changed = getattr(self.opvang_tab, "dossier_changed", None)
            if changed is not None:
                changed.connect(self._reload_after_placement)
        except ImportError:
            widget = QLabel(_("De opvang van deze cliënt komt in een volgende versie."))
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            widget.setAccessibleName(widget.text())
        self.tabs.addTab(widget, _("Op&vang"))

    def _build_journaal(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.journaal_tree = _tree([_("Datum"), _("Soort"), _("Tekst"), _("Door")], _("Journaal"))
        layout.addWidget(self.journaal_tree, 1)
        box = QGroupBox(_("Nieuwe journaalregel"))
        form = QFormLayout(box)
        self.journaal_datum = date_edit(date.today(), date.today(), _("Datum van de journaalregel"))
        form.addRow(_("Datum:"), self.journaal_datum)
        self.journaal_soort = QComboBox()
        self.journaal_soort.setEditable(True)
        for soort in (_("contact"), _("telefoon"), _("overleg"), _("notitie")):
            self.journaal_soort.addItem(soort)
        self.journaal_soort.setAccessibleName(_("Soort journaalregel"))
        form.addRow(_("Soort:"), self.journaal_soort)
        self.journaal_tekst = _line(_("Tekst van de journaalregel"))
        form.addRow(_("Tekst:"), self.journaal_tekst)
        self.journaal_button = _button(_("Toevoegen aan journaal"))
        self.journaal_button.clicked.connect(self.journaal_toevoegen)
        self.journaal_tekst.returnPressed.connect(self.journaal_toevoegen)
        form.addRow("", self.journaal_button)
        layout.addWidget(box)
        self.tabs.addTab(page, _("&Journaal"))

    def _build_taken(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.taken_tree = _tree([_("Taak"), _("Deadline"), _("Status")], _("Taken"))
        layout.addWidget(self.taken_tree, 1)
        row = QHBoxLayout()
        self.afvinken_button = _button(_("Gekozen taak &afvinken"))
        self.afvinken_button.clicked.connect(self.taak_afvinken)
        row.addWidget(self.afvinken_button)
        row.addStretch(1)
        layout.addLayout(row)
        box = QGroupBox(_("Nieuwe taak"))
        form = QFormLayout(box)
        self.taak_omschrijving = _line(_("Omschrijving van de taak"))
        form.addRow(_("Omschrijving:"), self.taak_omschrijving)
        self.taak_deadline = date_edit(date.today() + timedelta(days=7), None, _("Deadline van de taak"))
        form.addRow(_("Deadline:"), self.taak_deadline)
        self.taak_button = _button(_("Taak toevoegen"))
        self.taak_button.clicked.connect(self.taak_toevoegen)
        self.taak_omschrijving.returnPressed.connect(self.taak_toevoegen)
        form.addRow("", self.taak_button)
        layout.addWidget(box)
        self.tabs.addTab(page, _("T&aken"))

    def _build_partners(self) -> None:
        page = QWidget()
        layout = QHBoxLayout(page)
        left = QVBoxLayout()
        self.partners_tree = _tree([_("Partner"), _("Rol"), _("Contact")], _("Partners"))
        left.addWidget(QLabel(_("Partners")))
        left.addWidget(self.partners_tree, 1)
        box = QGroupBox(_("Partner toevoegen"))
        form = QFormLayout(box)
        self.partner_naam = _line(_("Naam van de partner"))
        self.partner_rol = _line(_("Rol van de partner"), _("Bijv. politie, opvang, advocaat"))
        # Suggestions, not a closed list: the placement letter recognises "politie" and
        # "advocaat" in the role and prints those partners under the legal status.
        rollen = [_("Politie (AVIM)"), _("Advocaat"), _("Opvang"), _("Veilig Thuis"),
                  _("Wijkteam"), _("GGD"), _("Huisarts"), _("Voogd of mentor"), _("IND")]
        completer = QCompleter(rollen, self.partner_rol)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.partner_rol.setCompleter(completer)
        self.partner_contact = _line(_("Contact van de partner"))
        form.addRow(_("Naam:"), self.partner_naam)
        form.addRow(_("Rol:"), self.partner_rol)
        form.addRow(_("Contact:"), self.partner_contact)
        self.partner_button = _button(_("Partner toevoegen"))
        self.partner_button.clicked.connect(self.partner_toevoegen)
        form.addRow("", self.partner_button)
        left.addWidget(box)
        layout.addLayout(left, 1)

        right = QVBoxLayout()
        self.toestemming_tree = _tree([_("Doel"), _("Partner"), _("Sinds"), _("Geldig tot"), _("Status")],
                                      _("Toestemmingen"))
        right.addWidget(QLabel(_("Toestemming per doel")))
        right.addWidget(self.toestemming_tree, 1)
        row = QHBoxLayout()
        self.intrekken_button = _button(_("Gekozen toestemming &intrekken"))
        self.intrekken_button.clicked.connect(self.toestemming_intrekken)
        row.addWidget(self.intrekken_button)
        row.addStretch(1)
        right.addLayout(row)
        tbox = QGroupBox(_("Toestemming vastleggen"))
        tform = QFormLayout(tbox)
        self.toestemming_doel = QComboBox()
        for doel in ToestemmingDoel:
            self.toestemming_doel.addItem(_(TOESTEMMING_DOEL_LABELS[doel]), doel.value)
        self.toestemming_doel.setAccessibleName(_("Doel van de toestemming"))
        tform.addRow(_("Doel:"), self.toestemming_doel)
        self.toestemming_partner = QComboBox()
        self.toestemming_partner.setAccessibleName(_("Partner voor delen"))
        tform.addRow(_("Partner:"), self.toestemming_partner)
        self.toestemming_datum = date_edit(date.today(), date.today(), _("Datum van de toestemming"))
        tform.addRow(_("Datum:"), self.toestemming_datum)
        self.toestemming_hoe = _line(_("Hoe gegeven"), _("Bijv. schriftelijk"))
        tform.addRow(_("Hoe gegeven:"), self.toestemming_hoe)
        self.toestemming_door = _line(_("Gegeven door"), _("Leeg: de cliënt zelf"))
        tform.addRow(_("Gegeven door:"), self.toestemming_door)
        self.toestemming_tot = OptionalDate(_("Geldig tot"), date.today() + timedelta(days=365))
        tform.addRow(_("Geldigheid:"), self.toestemming_tot)
        self.toestemming_button = _button(_("Toestemming vastleggen"))
        self.toestemming_button.clicked.connect(self.toestemming_toevoegen)
        tform.addRow("", self.toestemming_button)
        right.addWidget(tbox)
        layout.addLayout(right, 1)
        self.tabs.addTab(page, _("Pa&rtners && toestemming"))

    # -- data ------------------------------------------------------------------------

    def set_service(self, service: DossierService | None) -> None:
        self.service = service
        if self.opvang_tab is not None and service is not None and hasattr(self.opvang_tab, "set_vault"):
            self.opvang_tab.set_vault(service.vault)

    def _overdrachten(self, uuid: str) -> str:
        """The handover history ("overgedragen aan …", "ontvangen van …"), local to this vault."""
        if self.service is None:
            return ""
        from zorgapp.services.bundle_service import BundleService

        regels = []
        for rij in BundleService(self.service.vault).overdrachten(uuid):
            datum = rij.ts[:10]
            if rij.richting == "export":
                regels.append(_("Overgedragen aan {wie} op {datum}").format(wie=rij.tegenpartij, datum=datum))
            else:
                regels.append(_("Ontvangen van {wie} op {datum}").format(wie=rij.tegenpartij, datum=datum))
        return "; ".join(regels)

    def _reload_after_placement(self, *_args: object) -> None:
        """Placing can move the path (to geplaatst): show the stored dossier again."""
        if self.dossier is not None and self.service is not None:
            self.dossier = self.service.laad(self.dossier.uuid)
            self.refresh()

    def show_dossier(self, dossier: Dossier) -> None:
        self.dossier = dossier
        self._hide_message()
        self.refresh()

    def clear(self) -> None:
        """Drop everything shown (lock)."""
        self.dossier = None
        self.naam_label.clear()
        self.info_label.clear()
        self.persoon_form.clear()
        self.timeline.set_traject(None)
        for tree in (self.events_list, self.signalen_tree, self.journaal_tree, self.taken_tree,
                     self.partners_tree, self.toestemming_tree):
            tree.clear()
        self.deadlines_label.clear()
        self.overdracht_label.clear()
        self._hide_message()
        if self.opvang_tab is not None and hasattr(self.opvang_tab, "clear"):
            self.opvang_tab.clear()

    def vandaag(self) -> date:
        return self.service.vandaag if self.service is not None else date.today()

    def refresh(self) -> None:
        d = self.dossier
        if d is None:
            return
        vandaag = self.vandaag()
        p = d.persoon
        naam = p.naam or (p.aliassen[0] if p.aliassen else _("(naam onbekend)"))
        if p.naam and p.aliassen:
            naam += " " + _("(alias {alias})").format(alias=", ".join(p.aliassen))
        self.naam_label.setText(naam)
        self.naam_label.setAccessibleName(_("Cliënt: {naam}").format(naam=naam))
        fase = d.huidige_fase
        deadlines = self.service.deadlines(d) if self.service is not None else []
        volgende = (_("{wat} op {datum}").format(wat=deadline_tekst(deadlines[0]),
                                                 datum=format_date(deadlines[0].datum))
                    if deadlines else _("geen"))
        self.info_label.setText(_("Dossier {nummer} · fase: {fase} · volgende deadline: {deadline}").format(
            nummer=d.dossiernummer, fase=_(FASE_LABELS[fase]) if fase else "—", deadline=volgende))
        if deadlines and deadlines[0].datum < vandaag:
            self.info_label.setStyleSheet(ERROR_STYLE)
        else:
            self.info_label.setStyleSheet("")
        self.persoon_form.set_persoon(p, vandaag)
        self.behoeften_form.set_behoeften(d.opvangbehoeften, vandaag)
        # Path.
        self.timeline.set_traject(d.traject, vandaag)
        self.events_list.clear()
        for uuid, tekst in event_beschrijving(d.traject):
            item = QTreeWidgetItem([tekst])
            item.setData(0, Qt.ItemDataRole.UserRole, uuid)
            self.events_list.addTopLevelItem(item)
        closed = fase is Fase.AFGESLOTEN
        self.volgende_button.setEnabled(not closed)
        self.heropen_button.setEnabled(closed)
        self.deadlines_label.setText(
            _("Deadlines: {lijst}").format(lijst="; ".join(
                _("{wat} op {datum}").format(wat=deadline_tekst(x), datum=format_date(x.datum))
                for x in deadlines)) if deadlines else _("Geen open deadlines."))
        self.overdracht_label.setText(self._overdrachten(d.uuid))
        # Signals.
        self.signalen_tree.clear()
        for m in d.meldingen:
            vormen = ", ".join(_(UITBUITINGSVORM_LABELS[v]) for v in m.vormen)
            kop = _("Melding van {melder}").format(melder=_(MELDER_LABELS[m.melder_type]))
            if m.melder_organisatie:
                kop += f" ({m.melder_organisatie})"
            details = "; ".join(filter(None, [
                vormen, m.sector, _("vindplaats: {plaats}").format(plaats=m.vindplaats) if m.vindplaats else "",
                _("ontvangen via {hoe}").format(hoe=m.hoe_ontvangen) if m.hoe_ontvangen else ""]))
            top = QTreeWidgetItem([kop, m.melder_organisatie, format_date(m.datum), details])
            for w in m.indicatoren:
                QTreeWidgetItem(top, [_(INDICATOR_LABELS[w.indicator]), w.waargenomen_door,
                                      format_date(w.datum), w.toelichting])
            self.signalen_tree.addTopLevelItem(top)
            top.setExpanded(True)
        for col in range(3):
            self.signalen_tree.resizeColumnToContents(col)
        # Journal.
        self.journaal_tree.clear()
        for j in sorted(d.journaal, key=lambda j: j.datum, reverse=True):
            self.journaal_tree.addTopLevelItem(QTreeWidgetItem([format_date(j.datum), j.soort, j.tekst, j.auteur]))
        # Tasks.
        self.taken_tree.clear()
        for t in sorted(d.taken, key=lambda t: (not t.open, t.deadline)):
            status = _("open") if t.open else _("gedaan op {datum}").format(datum=format_date(t.gedaan_op))  # type: ignore[arg-type]
            if t.open and t.deadline < vandaag:
                status = _("verlopen")
            item = QTreeWidgetItem([t.omschrijving, format_date(t.deadline), status])
            item.setData(0, Qt.ItemDataRole.UserRole, t.uuid)
            self.taken_tree.addTopLevelItem(item)
        self.taken_tree.resizeColumnToContents(0)
        # Partners and consent.
        self.partners_tree.clear()
        self.toestemming_partner.clear()
        self.toestemming_partner.addItem(_("(geen)"), "")
        namen = {}
        for partner in d.partners:
            self.partners_tree.addTopLevelItem(QTreeWidgetItem([partner.naam, partner.rol, partner.contact]))
            self.toestemming_partner.addItem(partner.naam, partner.uuid)
            namen[partner.uuid] = partner.naam
        self.toestemming_tree.clear()
        for t in d.toestemmingen:
            if t.ingetrokken_op is not None:
                status = _("ingetrokken op {datum}").format(datum=format_date(t.ingetrokken_op))
            elif t.geldig_op(vandaag):
                status = _("geldig")
            else:
                status = _("niet geldig")
            item = QTreeWidgetItem([_(TOESTEMMING_DOEL_LABELS[t.doel]), namen.get(t.partner, ""),
                                    format_date(t.datum),
                                    format_date(t.geldig_tot) if t.geldig_tot else "", status])
            item.setData(0, Qt.ItemDataRole.UserRole, t.uuid)
            self.toestemming_tree.addTopLevelItem(item)
        if self.opvang_tab is not None and hasattr(self.opvang_tab, "set_dossier"):
            self.opvang_tab.set_dossier(d.uuid)

    # -- actions ---------------------------------------------------------------------

    def _show_message(self, text: str, ok: bool) -> None:
        self.message_label.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.message_label.setText(text)
        self.message_label.show()

    def _hide_message(self) -> None:
        self.message_label.clear()
        self.message_label.hide()

    def _apply(self, action: Callable[[], object], done: str) -> bool:
        """Run a use case; on success reload and tell the list, else show why not."""
        if self.dossier is None or self.service is None:
            return False
        try:
            action()
        except (DomainError, KnownError) as exc:
            self._show_message(message_for(exc), ok=False)
            return False
        self._reload()
        self._show_message(done, ok=True)
        return True

    def _reload(self) -> None:
        assert self.dossier is not None and self.service is not None
        self.dossier = self.service.laad(self.dossier.uuid)
        self.refresh()
        self.changed.emit(self.dossier.uuid)

    def save_persoon(self) -> None:
        if self.dossier is None or self.service is None:
            return
        uuid = self.dossier.uuid
        service = self.service
        self._apply(lambda: service.persoon_opslaan(uuid, self.persoon_form.persoon()),
                    _("Gegevens van de cliënt opgeslagen."))

    def save_behoeften(self) -> None:
        if self.dossier is None or self.service is None:
            return
        uuid = self.dossier.uuid
        service = self.service
        self._apply(lambda: service.opvangbehoeften_opslaan(uuid, self.behoeften_form.behoeften()),
                    _("Zorg en veiligheid opgeslagen."))

    def dossieroverzicht(self) -> None:
        """Make the case summary on the worker and show it in the preview."""
        if self.dossier is None or self.service is None:
            return
        vault = self.service.vault
        briefhoofd = Briefhoofd.uit_instellingen(self.ctx.setting) if self.ctx else None
        service = ReportService(vault, briefhoofd)
        nummer = self.dossier.dossiernummer
        tasks = self.ctx.tasks if self.ctx is not None else runner()

        def toon(rapport: Rapport) -> None:
            if self.dossier is None:  # locked or closed meanwhile
                return
            self.preview = toon_rapport(self, rapport, service, tasks, _("Dossieroverzicht"),
                                        lambda tekst: self._show_message(tekst, ok=True))
            self.preview.finished.connect(lambda *_args: setattr(self, "preview", None))

        tasks.run(lambda: service.dossieroverzicht(nummer), on_done=toon,
                  on_error=lambda exc: self._show_message(message_for(exc), ok=False),
                  owner=self)

    def save_current(self) -> None:
        """Ctrl+S saves the form of the tab that is showing."""
        if self.tabs.currentWidget() is self.behoeften_page:
            self.save_behoeften()
        else:
            self.save_persoon()

    def _dialog_done(self, dialog: Any, done: str) -> bool:
        if dialog.exec():
            self._reload()
            self._show_message(done, ok=True)
            return True
        return False

    def volgende_fase_dialog(self) -> VolgendeFaseDialog:
        """The dialog, not yet shown (tests drive it directly)."""
        assert self.dossier is not None and self.service is not None
        uuid, service = self.dossier.uuid, self.service
        return VolgendeFaseDialog(
            self.dossier.traject, self.vandaag(),
            lambda v: service.overgang(uuid, v["naar"], v["datum"], v["reden"],
                                       sluitreden=v["sluitreden"]), self)

    def volgende_fase(self) -> None:
        if self.dossier is not None and self.service is not None:
            self._dialog_done(self.volgende_fase_dialog(), _("Fase gewijzigd."))

    def heropen_dialog(self) -> HeropenDialog:
        assert self.dossier is not None and self.service is not None
        uuid, service = self.dossier.uuid, self.service
        return HeropenDialog(self.dossier.traject, self.vandaag(), lambda v: service.heropen(
            uuid, v["datum"], v["reden"], naar=v["naar"]), self)

    def heropenen(self) -> None:
        if self.dossier is not None and self.service is not None:
            self._dialog_done(self.heropen_dialog(), _("Dossier heropend."))

    def besluit_dialog(self) -> BesluitDialog:
        assert self.dossier is not None and self.service is not None
        uuid, service = self.dossier.uuid, self.service
        return BesluitDialog(self.vandaag(), lambda v: service.besluit(
            uuid, v["soort"], v["uitkomst"], v["datum"], v["toelichting"], v["geldig_tot"]), self)

    def besluit(self) -> None:
        if self.dossier is not None and self.service is not None:
            self._dialog_done(self.besluit_dialog(), _("Besluit vastgelegd."))

    def correctie_dialog(self) -> CorrectieDialog:
        assert self.dossier is not None and self.service is not None
        uuid, service = self.dossier.uuid, self.service
        current = self.events_list.currentItem()
        gekozen = current.data(0, Qt.ItemDataRole.UserRole) if current is not None else None
        return CorrectieDialog(self.dossier.traject, self.vandaag(), lambda v: service.corrigeer(
            uuid, v["event_uuid"], v["reden"], nieuwe_datum=v["nieuwe_datum"],
            nieuwe_reden=v["nieuwe_reden"], nieuwe_sluitreden=v["nieuwe_sluitreden"],
            vervalt=v["vervalt"]), self, event_uuid=gekozen)

    def correctie(self) -> None:
        if self.dossier is not None and self.service is not None:
            self._dialog_done(self.correctie_dialog(), _("Correctie vastgelegd."))

    def journaal_toevoegen(self) -> None:
        if self.dossier is None or self.service is None:
            return
        uuid, service = self.dossier.uuid, self.service
        if self._apply(lambda: service.journaal_toevoegen(
                uuid, to_date(self.journaal_datum.date()), self.journaal_tekst.text(),
                self.journaal_soort.currentText()), _("Journaalregel toegevoegd.")):
            self.journaal_tekst.clear()

    def taak_toevoegen(self) -> None:
        if self.dossier is None or self.service is None:
            return
        uuid, service = self.dossier.uuid, self.service
        if self._apply(lambda: service.taak_toevoegen(
                uuid, self.taak_omschrijving.text(), to_date(self.taak_deadline.date())),
                _("Taak toegevoegd.")):
            self.taak_omschrijving.clear()

    def taak_afvinken(self) -> None:
        if self.dossier is None or self.service is None:
            return
        item = self.taken_tree.currentItem()
        if item is None:
            self._show_message(_("Kies eerst een taak."), ok=False)
            return
        uuid, service = self.dossier.uuid, self.service
        taak = item.data(0, Qt.ItemDataRole.UserRole)
        self._apply(lambda: service.taak_afvinken(uuid, taak), _("Taak afgevinkt."))

    def partner_toevoegen(self) -> None:
        if self.dossier is None or self.service is None:
            return
        uuid, service = self.dossier.uuid, self.service
        if self._apply(lambda: service.partner_toevoegen(
                uuid, self.partner_naam.text(), self.partner_rol.text(), self.partner_contact.text()),
                _("Partner toegevoegd.")):
            for e in (self.partner_naam, self.partner_rol, self.partner_contact):
                e.clear()

    def toestemming_toevoegen(self) -> None:
        if self.dossier is None or self.service is None:
            return
        uuid, service = self.dossier.uuid, self.service

        def action() -> object:
            t = Toestemming(doel=ToestemmingDoel(self.toestemming_doel.currentData()),
                            datum=to_date(self.toestemming_datum.date()),
                            partner=self.toestemming_partner.currentData() or "",
                            hoe_gegeven=self.toestemming_hoe.text().strip(),
                            gegeven_door=self.toestemming_door.text().strip(),
                            geldig_tot=self.toestemming_tot.value())
            return service.toestemming_toevoegen(uuid, t)

        self._apply(action, _("Toestemming vastgelegd."))

    def toestemming_intrekken(self) -> None:
        if self.dossier is None or self.service is None:
            return
        item = self.toestemming_tree.currentItem()
        if item is None:
            self._show_message(_("Kies eerst een toestemming."), ok=False)
            return
        uuid, service = self.dossier.uuid, self.service
        t_uuid = item.data(0, Qt.ItemDataRole.UserRole)
        self._apply(lambda: service.toestemming_intrekken(uuid, t_uuid, service.vandaag),
                    _("Toestemming ingetrokken."))
