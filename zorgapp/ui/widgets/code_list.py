"""Pick countries or languages from a searchable list in the user's language, stored
as ISO codes: "Turkije" is found by typing "tur", and the dossier keeps "TR".

Why: typing codes by hand led to "Nationaliteit TURKIJE is geen ISO-landcode". The
names come from CLDR (Babel), so they follow the UI language; a language switch
relabels the list and the chosen items without changing the codes.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QHBoxLayout, QToolButton, QWidget

from zorgapp.domain.errors import DomainError
from zorgapp.i18n import N_, _, country_names, language_names
from zorgapp.ui import translation


def _fold(text: str) -> str:
    """For matching and sorting: no case, no accents ("Roemenië" ~ "roemenie")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class CodeListWidget(QWidget):
    """Several codes chosen from ``names()``: a searchable combo box plus a button per
    chosen item (click removes it). ``codes()`` raises ``DomainError`` for typed text
    that matches nothing, so the form says what is wrong instead of storing it."""

    changed = Signal()

    def __init__(self, names: Callable[[], dict[str, str]], upper: bool, name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._names = names
        self._upper = upper
        self._codes: list[str] = []
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._chips = QHBoxLayout()
        self._chips.setSpacing(4)
        self._row.addLayout(self._chips)
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.setMinimumContentsLength(14)
        self.combo.setAccessibleName(name)
        completer = QCompleter(self.combo.model(), self.combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.combo.setCompleter(completer)
        self.combo.activated.connect(self._picked)
        completer.activated.connect(lambda _text: self._add_typed())
        line = self.combo.lineEdit()
        if line is not None:
            line.returnPressed.connect(self._add_typed)
        self._row.addWidget(self.combo, 1)
        self.setFocusProxy(self.combo)
        self._fill()
        translation.register(self)

    def _fill(self) -> None:
        names = self._names()
        self.combo.blockSignals(True)
        self.combo.clear()
        for code, label in sorted(names.items(), key=lambda item: _fold(item[1])):
            self.combo.addItem(_("{naam} ({code})").format(naam=label, code=self._norm(code)),
                               self._norm(code))
        self.combo.setCurrentIndex(-1)
        self.combo.setEditText("")
        self.combo.blockSignals(False)

    def chip_texts(self) -> list[str]:
        """What the item buttons say, in order."""
        return [self._chips.itemAt(i).widget().text() for i in range(self._chips.count())]

    def _norm(self, code: str) -> str:
        return code.upper() if self._upper else code.lower()

    def retranslate(self) -> None:
        """New names for the same codes (the language changed)."""
        self._fill()
        self._show()

    def _picked(self, index: int) -> None:
        """An item picked from the drop-down list. Return in an emptied box also
        "activates" an item (the first), so only a pick whose text is shown counts."""
        code = self.combo.itemData(index)
        if code and self.combo.currentText() == self.combo.itemText(index):
            self.add(str(code))
        self.combo.setCurrentIndex(-1)
        self.combo.setEditText("")

    def _add_typed(self) -> None:
        code = self.resolve(self.combo.currentText())
        if code:
            self.add(code)
            self.combo.setCurrentIndex(-1)
            self.combo.setEditText("")

    def resolve(self, text: str) -> str | None:
        """The code for typed text: a code, a name, "Name (CODE)", or one unique match."""
        wanted = _fold(text.strip())
        if not wanted:
            return None
        names = {self._norm(c): n for c, n in self._names().items()}
        for code, label in names.items():
            if wanted in (_fold(code), _fold(label),
                          _fold(_("{naam} ({code})").format(naam=label, code=code))):
                return code
        matches = [code for code, label in names.items() if _fold(label).startswith(wanted)]
        return matches[0] if len(matches) == 1 else None

    def add(self, code: str) -> None:
        code = self._norm(code)
        if code not in self._codes:
            self._codes.append(code)
            self._show()
            self.changed.emit()

    def remove(self, code: str) -> None:
        if code in self._codes:
            self._codes.remove(code)
            self._show()
            self.changed.emit()

    def _show(self) -> None:
        while self._chips.count():
            item = self._chips.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        names = {self._norm(c): n for c, n in self._names().items()}
        for code in self._codes:
            chip = QToolButton()
            label = names.get(code, code)
            chip.setText(_("{naam} ✕").format(naam=label))
            chip.setToolTip(_("{naam} weghalen").format(naam=label))
            chip.setAccessibleName(_("{naam} weghalen").format(naam=label))
            chip.clicked.connect(lambda _checked=False, c=code: self.remove(c))
            self._chips.addWidget(chip)

    def codes(self) -> list[str]:
        """The chosen codes, plus what is still typed in the box when it matches."""
        pending = self.combo.currentText().strip()
        if pending:
            code = self.resolve(pending)
            if code is None:
                raise DomainError(N_("\"{tekst}\" staat niet in de lijst; kies een naam uit de lijst."),
                                  tekst=pending)
            if code not in self._codes:
                return [*self._codes, code]
        return list(self._codes)

    def set_codes(self, codes: list[str]) -> None:
        self._codes = []
        for code in codes:
            if code.strip() and self._norm(code.strip()) not in self._codes:
                self._codes.append(self._norm(code.strip()))
        self.combo.setCurrentIndex(-1)
        self.combo.setEditText("")
        self._show()

    # Text access for callers and tests that knew the line edit: "RO, PL".
    def text(self) -> str:
        return ", ".join(self._codes)

    def setText(self, text: str) -> None:
        self.set_codes(text.replace(";", ",").split(","))


def country_list(name: str) -> CodeListWidget:
    """Nationalities: ISO 3166 codes, upper case."""
    return CodeListWidget(country_names, True, name)


def language_list(name: str) -> CodeListWidget:
    """Languages: ISO 639 codes, lower case."""
    return CodeListWidget(language_names, False, name)
