"""Tab "Zorg & veiligheid": children, safety and care needs (``BehoeftenForm``), and
the RIEC referral: once a perpetrator's name or address is saved here, Zorgapp asks
whether the case was referred to the RIEC (``domain.terugkoppeling.riec_vraag_open``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from zorgapp.domain.deadlines import Deadline
from zorgapp.domain.dossier import Dossier
from zorgapp.domain.terugkoppeling import dader_bekend, riec_vraag_open
from zorgapp.i18n import _
from zorgapp.services.terugkoppeling_service import TerugkoppelingService
from zorgapp.ui.dossier.tab import DossierTab
from zorgapp.ui.dossier.terugkoppeling_widgets import RiecDialog, riec_tekst
from zorgapp.ui.widgets.behoeften_form import BehoeftenForm
from zorgapp.ui.widgets.forms import ERROR_STYLE, button


class BehoeftenTab(DossierTab):
    """Edit and save the needs for shelter; impossible input is refused by the domain."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        self.form = BehoeftenForm()
        scroll.setWidget(self.form)
        layout.addWidget(scroll, 1)
        row = QHBoxLayout()
        self.riec_label = QLabel()
        self.riec_label.setAccessibleName(_("RIEC-melding"))
        self.riec_button = button(_("&RIEC-melding…"), _("RIEC-melding vastleggen"))
        self.riec_button.clicked.connect(self.vraag_riec)
        row.addWidget(self.riec_label)
        row.addWidget(self.riec_button)
        self.riec_dialog: RiecDialog | None = None
        self.save_button = button(_("&Opslaan"), _("Zorg en veiligheid opslaan"))
        self.save_button.setToolTip(_("Kinderen, veiligheid en zorgbehoeften opslaan (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout.addLayout(row)

    def fill(self, dossier: Dossier, vandaag: date, deadlines: Sequence[Deadline]) -> None:
        self.form.set_behoeften(dossier.opvangbehoeften, vandaag)
        bekend = dader_bekend(dossier.opvangbehoeften)
        self.riec_label.setVisible(bekend or dossier.riec is not None)
        self.riec_button.setVisible(bekend or dossier.riec is not None)
        self.riec_label.setText(riec_tekst(dossier.riec))
        self.riec_label.setStyleSheet(ERROR_STYLE if riec_vraag_open(dossier) else "")

    def save(self) -> None:
        behoeften = self.gather(self.form.behoeften)
        if behoeften is None or self.dossier is None:
            return
        vragen = riec_vraag_open(self.dossier, behoeften)
        self.apply(lambda s, uuid: s.opvangbehoeften_opslaan(uuid, behoeften),
                   _("Zorg en veiligheid opgeslagen."),
                   on_success=(lambda: QTimer.singleShot(0, self.vraag_riec)) if vragen else None)

    def vraag_riec(self) -> None:
        """Was the case referred to the RIEC? (yes with date and reference, or not yet)"""
        if self.dossier is None or self.service is None:
            return
        base = self.service
        service = TerugkoppelingService(base.vault, base.actor, lambda: base.vandaag)
        uuid = self.dossier.uuid

        def submit(values: dict[str, Any]) -> object:
            return service.riec_vastleggen(uuid, values["riec"])

        # open(), not exec(): the question follows a save and must not block the window
        dialog = self.riec_dialog = RiecDialog(self.dossier.riec, self.vandaag(), submit, self,
                                               self.tasks)
        dialog.accepted.connect(lambda: self.applied.emit(_("RIEC-melding vastgelegd.")))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
