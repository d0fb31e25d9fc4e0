"""Tab "Persoon": the client's personal details (``PersoonForm``) and a save button."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from zorgapp.domain.deadlines import Deadline
from zorgapp.domain.dossier import Dossier
from zorgapp.i18n import _
from zorgapp.ui.dossier.tab import DossierTab
from zorgapp.ui.widgets.forms import button
from zorgapp.ui.widgets.persoon_form import PersoonForm


class PersoonTab(DossierTab):
    """Edit and save the person; the rules (BSN check, dates) are checked in the domain."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        self.form = PersoonForm()
        scroll.setWidget(self.form)
        layout.addWidget(scroll, 1)
        row = QHBoxLayout()
        self.save_button = button(_("&Opslaan"), _("Opslaan"))
        self.save_button.setToolTip(_("Gegevens van de cliënt opslaan (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout.addLayout(row)

    def fill(self, dossier: Dossier, vandaag: date, deadlines: Sequence[Deadline]) -> None:
        self.form.set_persoon(dossier.persoon, vandaag)

    def clear(self) -> None:
        super().clear()
        self.form.clear()

    def save(self) -> None:
        persoon = self.gather(self.form.persoon)
        if persoon is not None:
            self.apply(lambda s, uuid: s.persoon_opslaan(uuid, persoon),
                       _("Gegevens van de cliënt opgeslagen."))
