"""Tab "Journaal": the case notes, newest first, and a line to add one."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QPlainTextEdit, QVBoxLayout, QWidget

from zorgapp.domain.deadlines import Deadline
from zorgapp.domain.dossier import Dossier
from zorgapp.i18n import _
from zorgapp.ui.dossier.tab import DossierTab
from zorgapp.ui.models.dossier_tab_models import JournaalTableModel
from zorgapp.ui.widgets.forms import button, date_edit, to_date
from zorgapp.ui.widgets.tables import list_view


class JournaalTekstEdit(QPlainTextEdit):
    """Several lines of text for a journal entry; Ctrl+Enter adds it (Enter is a new line)."""

    submitted = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setTabChangesFocus(True)
        self.setPlaceholderText(_("Wat is er gebeurd? Ctrl+Enter voegt de regel toe."))
        self.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:
        self.setPlainText(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.submitted.emit()
            return
        super().keyPressEvent(event)


class JournaalTab(DossierTab):
    """The journal list and the form for a new entry (Ctrl+Enter in the text adds it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.model = JournaalTableModel(self)
        self.view = list_view(self.model, _("Journaal"))
        layout.addWidget(self.view, 1)
        box = QGroupBox(_("Nieuwe journaalregel"))
        form = QFormLayout(box)
        self.datum = date_edit(date.today(), date.today(), _("Datum van de journaalregel"))
        form.addRow(_("Datum:"), self.datum)
        self.soort = QComboBox()
        self.soort.setEditable(True)
        for soort in (_("contact"), _("telefoon"), _("overleg"), _("notitie")):
            self.soort.addItem(soort)
        self.soort.setAccessibleName(_("Soort journaalregel"))
        form.addRow(_("Soort:"), self.soort)
        self.tekst = JournaalTekstEdit(_("Tekst van de journaalregel"))
        form.addRow(_("Tekst:"), self.tekst)
        self.toevoegen_button = button(_("Toevoegen aan journaal"))
        self.toevoegen_button.clicked.connect(self.toevoegen)
        self.tekst.submitted.connect(self.toevoegen)
        form.addRow("", self.toevoegen_button)
        layout.addWidget(box)

    def fill(self, dossier: Dossier, vandaag: date, deadlines: Sequence[Deadline]) -> None:
        self.model.set_rows(sorted(dossier.journaal, key=lambda j: j.datum, reverse=True))

    def clear(self) -> None:
        super().clear()
        self.model.clear()

    def toevoegen(self) -> None:
        datum = self.gather(lambda: to_date(self.datum.date()))  # a wrong date is said
        if datum is None:
            return
        tekst, soort = self.tekst.text(), self.soort.currentText()
        self.apply(lambda s, uuid: s.journaal_toevoegen(uuid, datum, tekst, soort),
                   _("Journaalregel toegevoegd."), on_success=self.tekst.clear)
