"""The dialog for a bug: what happened, where, and that no data was lost."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from zorgapp import APP_NAME, __version__
from zorgapp.i18n import _


class CrashDialog(QDialog):
    """Shows the error type and the traceback's places; never values."""

    def __init__(self, lines: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._report = "\n".join([f"{APP_NAME} {__version__}", *lines])
        self.setWindowTitle(_("Onverwachte fout"))
        self.setAccessibleName(_("Onverwachte fout"))
        layout = QVBoxLayout(self)
        intro = QLabel(_(
            "Er is een onverwachte fout opgetreden in Zorgapp. Uw gegevens staan veilig "
            "in de kluis. Sluit Zorgapp af en start het opnieuw. Geef het onderstaande "
            "verslag aan uw beheerder; het bevat geen gegevens van cliënten."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.report_view = QPlainTextEdit(self._report)
        self.report_view.setReadOnly(True)
        self.report_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.report_view.setAccessibleName(_("Foutverslag"))
        self.report_view.setMinimumSize(560, 220)
        layout.addWidget(self.report_view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton(_("Verslag kopiëren"))
        copy.setAccessibleName(_("Verslag kopiëren"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self._report))
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(_("Sluiten"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
