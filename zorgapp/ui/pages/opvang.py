"""The Opvang area: the shelter registry with tonight's occupancy, and the placements
expected to end in the next 14 days (overdue ones first).

Addresses are secret by default; the list says "geheim" instead of showing them.
Lists show dossiernummers, not names. Activating a placement emits
``open_dossier(uuid)`` (``Page.request_dossier``; the main window opens it on the
Dossiers page).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from zorgapp.domain.opvang import OPVANG_LABELS, Locatie, OpvangType
from zorgapp.i18n import N_, _, format_date
from zorgapp.services.opvang_service import Bezetting, OpvangService
from zorgapp.ui.context import UiContext
from zorgapp.ui.models.opvang_models import BezettingTableModel, EindigendTableModel
from zorgapp.ui.pages.base import Page
from zorgapp.ui.tasks import message_for
from zorgapp.ui.widgets.forms import ERROR_STYLE, OK_STYLE, date_edit, to_date
from zorgapp.ui.widgets.forms import FormDialog as _FormDialog
from zorgapp.ui.widgets.tables import table_view

if TYPE_CHECKING:
    from zorgapp.store.vault import Vault

ENDING_DAYS = 14


class LocatieDialog(_FormDialog):
    """New or changed shelter location. The address stays secret unless unticked."""

    def __init__(self, organisaties: list[str], vandaag: date, locatie: Locatie | None,
                 actief: bool, submit: Callable[[dict[str, Any]], object],
                 parent: QWidget | None = None) -> None:
        """``organisaties`` to choose from were read on the worker beforehand."""
        super().__init__(_("Opvanglocatie wijzigen") if locatie else _("Nieuwe opvanglocatie"),
                         submit, parent)
        self.organisatie_combo = QComboBox()
        self.organisatie_combo.setEditable(True)
        self.organisatie_combo.addItems(organisaties)
        self.organisatie_combo.setAccessibleName(_("Organisatie"))
        self.organisatie_combo.setEditText(locatie.organisatie if locatie else "")
        self.add_row(_("Organisatie:"), self.organisatie_combo)
        self.naam_edit = QLineEdit(locatie.naam if locatie else "")
        self.add_row(_("Naam van de locatie:"), self.naam_edit)
        self.type_combo = QComboBox()
        for soort in OpvangType:
            self.type_combo.addItem(_(OPVANG_LABELS[soort]), soort.value)
        if locatie:
            self.type_combo.setCurrentIndex(self.type_combo.findData(locatie.type.value))
        self.add_row(_("Soort opvang:"), self.type_combo)
        self.contact_edit = QLineEdit(locatie.contact if locatie else "")
        self.contact_edit.setPlaceholderText(_("Contactpersoon, telefoon"))
        self.add_row(_("Contact:"), self.contact_edit)
        self.capaciteit_spin = QSpinBox()
        self.capaciteit_spin.setRange(0, 9999)
        self.capaciteit_spin.setSpecialValueText(_("onbekend"))
        self.capaciteit_spin.setValue(locatie.capaciteit or 0 if locatie else 0)
        self.add_row(_("Aantal plaatsen:"), self.capaciteit_spin)
        self.geheim_check = QCheckBox(_("Adres is geheim (nooit afdrukken voor derden)"))
        self.geheim_check.setChecked(locatie.adres_geheim if locatie else True)
        self.geheim_check.setAccessibleName(self.geheim_check.text())
        self.add_row("", self.geheim_check)
        self.adres_edit = QLineEdit(locatie.adres if locatie else "")
        self.add_row(_("Adres:"), self.adres_edit)
        self.tarief_edit = QLineEdit()
        self.tarief_edit.setPlaceholderText(_("bijv. 165,00"))
        self.vanaf_edit = date_edit(vandaag, None, _("Dagtarief geldig vanaf"))
        if locatie is None:
            self.add_row(_("Dagtarief (€):"), self.tarief_edit)
            self.add_row(_("Geldig vanaf:"), self.vanaf_edit)
        self.actief_check = QCheckBox(_("In gebruik"))
        self.actief_check.setChecked(actief)
        self.actief_check.setAccessibleName(self.actief_check.text())
        if locatie is not None:
            self.add_row("", self.actief_check)

    def values(self) -> dict[str, Any]:
        return {
            "organisatie": self.organisatie_combo.currentText().strip(),
            "naam": self.naam_edit.text().strip(),
            "type": self.type_combo.currentData(),
            "contact": self.contact_edit.text().strip(),
            "capaciteit": self.capaciteit_spin.value() or None,
            "adres_geheim": self.geheim_check.isChecked(),
            "adres": self.adres_edit.text().strip(),
            "dagtarief": self.tarief_edit.text().strip() or None,
            "geldig_vanaf": to_date(self.vanaf_edit.date()),
            "actief": self.actief_check.isChecked(),
        }


class TariefDialog(_FormDialog):
    def __init__(self, vandaag: date, submit: Callable[[dict[str, Any]], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(_("Standaard dagtarief wijzigen"), submit, parent)
        uitleg = QLabel(_("Lopende plaatsingen houden hun eigen tarief; wijzig dat in het "
                          "dossier als de afspraak verandert."))
        uitleg.setWordWrap(True)
        uitleg.setAccessibleName(uitleg.text())
        self.layout_.insertWidget(0, uitleg)
        self.tarief_edit = QLineEdit()
        self.add_row(_("Nieuw dagtarief (€):"), self.tarief_edit)
        self.vanaf_edit = date_edit(vandaag, None, _("Geldig vanaf"))
        self.add_row(_("Geldig vanaf:"), self.vanaf_edit)

    def values(self) -> dict[str, Any]:
        return {"dagtarief": self.tarief_edit.text(), "geldig_vanaf": to_date(self.vanaf_edit.date())}


class OpvangPage(Page):
    name = "opvang"
    title_msgid = N_("Opvang")

    def __init__(self, ctx: UiContext, parent: QWidget | None = None,
                 vandaag: Callable[[], date] = date.today) -> None:
        super().__init__(ctx, parent)
        self._vandaag = vandaag
        self._generation = 0
        self._in_flight: set[int] = set()
        self.run_dialog: Callable[[QDialog], bool] = \
            lambda d: d.exec() == QDialog.DialogCode.Accepted
        outer, top = self.header()
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)
        top.addWidget(self.refresh_button)

        self.registry_box = QGroupBox()
        box = QVBoxLayout(self.registry_box)
        self.locatie_model = BezettingTableModel(self)
        self.locatie_view = table_view("", stretch=0)
        self.locatie_view.setModel(self.locatie_model)
        self.locatie_view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.locatie_view.doubleClicked.connect(lambda _i: self.wijzig_locatie())
        box.addWidget(self.locatie_view)
        row = QHBoxLayout()
        self.nieuw_button = QPushButton()
        self.nieuw_button.clicked.connect(self.nieuwe_locatie)
        self.wijzig_button = QPushButton()
        self.wijzig_button.clicked.connect(self.wijzig_locatie)
        self.tarief_button = QPushButton()
        self.tarief_button.clicked.connect(self.wijzig_tarief)
        for b in (self.nieuw_button, self.wijzig_button, self.tarief_button):
            row.addWidget(b)
        row.addStretch(1)
        self.bezetting_label = QLabel()
        row.addWidget(self.bezetting_label)
        box.addLayout(row)
        outer.addWidget(self.registry_box, 3)

        self.ending_box = QGroupBox()
        box = QVBoxLayout(self.ending_box)
        self.eindigend_model = EindigendTableModel(self)
        self.eindigend_view = table_view("", stretch=2)
        self.eindigend_view.setModel(self.eindigend_model)
        self.eindigend_view.activated.connect(self._open)
        box.addWidget(self.eindigend_view)
        self.geen_eindigend_label = QLabel()
        self.geen_eindigend_label.hide()
        box.addWidget(self.geen_eindigend_label)
        outer.addWidget(self.ending_box, 2)

        self.melding_label = QLabel()
        self.melding_label.setWordWrap(True)
        self.melding_label.hide()
        outer.addWidget(self.melding_label)
        self.retranslate()
        self._update_buttons()

    def retranslate(self) -> None:
        super().retranslate()
        self.refresh_button.setText(_("&Vernieuwen"))
        self.refresh_button.setAccessibleName(_("Opvang vernieuwen"))
        self.registry_box.setTitle(_("Opvanglocaties en bezetting vannacht"))
        self.locatie_view.setAccessibleName(_("Opvanglocaties en bezetting"))
        self.nieuw_button.setText(_("&Nieuwe locatie…"))
        self.nieuw_button.setAccessibleName(_("Nieuwe opvanglocatie"))
        self.wijzig_button.setText(_("&Wijzigen…"))
        self.wijzig_button.setAccessibleName(_("Opvanglocatie wijzigen"))
        self.tarief_button.setText(_("&Dagtarief…"))
        self.tarief_button.setAccessibleName(_("Standaard dagtarief wijzigen"))
        self.ending_box.setTitle(_("Plaatsingen die binnen {dagen} dagen eindigen").format(
            dagen=ENDING_DAYS))
        self.eindigend_view.setAccessibleName(self.ending_box.title())
        self.bezetting_label.setAccessibleName(_("Totale bezetting"))
        self.melding_label.setAccessibleName(_("Melding"))
        self.geen_eindigend_label.setText(_("Geen lopende plaatsingen met een verwacht einde "
                                            "in de komende {dagen} dagen.").format(dagen=ENDING_DAYS))
        self.geen_eindigend_label.setAccessibleName(self.geen_eindigend_label.text())
        self.locatie_model.retranslate()
        self.eindigend_model.retranslate()

    # -- vault --------------------------------------------------------------------------

    def service(self) -> OpvangService:
        assert self.vault is not None
        return OpvangService(self.vault, vandaag=self._vandaag)

    def set_vault(self, vault: Vault) -> None:
        super().set_vault(vault)
        self.refresh()

    def clear(self) -> None:
        self._generation += 1
        self.locatie_model.clear()
        self.eindigend_model.clear()
        self.bezetting_label.clear()
        self.melding_label.hide()
        super().clear()
        self._update_buttons()

    def activated(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Read occupancy and endings on the worker; show them when they arrive."""
        if self.vault is None or not self.vault.is_open:
            return
        service = self.service()
        self._generation += 1
        generation = self._generation
        self._in_flight.add(generation)
        self.ctx.tasks.run(lambda: (service.bezetting(), service.eindigend(ENDING_DAYS)),
                           on_done=lambda r: self._gelezen(generation, service.vandaag, *r),
                           on_error=lambda exc: self._melding(message_for(exc), fout=True),
                           on_finally=lambda: self._in_flight.discard(generation), owner=self)

    def is_loading(self) -> bool:
        return bool(self._in_flight)

    def _gelezen(self, generation: int, vandaag: date, bezetting: list[Bezetting],
                 eindigend: list[Any]) -> None:
        if generation != self._generation or self.vault is None:
            return
        self.locatie_model.set_rows(bezetting)
        self.eindigend_model.set_rows(eindigend)
        leeg = self.eindigend_model.rowCount() == 0
        self.geen_eindigend_label.setVisible(leeg)
        self.eindigend_view.setVisible(not leeg)
        bezet = sum(b.bezet for b in bezetting if b.locatie.type.residentieel)
        plaatsen = sum(b.locatie.capaciteit or 0 for b in bezetting if b.locatie.type.residentieel)
        self.bezetting_label.setText(_("Vannacht {bezet} van {plaatsen} plaatsen bezet ({datum})").format(
            bezet=bezet, plaatsen=plaatsen, datum=format_date(vandaag)))
        self._update_buttons()

    def _geselecteerd(self) -> Bezetting | None:
        rows = self.locatie_view.selectionModel().selectedRows()
        return self.locatie_model.row(rows[0].row()) if rows else None

    def _update_buttons(self, *_args: object) -> None:
        open_ = self.vault is not None
        gekozen = self._geselecteerd() is not None
        self.nieuw_button.setEnabled(open_)
        self.wijzig_button.setEnabled(open_ and gekozen)
        self.tarief_button.setEnabled(open_ and gekozen)

    def _melding(self, tekst: str, fout: bool = False) -> None:
        self.melding_label.setStyleSheet(ERROR_STYLE if fout else OK_STYLE)
        self.melding_label.setText(tekst)
        self.melding_label.show()

    def _open(self, index: Any) -> None:
        rij = self.eindigend_model.row(index.row())
        uuid = rij.plaatsing.dossier_uuid
        self.request_dossier(uuid)

    # -- actions ------------------------------------------------------------------------

    def nieuwe_locatie(self) -> None:
        service = self.service()

        def submit(v: dict[str, Any]) -> object:
            return service.nieuwe_locatie(
                v["organisatie"], v["naam"], v["type"], contact=v["contact"],
                capaciteit=v["capaciteit"], adres_geheim=v["adres_geheim"], adres=v["adres"],
                dagtarief=v["dagtarief"], geldig_vanaf=v["geldig_vanaf"])

        def ask(organisaties: list[str]) -> None:
            if self.vault is None:
                return
            dialog = LocatieDialog(organisaties, service.vandaag, None, True, submit, self)
            if self.run_dialog(dialog):
                self.refresh()
                self._melding(_("Opvanglocatie {naam} toegevoegd.").format(
                    naam=getattr(dialog.result_value, "naam", "")))

        self.ctx.tasks.run(service.organisaties, on_done=ask,
                           on_error=lambda exc: self._melding(message_for(exc), fout=True),
                           owner=self)

    def wijzig_locatie(self) -> None:
        rij = self._geselecteerd()
        if rij is None:
            return
        service = self.service()

        def ask(found: tuple[Any, list[str]]) -> None:
            huidig, organisaties = found
            if self.vault is None:
                return

            def submit(v: dict[str, Any]) -> object:
                nieuw = dataclasses.replace(
                    huidig.locatie, organisatie=v["organisatie"], naam=v["naam"],
                    type=OpvangType(v["type"]), contact=v["contact"], capaciteit=v["capaciteit"],
                    adres_geheim=v["adres_geheim"], adres=v["adres"])
                return service.wijzig_locatie(nieuw, actief=v["actief"])

            dialog = LocatieDialog(organisaties, service.vandaag, huidig.locatie, huidig.actief,
                                   submit, self)
            if self.run_dialog(dialog):
                self.refresh()
                self._melding(_("Opvanglocatie gewijzigd."))

        uuid = rij.locatie.uuid
        self.ctx.tasks.run(lambda: (service.locatie(uuid), service.organisaties()), on_done=ask,
                           on_error=lambda exc: self._melding(message_for(exc), fout=True),
                           owner=self)

    def wijzig_tarief(self) -> None:
        rij = self._geselecteerd()
        if rij is None:
            return
        service = self.service()

        def submit(v: dict[str, Any]) -> object:
            return service.zet_locatie_tarief(rij.locatie.uuid, v["dagtarief"], v["geldig_vanaf"])

        dialog = TariefDialog(service.vandaag, submit, self)
        if self.run_dialog(dialog):
            self.refresh()
            self._melding(_("Het standaard dagtarief is gewijzigd."))


__all__ = ["OpvangPage", "Qt", "message_for"]
