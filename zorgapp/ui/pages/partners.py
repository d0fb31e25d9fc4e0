"""The Partners area: the address book of partner organisations and their contact
persons (kept once per vault), and each partner's caseload: its open dossiers per role.

Everything is read and written on the task runner; a double click on a caseload row
opens that dossier (``request_dossier``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from zorgapp.domain.partners import (
    PARTNER_ROL_LABELS,
    Caseload,
    Contactpersoon,
    Organisatie,
    PartnerRol,
)
from zorgapp.i18n import N_, _
from zorgapp.services.partner_service import PartnerService
from zorgapp.ui.context import UiContext
from zorgapp.ui.models.partner_models import (
    CaseloadTableModel,
    ContactpersoonTableModel,
    OrganisatieTableModel,
)
from zorgapp.ui.pages.base import Page
from zorgapp.ui.tasks import message_for
from zorgapp.ui.widgets.forms import ERROR_STYLE, OK_STYLE, button, line_edit
from zorgapp.ui.widgets.tables import list_view

if TYPE_CHECKING:
    from zorgapp.store.vault import Vault


class PartnersPage(Page):
    name = "partners"
    title_msgid = N_("Partners")

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.gekozen: Organisatie | None = None
        outer, _top = self.header()
        split = QSplitter()
        split.addWidget(self._build_lijst())
        split.addWidget(self._build_details())
        split.setStretchFactor(1, 2)
        split.setSizes([440, 800])
        outer.addWidget(split, 1)
        self.melding = QLabel()
        self.melding.setWordWrap(True)
        outer.addWidget(self.melding)
        self.retranslate()
        self._toon(None)

    def _build_lijst(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.org_model = OrganisatieTableModel(self)
        self.org_view = list_view(self.org_model, _("Adresboek van partners"))
        self.org_view.setObjectName("partners_lijst")
        self.org_view.clicked.connect(self._gekozen)
        self.org_view.activated.connect(self._gekozen)
        layout.addWidget(self.org_view, 1)
        self.nieuw_knop = button(_("&Nieuwe partner"))
        self.nieuw_knop.clicked.connect(lambda: self._toon(None))
        layout.addWidget(self.nieuw_knop)
        return box

    def _build_details(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.org_box = QGroupBox()
        form = QFormLayout(self.org_box)
        self.naam = line_edit(_("Naam van de organisatie"))
        self.telefoon = line_edit(_("Telefoon van de organisatie"))
        self.email = line_edit(_("E-mail van de organisatie"))
        self.notitie = line_edit(_("Notitie bij de organisatie"))
        self.lbl_naam, self.lbl_tel, self.lbl_mail, self.lbl_notitie = (QLabel() for _i in range(4))
        for label, veld in ((self.lbl_naam, self.naam), (self.lbl_tel, self.telefoon),
                            (self.lbl_mail, self.email), (self.lbl_notitie, self.notitie)):
            form.addRow(label, veld)
        knoppen = QHBoxLayout()
        self.opslaan_knop = button(_("&Opslaan"))
        self.opslaan_knop.clicked.connect(self.opslaan)
        self.verwijder_knop = button(_("Uit adresboek &verwijderen"))
        self.verwijder_knop.clicked.connect(self.verwijderen)
        knoppen.addWidget(self.opslaan_knop)
        knoppen.addWidget(self.verwijder_knop)
        knoppen.addStretch(1)
        form.addRow("", knoppen)
        layout.addWidget(self.org_box)
        layout.addWidget(self._build_personen(), 1)
        layout.addWidget(self._build_caseload(), 1)
        return box

    def _build_personen(self) -> QGroupBox:
        self.personen_box = QGroupBox()
        personen = QVBoxLayout(self.personen_box)
        self.persoon_model = ContactpersoonTableModel(self)
        self.persoon_view = list_view(self.persoon_model, _("Contactpersonen"))
        personen.addWidget(self.persoon_view, 1)
        rij = QHBoxLayout()
        self.p_naam = line_edit(_("Naam van de contactpersoon"), _("Naam"))
        self.p_functie = line_edit(_("Functie van de contactpersoon"), _("Functie"))
        self.p_tel = line_edit(_("Telefoon van de contactpersoon"), _("Telefoon"))
        self.p_mail = line_edit(_("E-mail van de contactpersoon"), _("E-mail"))
        for veld in (self.p_naam, self.p_functie, self.p_tel, self.p_mail):
            rij.addWidget(veld)
        personen.addLayout(rij)
        rij2 = QHBoxLayout()
        self.persoon_knop = button(_("Contactpersoon &toevoegen"))
        self.persoon_knop.clicked.connect(self.persoon_toevoegen)
        self.persoon_weg_knop = button(_("Gekozen contactpersoon weghalen"))
        self.persoon_weg_knop.clicked.connect(self.persoon_weghalen)
        rij2.addWidget(self.persoon_knop)
        rij2.addWidget(self.persoon_weg_knop)
        rij2.addStretch(1)
        personen.addLayout(rij2)
        return self.personen_box

    def _build_caseload(self) -> QGroupBox:
        self.caseload_box = QGroupBox()
        caseload = QVBoxLayout(self.caseload_box)
        self.caseload_label = QLabel()
        self.caseload_label.setWordWrap(True)
        self.caseload_label.setObjectName("partner_caseload")
        caseload.addWidget(self.caseload_label)
        self.caseload_model = CaseloadTableModel(self)
        self.caseload_view = list_view(self.caseload_model, _("Open dossiers van deze partner"))
        self.caseload_view.activated.connect(self._open_dossier)
        self.caseload_view.doubleClicked.connect(self._open_dossier)
        caseload.addWidget(self.caseload_view, 1)
        return self.caseload_box

    # -- page API ------------------------------------------------------------------------

    def retranslate(self) -> None:
        super().retranslate()
        self.org_box.setTitle(_("Organisatie"))
        self.personen_box.setTitle(_("Contactpersonen"))
        self.caseload_box.setTitle(_("Caseload: open dossiers per rol"))
        self.lbl_naam.setText(_("Naam:"))
        self.lbl_tel.setText(_("Telefoon:"))
        self.lbl_mail.setText(_("E-mail:"))
        self.lbl_notitie.setText(_("Notitie:"))
        for model in (self.org_model, self.persoon_model, self.caseload_model):
            model.retranslate()

    def set_vault(self, vault: Vault) -> None:
        super().set_vault(vault)
        self.refresh()

    def clear(self) -> None:
        self.org_model.clear()
        self._toon(None)
        self.melding.clear()
        super().clear()

    def activated(self) -> None:
        self.refresh()

    def service(self) -> PartnerService:
        assert self.vault is not None
        return PartnerService(self.vault)

    def _run(self, work: Callable[[PartnerService], Any],
             done: Callable[[Any], None] | None = None) -> None:
        if self.vault is None or not self.vault.is_open:
            return
        service = self.service()
        self.ctx.tasks.run(lambda: work(service), on_done=done,
                           on_error=lambda exc: self._meld(message_for(exc), fout=True), owner=self)

    def refresh(self, kies: str = "") -> None:
        """Read the address book on the worker; keep (or choose) the selected partner."""
        kies = kies or (self.gekozen.uuid if self.gekozen is not None else "")
        self._run(lambda s: s.adresboek(), lambda rijen: self._gelezen(rijen, kies))

    def _gelezen(self, organisaties: list[Organisatie], kies: str) -> None:
        self.org_model.set_rows(organisaties)
        self.org_view.resizeColumnToContents(0)
        for index, org in enumerate(organisaties):
            if org.uuid == kies:
                self.org_view.setCurrentIndex(self.org_model.index(index, 0))
                self._toon(org)
                return
        self._toon(None)

    # -- showing -------------------------------------------------------------------------

    def _gekozen(self, index: QModelIndex) -> None:
        if index.isValid():
            self._toon(self.org_model.row(index.row()))

    def _toon(self, org: Organisatie | None) -> None:
        """Show one organisation (None: an empty form for a new one)."""
        self.gekozen = org
        self.naam.setText(org.naam if org else "")
        self.telefoon.setText(org.telefoon if org else "")
        self.email.setText(org.email if org else "")
        self.notitie.setText(org.notitie if org else "")
        self.persoon_model.set_rows(org.contactpersonen if org else [])
        for kolom in (0, 1, 2):
            self.persoon_view.resizeColumnToContents(kolom)
        for widget in (self.verwijder_knop, self.personen_box, self.caseload_box):
            widget.setEnabled(org is not None)
        self.caseload_model.clear()
        self.caseload_label.setText(_("Nog geen partner gekozen.") if org is None else "")
        if org is not None:
            uuid = org.uuid
            self._run(lambda s: s.caseload(uuid), lambda c: self._caseload(uuid, c))

    def _caseload(self, uuid: str, caseload: Caseload) -> None:
        if self.gekozen is None or self.gekozen.uuid != uuid:
            return
        self.caseload_model.set_rows(caseload.rijen)
        delen = [f"{_(PARTNER_ROL_LABELS[rol])}: {caseload.per_rol[rol.value]}"
                 for rol in PartnerRol if caseload.per_rol.get(rol.value)]
        tekst = _("Open dossiers: {aantal}").format(aantal=caseload.dossiers)
        self.caseload_label.setText(tekst + (" — " + ", ".join(delen) if delen else ""))

    def _open_dossier(self, index: QModelIndex) -> None:
        if index.isValid():
            self.request_dossier(self.caseload_model.row(index.row()).dossier_uuid)

    def _meld(self, tekst: str, fout: bool = False) -> None:
        self.melding.setStyleSheet(ERROR_STYLE if fout else OK_STYLE)
        self.melding.setText(tekst)

    # -- actions -------------------------------------------------------------------------

    def _bewaar(self, org: Organisatie, tekst: str,
                na: Callable[[], None] | None = None) -> None:
        def klaar(bewaard: Organisatie) -> None:
            self._meld(tekst)
            if na is not None:
                na()
            self.refresh(kies=bewaard.uuid)

        self._run(lambda s: s.bewaar_organisatie(org), klaar)

    def opslaan(self) -> None:
        basis = self.gekozen or Organisatie(naam="")
        org = Organisatie(naam=self.naam.text(), uuid=basis.uuid,
                          telefoon=self.telefoon.text().strip(), email=self.email.text().strip(),
                          notitie=self.notitie.text().strip(),
                          contactpersonen=list(basis.contactpersonen))
        self._bewaar(org, _("Partner opgeslagen."))

    def verwijderen(self) -> None:
        if self.gekozen is None:
            return
        uuid = self.gekozen.uuid

        def klaar(_result: object) -> None:
            self._meld(_("Partner uit het adresboek verwijderd."))
            self.gekozen = None
            self.refresh()

        self._run(lambda s: s.verwijder_organisatie(uuid), klaar)

    def persoon_toevoegen(self) -> None:
        if self.gekozen is None:
            return
        persoon = Contactpersoon(naam=self.p_naam.text().strip(),
                                 functie=self.p_functie.text().strip(),
                                 telefoon=self.p_tel.text().strip(),
                                 email=self.p_mail.text().strip())
        org = Organisatie(**{**self.gekozen.__dict__,
                             "contactpersonen": [*self.gekozen.contactpersonen, persoon]})
        self._bewaar(org, _("Contactpersoon toegevoegd."), na=self._persoon_leeg)

    def _persoon_leeg(self) -> None:
        for veld in (self.p_naam, self.p_functie, self.p_tel, self.p_mail):
            veld.clear()

    def persoon_weghalen(self) -> None:
        current = self.persoon_view.currentIndex()
        if self.gekozen is None or not current.isValid():
            self._meld(_("Kies eerst een contactpersoon."), fout=True)
            return
        weg = self.persoon_model.row(current.row()).uuid
        org = Organisatie(**{**self.gekozen.__dict__, "contactpersonen": [
            p for p in self.gekozen.contactpersonen if p.uuid != weg]})
        self._bewaar(org, _("Contactpersoon weggehaald."))
