"""Tab "Zorg & veiligheid": children, safety and care needs (``BehoeftenForm``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from zorgapp.domain.deadlines import Deadline
from zorgapp.domain.dossier import Dossier
from zorgapp.i18n import _
from zorgapp.ui.dossier.tab import DossierTab
from zorgapp.ui.widgets.behoeften_form import BehoeftenForm
from zorgapp.ui.widgets.forms import button


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
        self.save_button = button(_("&Opslaan"), _("Zorg en veiligheid opslaan"))
        self.save_button.setToolTip(_("Kinderen, veiligheid en zorgbehoeften opslaan (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout.addLayout(row)

    def fill(self, dossier: Dossier, vandaag: date, deadlines: Sequence[Deadline]) -> None:
        self.form.set_behoeften(dossier.opvangbehoeften, vandaag)

    def save(self) -> None:
        behoeften = self.gather(self.form.behoeften)
        if behoeften is not None:
            self.apply(lambda s, uuid: s.opvangbehoeften_opslaan(uuid, behoeften),
                       _("Zorg en veiligheid opgeslagen."))
