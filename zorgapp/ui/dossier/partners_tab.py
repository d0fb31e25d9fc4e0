"""Tab "Partners & toestemming": who works on the case, and what the client agreed to
share with whom (per purpose, revocable)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
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
from zorgapp.i18n import _
from zorgapp.ui.dossier.tab import DossierTab
from zorgapp.ui.models.dossier_tab_models import (
    PartnerTableModel,
    ToestemmingRij,
    ToestemmingTableModel,
)
from zorgapp.ui.widgets.forms import OptionalDate, button, date_edit, line_edit, to_date
from zorgapp.ui.widgets.tables import list_view


def _rollen() -> list[str]:
    # Suggestions, not a closed list: the placement letter recognises "politie" and
    # "advocaat" in the role and prints those partners under the legal status.
    return [_("Politie (AVIM)"), _("Advocaat"), _("Opvang"), _("Veilig Thuis"),
            _("Wijkteam"), _("GGD"), _("Huisarts"), _("Voogd of mentor"), _("IND")]


class PartnersTab(DossierTab):
    """Partners on the left, consents on the right; each with its own add form."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.addLayout(self._build_partners(), 1)
        layout.addLayout(self._build_toestemming(), 1)

    def _build_partners(self) -> QVBoxLayout:
        left = QVBoxLayout()
        self.partner_model = PartnerTableModel(self)
        self.partner_view = list_view(self.partner_model, _("Partners"))
        left.addWidget(QLabel(_("Partners")))
        left.addWidget(self.partner_view, 1)
        box = QGroupBox(_("Partner toevoegen"))
        form = QFormLayout(box)
        self.partner_naam = line_edit(_("Naam van de partner"))
        self.partner_rol = line_edit(_("Rol van de partner"), _("Bijv. politie, opvang, advocaat"))
        completer = QCompleter(_rollen(), self.partner_rol)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.partner_rol.setCompleter(completer)
        self.partner_contact = line_edit(_("Contact van de partner"))
        form.addRow(_("Naam:"), self.partner_naam)
        form.addRow(_("Rol:"), self.partner_rol)
        form.addRow(_("Contact:"), self.partner_contact)
        self.partner_button = button(_("Partner toevoegen"))
        self.partner_button.clicked.connect(self.partner_toevoegen)
        form.addRow("", self.partner_button)
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
        self.partner_model.clear()
        self.toestemming_model.clear()

    # -- actions ---------------------------------------------------------------------

    def partner_toevoegen(self) -> None:
        velden = (self.partner_naam, self.partner_rol, self.partner_contact)
        naam, rol, contact = (e.text() for e in velden)
        def leeg() -> None:
            for e in velden:
                e.clear()

        self.apply(lambda s, uuid: s.partner_toevoegen(uuid, naam, rol, contact),
                   _("Partner toegevoegd."), on_success=leeg)

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
