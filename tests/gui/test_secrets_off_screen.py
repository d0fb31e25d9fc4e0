"""Issue 11, items 6 and 9: secrets do not outlive the lock, the recovery key only on paper.

* What a copy button put on the clipboard (the recovery key, the contact card) is taken
  off when the vault locks; what another program put there since is left alone.
* The recovery-key sheet cannot be printed to a file: the print dialog has no "print
  to file", a printer that writes a file (PDF, XPS) is refused with the reason, and
  nothing is written or recorded as printed.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QMessageBox

from tests.conftest import PASSPHRASE
from zorgapp.store.vault import Vault
from zorgapp.ui import clipboard
from zorgapp.ui.dialogs.contact_card_dialog import ContactCardDialog
from zorgapp.ui.dialogs.first_run_wizard import PAGE_KEY, FirstRunWizard
from zorgapp.ui.dialogs.pdf_preview import PdfPreviewDialog, writes_a_file

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

# -- the clipboard at lock ----------------------------------------------------------------


def test_copied_card_is_taken_off_the_clipboard_at_lock(qtbot, make_window, locked_vault) -> None:
    vault = Vault.unlock(locked_vault, PASSPHRASE)
    window = make_window(vault=vault)
    dialog = ContactCardDialog(vault, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.card is not None, timeout=10_000)  # made on the worker
    qtbot.mouseClick(dialog.findChild(type(dialog.print_button), "copy_card"),
                     Qt.MouseButton.LeftButton)
    card = dialog.card.to_text()
    assert QGuiApplication.clipboard().text() == card
    qtbot.mouseClick(window.lock_button, Qt.MouseButton.LeftButton)
    assert window.is_locked()
    assert QGuiApplication.clipboard().text() == ""


def test_what_another_program_copied_stays(qtbot, make_window, locked_vault) -> None:
    vault = Vault.unlock(locked_vault, PASSPHRASE)
    window = make_window(vault=vault)
    clipboard.copy("Ștefania Ștefănescu")
    QGuiApplication.clipboard().setText("boodschappenlijst")  # another program, later
    window.lock()
    assert QGuiApplication.clipboard().text() == "boodschappenlijst"


def test_copied_recovery_key_is_taken_off_at_lock(qtbot, ctx, make_window, locked_vault,
                                                  tmp_path: Path) -> None:
    """The key copied in the wizard, while a window is open on another vault that locks."""
    window = make_window(vault=Vault.unlock(locked_vault, PASSPHRASE))
    wizard = FirstRunWizard(ctx.tasks)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.fill_new_vault(tmp_path / "nieuw.zorg", PASSPHRASE)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_KEY, timeout=10_000)
    qtbot.mouseClick(wizard.key_page.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == wizard.recovery_key
    window.lock()
    assert QGuiApplication.clipboard().text() == ""
    wizard.vault.lock()


# -- the recovery-key sheet: paper only ---------------------------------------------------


class _PrintToFileChosen:
    """Stands in for the user who picks "Naar bestand afdrukken (PDF)" and presses OK."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.print_to_file_offered: list[bool] = []
        self.titles: list[str] = []

    def __call__(self, dialog: QPrintDialog) -> int:
        self.print_to_file_offered.append(
            dialog.testOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile))
        self.titles.append(dialog.windowTitle())
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.target))
        return int(QDialog.DialogCode.Accepted)


@pytest.fixture
def warnings(monkeypatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text, *a: said.append(text))
    return said


def test_recovery_sheet_is_not_printed_to_a_file(qtbot, monkeypatch, tmp_path: Path,
                                                 warnings: list[str]) -> None:
    chosen = _PrintToFileChosen(tmp_path / "Herstelsleutel.pdf")
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: chosen(self))
    printed: list[bool] = []
    from tests.unit.reports import fixtures as fx
    from zorgapp.reports.recovery import herstelsleutelblad

    pdf = herstelsleutelblad("ABCD" * 16, "kluis.zorg", fx.BRIEFHOOFD)
    preview = PdfPreviewDialog(pdf, "Herstelsleutel", on_print=lambda: printed.append(True),
                               paper_only=True)
    qtbot.addWidget(preview)
    preview.show()
    assert preview.paper_label.isVisible() and "niet naar een bestand" in preview.paper_label.text()
    qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)
    assert chosen.print_to_file_offered == [False]
    assert "niet naar een bestand" in chosen.titles[0]
    assert len(warnings) == 1 and "bestand" in warnings[0] and "herstelsleutel" in warnings[0]
    assert not chosen.target.exists() and list(tmp_path.iterdir()) == []
    assert printed == []  # not recorded as printed either


def test_other_documents_may_still_be_printed_to_a_file(qtbot, monkeypatch, tmp_path: Path,
                                                        warnings: list[str]) -> None:
    chosen = _PrintToFileChosen(tmp_path / "brief.pdf")
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: chosen(self))
    from tests.unit.reports import fixtures as fx
    from zorgapp.reports.recovery import herstelsleutelblad

    preview = PdfPreviewDialog(herstelsleutelblad("ABCD" * 16, "k.zorg", fx.BRIEFHOOFD), "Brief")
    qtbot.addWidget(preview)
    assert not preview.paper_label.isVisibleTo(preview)
    qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)
    assert chosen.print_to_file_offered == [True] and warnings == []
    qtbot.waitUntil(lambda: not preview.is_printing(), timeout=30_000)  # on the worker
    assert chosen.target.exists()


def test_the_wizard_prints_the_sheet_on_paper_only(qtbot, ctx, monkeypatch, tmp_path: Path,
                                                   warnings: list[str]) -> None:
    target = tmp_path / "Herstelsleutel.pdf"
    chosen = _PrintToFileChosen(target)
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: chosen(self))
    monkeypatch.setattr(PdfPreviewDialog, "exec", lambda self: self.print_document() or 0)
    wizard = FirstRunWizard(ctx.tasks)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.fill_new_vault(tmp_path / "k.zorg", PASSPHRASE)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_KEY, timeout=10_000)
    qtbot.mouseClick(wizard.key_page.sheet_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(chosen.print_to_file_offered), timeout=10_000)  # on the worker
    ctx.tasks.wait_idle()
    assert chosen.print_to_file_offered == [False] and len(warnings) == 1
    assert not target.exists()
    vault = wizard.vault
    with vault.read() as db:
        actions = [row[0] for row in db.execute("SELECT action FROM audit")]
    assert "print" not in actions
    vault.lock()


@pytest.mark.parametrize(("name", "file_format", "file_name", "expected"), [
    ("Microsoft Print to PDF", "native", "", True),
    ("Microsoft XPS Document Writer", "native", "", True),
    ("CUPS-PDF", "native", "", True),
    ("Print_to_File", "native", "", True),
    ("Kantoor HP LaserJet", "native", "", False),
    ("HP Profile 400", "native", "", False),
    ("Kantoor HP LaserJet", "pdf", "", True),
    ("Kantoor HP LaserJet", "native", "/home/x/Herstelsleutel.pdf", True),
])
def test_which_printers_write_a_file(name: str, file_format: str, file_name: str,
                                     expected: bool) -> None:
    fmt = (QPrinter.OutputFormat.PdfFormat if file_format == "pdf"
           else QPrinter.OutputFormat.NativeFormat)
    printer = SimpleNamespace(outputFormat=lambda: fmt, outputFileName=lambda: file_name,
                              printerName=lambda: name)
    assert writes_a_file(printer) is expected  # type: ignore[arg-type]
