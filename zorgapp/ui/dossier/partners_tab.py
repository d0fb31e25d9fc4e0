"""Tab "Partners & toestemming": who works on the case (address-book organisations in a
fixed role), and what the client agreed to share with whom (per purpose, revocable)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from zorgapp.domain.codes import TOESTEMMING_DOEL_LABELS, ToestemmingDoel
from zorgapp.domain.deadlines import Deadline
from zorgapp.domain.dossier import Dossier, Toestemming
from zorgapp.domain.partners import PARTNER_ROL_LABELS, Organisatie, PartnerRol
from zorgapp.i18n import _
from zorgapp.services.dossier_service import DossierService
from zorgapp.services.partner_service import PartnerService
from zorgapp.ui.dossier.tab import DossierTab
from zorgapp.ui.models.dossier_tab_models import (
    PartnerTableModel,
    ToestemmingRij,
    ToestemmingTableModel,
)
from zorgapp.ui.widgets.forms import (
    OptionalDate,
    button,
    combo,
    date_edit,
    line_edit,
    to_date,
)
from zorgapp.ui.widgets.tables import list_view


class PartnersTab(DossierTab):
    """Partners on the left, consents on the right; each with its own add form."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.organisaties: dict[str, Organisatie] = {}
        layout = QHBoxLayout(self)
        layout.addLayout(self._build_partners(), 1)
        layout.addLayout(self._build_toestemming(), 1)

    def _build_partners(self) -> QVBoxLayout:
        left = QVBoxLayout()
        self.partner_model = PartnerTableModel(self)
        self.partner_view = list_view(self.partner_model, _("Partners"))
        left.addWidget(QLabel(_("Partners")))
        left.addWidget(self.partner_view, 1)
        row = QHBoxLayout()
        self.ontkoppel_button = button(_("Gekozen partner &weghalen"))
        self.ontkoppel_button.clicked.connect(self.partner_weghalen)
        row.addWidget(self.ontkoppel_button)
        row.addStretch(1)
        left.addLayout(row)
        box = QGroupBox(_("Partner uit het adresboek koppelen"))
        form = QFormLayout(box)
        self.partner_organisatie = combo(_("Partner uit het adresboek"))
        self.partner_organisatie.currentIndexChanged.connect(self._personen_tonen)
        self.partner_persoon = combo(_("Contactpersoon"))
        self.partner_rol = combo(_("Rol van de partner"))
        for rol in PartnerRol:
            self.partner_rol.addItem(_(PARTNER_ROL_LABELS[rol]), rol.value)
        self.partner_toelichting = line_edit(_("Toelichting"), _("Bijv. zedenrecherche"))
        form.addRow(_("Partner:"), self.partner_organisatie)
        form.addRow(_("Contactpersoon:"), self.partner_persoon)
        form.addRow(_("Rol:"), self.partner_rol)
        form.addRow(_("Toelichting:"), self.partner_toelichting)
        self.partner_button = button(_("Partner koppelen"))
        self.partner_button.clicked.connect(self.partner_toevoegen)
        form.addRow("", self.partner_button)
        form.addRow("", QLabel(_("Nieuwe partners zet u in het adresboek (pagina Partners).")))
        left.addWidget(box)
        return left

    def _build_toestemming(self) -> QVBoxLayout:
        right = QVBoxLayout()
        self.toestemming_model = ToestemmingTableModel(self)
        self.toestemming_view = list_view(self.toestemming_model, _("Toestemmingen"))
        right.addWidget(QLabel(_("Toestemming per doel")))
        right.addWidget(self.toestemming_view, 1)
        row = QHBoxLayout()
        self.intrekken_button = button(_("Gekozen toestemming &intrekken"))
        self.intrekken_button.clicked.connect(self.toestemming_intrekken)
        row.addWidget(self.intrekken_button)
        row.addStretch(1)
        right.addLayout(row)
        box = QGroupBox(_("Toestemming vastleggen"))
        form = QFormLayout(box)
        self.toestemming_doel = QComboBox()
        for doel in ToestemmingDoel:
            self.toestemming_doel.addItem(_(TOESTEMMING_DOEL_LABELS[doel]), doel.value)
        self.toestemming_doel.setAccessibleName(_("Doel van de toestemming"))
        form.addRow(_("Doel:"), self.toestemming_doel)
        self.toestemming_partner = QComboBox()
        self.toestemming_partner.setAccessibleName(_("Partner voor delen"))
        form.addRow(_("Partner:"), self.toestemming_partner)
        self.toestemming_datum = date_edit(date.today(), date.today(), _("Datum van de toestemming"))
        form.addRow(_("Datum:"), self.toestemming_datum)
        self.toestemming_hoe = line_edit(_("Hoe gegeven"), _("Bijv. schriftelijk"))
        form.addRow(_("Hoe gegeven:"), self.toestemming_hoe)
        self.toestemming_door = line_edit(_("Gegeven door"), _("Leeg: de cliënt zelf"))
        form.addRow(_("Gegeven door:"), self.toestemming_door)
        self.toestemming_tot = OptionalDate(_("Geldig tot"), date.today() + timedelta(days=365))
        form.addRow(_("Geldigheid:"), self.toestemming_tot)
        self.toestemming_button = button(_("Toestemming vastleggen"))
        self.toestemming_button.clicked.connect(self.toestemming_toevoegen)
        form.addRow("", self.toestemming_button)
        right.addWidget(box)
        return right

    # -- showing ---------------------------------------------------------------------

    def fill(self, dossier: Dossier, vandaag: date, deadlines: Sequence[Deadline]) -> None:
        self.partner_model.set_rows(dossier.partners)
        for kolom in (0, 1):
            self.partner_view.resizeColumnToContents(kolom)
        self._adresboek_laden()
        self.toestemming_partner.clear()
        self.toestemming_partner.addItem(_("(geen)"), "")
        namen = {}
        for partner in dossier.partners:
            self.toestemming_partner.addItem(partner.naam, partner.uuid)
            namen[partner.uuid] = partner.naam
        self.toestemming_model.set_rows([ToestemmingRij(t, namen.get(t.partner, ""), vandaag)
                                         for t in dossier.toestemmingen])

    def clear(self) -> None:
        super().clear()
        self.organisaties = {}
        self.partner_organisatie.clear()
        self.partner_persoon.clear()
        self.partner_model.clear()
        self.toestemming_model.clear()

    # -- actions ---------------------------------------------------------------------

    def _adresboek_laden(self) -> None:
        """The address book for the chooser, read on the worker."""
        if self.service is None:
            return
        vault = self.service.vault
        self.tasks.run(lambda: PartnerService(vault).adresboek(), on_done=self._adresboek,
                       owner=self)

    def _adresboek(self, organisaties: list[Organisatie]) -> None:
        gekozen = self.partner_organisatie.currentData()
        self.organisaties = {o.uuid: o for o in organisaties}
        self.partner_organisatie.clear()
        for org in organisaties:
            self.partner_organisatie.addItem(org.naam, org.uuid)
        index = self.partner_organisatie.findData(gekozen)
        self.partner_organisatie.setCurrentIndex(max(0, index))
        self._personen_tonen()

    def _personen_tonen(self) -> None:
        self.partner_persoon.clear()
        self.partner_persoon.addItem(_("(de organisatie zelf)"), "")
        org = self.organisaties.get(self.partner_organisatie.currentData() or "")
        for persoon in org.contactpersonen if org is not None else []:
            tekst = f"{persoon.naam} – {persoon.functie}" if persoon.functie else persoon.naam
            self.partner_persoon.addItem(tekst, persoon.uuid)

    def partner_toevoegen(self) -> None:
        org = self.partner_organisatie.currentData() or ""
        if not org:
            self.refuse(_("Kies eerst een partner uit het adresboek."))
            return
        persoon = self.partner_persoon.currentData() or ""
        rol = PartnerRol(self.partner_rol.currentData())
        toelichting = self.partner_toelichting.text()

        def koppel(s: DossierService, uuid: str) -> object:
            return PartnerService(s.vault, s.actor, lambda: s.vandaag).koppel(
                uuid, org, rol, persoon, toelichting)

        self.apply(koppel, _("Partner gekoppeld."), on_success=self.partner_toelichting.clear)

    def partner_weghalen(self) -> None:
        current = self.partner_view.currentIndex()
        if self.dossier is None or not current.isValid():
            self.refuse(_("Kies eerst een partner."))
            return
        gekozen = self.partner_model.row(current.row()).uuid

        def weg(s: DossierService, uuid: str) -> object:
            return PartnerService(s.vault, s.actor, lambda: s.vandaag).ontkoppel(uuid, gekozen)

        self.apply(weg, _("Partner weggehaald."))

    def toestemming(self) -> Toestemming:
        """The consent as filled in (checked by the service)."""
        return Toestemming(doel=ToestemmingDoel(self.toestemming_doel.currentData()),
                           datum=to_date(self.toestemming_datum.date()),
                           partner=self.toestemming_partner.currentData() or "",
                           hoe_gegeven=self.toestemming_hoe.text().strip(),
                           gegeven_door=self.toestemming_door.text().strip(),
                           geldig_tot=self.toestemming_tot.value())

    def toestemming_toevoegen(self) -> None:
        # A refusal while building is shown like any other.
        toestemming = self.gather(self.toestemming)
        if toestemming is not None:
            self.apply(lambda s, uuid: s.toestemming_toevoegen(uuid, toestemming),
                       _("Toestemming vastgelegd."))

    def toestemming_intrekken(self) -> None:
        if self.dossier is None or self.service is None:
            return
        current = self.toestemming_view.currentIndex()
        if not current.isValid():
            self.refuse(_("Kies eerst een toestemming."))
            return
        gekozen = self.toestemming_model.row(current.row()).toestemming.uuid
        self.apply(lambda s, uuid: s.toestemming_intrekken(uuid, gekozen, s.vandaag),
                   _("Toestemming ingetrokken."))
