"""Dialogs of the signaleringsoverleg: the minutes of one case (what was discussed,
new decisions with owner and due date) and putting a case on the agenda by number."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QWidget,
)

from zorgapp.domain.errors import N_, DomainError
from zorgapp.domain.overleg import Agendapunt, OverlegBesluit
from zorgapp.i18n import _, format_date
from zorgapp.ui.tasks import TaskRunner
from zorgapp.ui.widgets.forms import FormDialog, button, date_edit, line_edit, to_date

#: Days a new decision is due after the meeting, as a starting value.
STANDAARD_TERMIJN_DAGEN = 14


def besluit_regel(b: OverlegBesluit) -> str:
    return _("{tekst} — {eigenaar}, uiterlijk {datum}").format(
        tekst=b.tekst, eigenaar=b.eigenaar, datum=format_date(b.deadline))


class VerslagDialog(FormDialog):
    """Minutes of one agenda item. Decisions already recorded are shown, not changed:
    each one is a task on the dossier by now (tick it off or add a new decision)."""

    def __init__(self, punt: Agendapunt, overleg_datum: date, organisaties: Sequence[str],
                 submit: Callable[[dict[str, Any]], object], parent: QWidget | None = None,
                 tasks: TaskRunner | None = None) -> None:
        super().__init__(_("Verslag: dossier {pseudoniem}").format(pseudoniem=punt.pseudoniem),
                         submit, parent, tasks)
        self.overleg_datum = overleg_datum
        self.nieuwe: list[OverlegBesluit] = []
        self.besproken = QPlainTextEdit(punt.besproken)
        self.besproken.setTabChangesFocus(True)
        self.besproken.setPlaceholderText(_("Wat is er besproken? Noem geen namen: het verslag "
                                            "gaat naar de partners."))
        self.besproken.setMinimumHeight(self.besproken.fontMetrics().lineSpacing() * 5)
        self.add_row(_("&Besproken:"), self.besproken)
        if punt.besluiten:
            eerder = QLabel("\n".join(besluit_regel(b) for b in punt.besluiten))
            eerder.setWordWrap(True)
            self.add_row(_("Eerdere besluiten:"), eerder)
        self.besluit = line_edit(_("Besluit"), _("Bijv. huisbezoek afleggen"))
        self.add_row(_("B&esluit:"), self.besluit)
        self.eigenaar = QComboBox()
        self.eigenaar.setEditable(True)
        self.eigenaar.addItems(list(organisaties))
        self.eigenaar.setCurrentText("")
        self.eigenaar.setAccessibleName(_("Wie voert het besluit uit"))
        self.deadline = date_edit(max(overleg_datum, date.today())
                                  + timedelta(days=STANDAARD_TERMIJN_DAGEN), None,
                                  _("Deadline van het besluit"))
        row = QHBoxLayout()
        row.addWidget(self.eigenaar, 1)
        row.addWidget(QLabel(_("uiterlijk")))
        row.addWidget(self.deadline)
        self.toevoegen = button(_("Besluit &toevoegen"))
        self.toevoegen.clicked.connect(self.besluit_toevoegen)
        row.addWidget(self.toevoegen)
        holder = QWidget()
        holder.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        self.add_row(_("&Wie:"), holder)
        self.lijst = QListWidget()
        self.lijst.setAccessibleName(_("Nieuwe besluiten"))
        self.lijst.setMaximumHeight(self.lijst.fontMetrics().lineSpacing() * 5)
        self.add_row(_("Nieuwe besluiten:"), self.lijst)
        note = QLabel(_("Elk besluit wordt een taak in het dossier, met wie het uitvoert en "
                        "de deadline."))
        note.setWordWrap(True)
        self.form.addRow("", note)
        self.setMinimumWidth(620)

    def besluit_toevoegen(self) -> bool:
        """Check the decision by the domain's rule and list it; the form empties."""
        besluit = OverlegBesluit(tekst=self.besluit.text().strip(),
                                 eigenaar=self.eigenaar.currentText().strip(),
                                 deadline=to_date(self.deadline.date()))
        try:
            besluit.valideer(self.overleg_datum)
        except DomainError as exc:
            self.show_error(exc.translated(_))
            return False
        self.nieuwe.append(besluit)
        self.lijst.addItem(besluit_regel(besluit))
        self.besluit.clear()
        self.error_label.hide()
        return True

    def values(self) -> dict[str, Any]:
        """A decision typed but not added yet is added first (or refused)."""
        if self.besluit.text().strip() and not self.besluit_toevoegen():
            raise DomainError(N_("Vul bij het besluit in wie het uitvoert en wanneer."))
        return {"besproken": self.besproken.toPlainText(), "besluiten": list(self.nieuwe)}
