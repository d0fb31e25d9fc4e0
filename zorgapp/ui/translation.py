"""Language switches at run time: Qt's own catalog and ``retranslate()`` of windows.

``zorgapp.i18n`` keeps one list of listeners for ever; windows come and go. So the UI
registers one listener here and keeps widgets in a weak set: ``register(widget)``
makes ``widget.retranslate()`` run after every ``i18n.set_language``.
"""

from __future__ import annotations

import logging
import weakref
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from zorgapp import i18n

log = logging.getLogger(__name__)

_widgets: weakref.WeakSet[Any] = weakref.WeakSet()
_listening = False
_qt_translators: list[QTranslator] = []
_current: str | None = None


def register(widget: Any) -> None:
    """Call ``widget.retranslate()`` whenever the language changes."""
    global _listening, _current
    _widgets.add(widget)
    if not _listening:
        _current = i18n.language()
        i18n.on_language_changed(_language_changed)
        _listening = True


def _language_changed(language: str) -> None:
    global _current
    if language == _current:
        return  # set_language with the same language: nothing to redo
    _current = language
    install_qt_translations(language)
    for widget in list(_widgets):
        if shiboken6.isValid(widget):
            widget.retranslate()


#: Qt 6.12's file dialog asks for "&Look in:" and "Files of &type:" (with mnemonics);
#: the qtbase_nl.qm that PySide6-Essentials ships has them only without the "&", so
#: those two labels stayed English in a Dutch dialog. (context, source) -> Dutch.
_QT_GAPS_NL = {
    ("QFileDialog", "&Look in:"): "&Zoeken in:",
    ("QFileDialog", "Files of &type:"): "Bestanden van &type:",
}


class _QtGapsTranslator(QTranslator):
    """Fills the few strings missing from Qt's own Dutch catalog (see ``_QT_GAPS_NL``)."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        """The Dutch text, or None (a null string: Qt asks the next catalog)."""
        return _QT_GAPS_NL.get((context, source))

    def isEmpty(self) -> bool:
        return False


def install_qt_translations(language: str | None = None) -> None:
    """Load Qt's own strings (standard buttons, file dialogs) for Dutch."""
    app = QCoreApplication.instance()
    if app is None:
        return
    for old in _qt_translators:
        app.removeTranslator(old)
    _qt_translators.clear()
    if (language or i18n.language()) != "nl":
        return
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if translator.load("qtbase_nl", folder):
        app.installTranslator(translator)
        _qt_translators.append(translator)
    else:
        log.info("Qt translations for nl not found")
    gaps = _QtGapsTranslator(app)
    app.installTranslator(gaps)  # installed last, asked first; empty answers fall through
    _qt_translators.append(gaps)
