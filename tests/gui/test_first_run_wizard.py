"""First start: a new vault, its recovery key shown once, Finish only after confirming."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWizard

from tests.conftest import PASSPHRASE
from tests.gui.conftest import settle
from zorgapp.i18n import _
from zorgapp.store import keyfile
from zorgapp.store.vault import Vault
from zorgapp.ui.dialogs.first_run_wizard import (
    PAGE_KEY,
    PAGE_NEW,
    PAGE_OPEN,
    FirstRunWizard,
    strength_hint,
    with_suffix,
)

KEY_PATTERN = re.compile(r"[0-9A-F]{4}(-[0-9A-F]{4}){15}")


def _wizard(qtbot, ctx) -> FirstRunWizard:
    wizard = FirstRunWizard(ctx.tasks)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def test_new_vault_shows_recovery_key_and_needs_confirmation(qtbot, ctx, tmp_path: Path) -> None:
    wizard = _wizard(qtbot, ctx)
    target = tmp_path / "mijn kluis"  # suffix added by the wizard
    wizard.fill_new_vault(target, PASSPHRASE)
    assert wizard.currentId() == PAGE_NEW
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_KEY, timeout=10_000)

    vault = wizard.vault
    assert vault is not None and vault.is_open
    assert vault.path == tmp_path / "mijn kluis.zorg"
    assert vault.path.is_file() and keyfile.key_path(vault.path).is_file()
    shown = wizard.key_page.key_label.text().replace("\n", "")
    assert KEY_PATTERN.fullmatch(shown)
    assert len(re.sub(r"[^0-9A-F]", "", shown)) == 64
    assert shown == wizard.recovery_key
    assert wizard.key_page.key_label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse

    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled()
    wizard.reject()  # cancelling is refused until the key is confirmed
    assert wizard.isVisible()
    check = wizard.key_page.saved_check
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(8, check.height() // 2))
    assert wizard.key_page.saved_check.isChecked()
    assert finish.isEnabled()
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert wizard.mode == "new"

    # the shown key really is the recovery key of this vault
    vault.lock()
    again = Vault.unlock_with_recovery_key(vault.path, shown)
    again.lock()


def test_copy_button_puts_key_on_clipboard(qtbot, ctx, tmp_path: Path) -> None:
    from PySide6.QtGui import QGuiApplication

    wizard = _wizard(qtbot, ctx)
    wizard.fill_new_vault(tmp_path / "k.zorg", PASSPHRASE)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_KEY, timeout=10_000)
    qtbot.mouseClick(wizard.key_page.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == wizard.recovery_key
    wizard.key_page.saved_check.setChecked(True)
    wizard.accept()
    assert QGuiApplication.clipboard().text() != wizard.recovery_key  # cleared on leaving
    wizard.vault.lock()


def test_short_or_different_passphrase_is_refused_inline(qtbot, ctx, tmp_path: Path) -> None:
    wizard = _wizard(qtbot, ctx)
    wizard.fill_new_vault(tmp_path / "k.zorg", "te kort")
    wizard.next()
    assert wizard.currentId() == PAGE_NEW
    assert wizard.new_page.message_label.text() == _(
        "De wachtwoordzin moet minstens {aantal} tekens lang zijn.").format(aantal=12)
    wizard.fill_new_vault(tmp_path / "k.zorg", PASSPHRASE, repeat=PASSPHRASE + "x")
    wizard.next()
    assert wizard.currentId() == PAGE_NEW
    assert wizard.new_page.message_label.text() == _("De wachtwoordzinnen zijn niet gelijk.")
    assert not (tmp_path / "k.zorg").exists()


def test_open_existing_vault(qtbot, ctx, locked_vault: Path, tmp_path: Path) -> None:
    wizard = _wizard(qtbot, ctx)
    wizard.fill_open_vault(tmp_path / "bestaat-niet.zorg")
    assert wizard.currentId() == PAGE_OPEN
    wizard.accept()  # validatePage refuses
    assert wizard.isVisible()
    assert wizard.open_page.message_label.isVisible()
    wizard.open_page.path_edit.setText(str(locked_vault))
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert wizard.mode == "open" and wizard.vault_path == locked_vault
    assert wizard.vault is None


def test_helpers() -> None:
    assert with_suffix("/tmp/a").name == "a.zorg"
    assert with_suffix("/tmp/a.zorg").name == "a.zorg"
    assert strength_hint("kort") != strength_hint("vier losse woorden hier")


def test_recovery_sheet_is_previewed_from_memory(qtbot, ctx, tmp_path: Path, monkeypatch,
                                                 isolated_data_dir: Path) -> None:
    import io
    import tempfile

    from pypdf import PdfReader

    from zorgapp.ui.dialogs.pdf_preview import PdfPreviewDialog

    spare_tmp = tmp_path / "tmp"
    spare_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spare_tmp))
    shown: list[tuple[bytes, str, dict]] = []
    make = PdfPreviewDialog.__init__

    def recording(self, pdf: bytes, title: str, **kwargs) -> None:
        shown.append((pdf, title, kwargs))
        make(self, pdf, title, **kwargs)

    monkeypatch.setattr(PdfPreviewDialog, "__init__", recording)
    monkeypatch.setattr(PdfPreviewDialog, "exec", lambda self: 0)  # as if closed at once

    wizard = _wizard(qtbot, ctx)
    wizard.fill_new_vault(tmp_path / "k.zorg", PASSPHRASE)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_KEY, timeout=10_000)

    def files() -> set[Path]:
        return {p for folder in (tmp_path, isolated_data_dir) for p in folder.rglob("*")}

    before = files()
    button = wizard.key_page.sheet_button
    assert button.text() == _("Herstelsleutelblad &afdrukken…") and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    settle(qtbot)

    assert len(shown) == 1
    pdf, title, kwargs = shown[0]
    assert pdf.startswith(b"%PDF") and title == _("Herstelsleutel")
    assert kwargs["on_save"] is None  # a key file next to the vault would undo the passphrase
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    key = wizard.key_page.key_label.text().replace("\n", "")
    assert key == wizard.recovery_key
    assert key.replace("-", "") in "".join(text.split())
    assert files() == before  # nothing written: not the sheet, not a temporary file
    assert list(spare_tmp.iterdir()) == []
    assert {p.name for p in tmp_path.iterdir()} <= {"tmp", "k.zorg", "k.zorg.key", "k.zorg.head",
                                                    "k.zorg-wal", "k.zorg-shm", "k.zorg.lock"}

    kwargs["on_print"]()  # what a finished print calls: audited, nothing saved
    settle(qtbot)
    assert files() == before
    entries = wizard.vault.audit.entries()
    assert (entries[-1].action, entries[-1].record_type) == ("print", "herstelsleutel")

    wizard.key_page.saved_check.setChecked(True)
    wizard.accept()
    wizard.vault.lock()
