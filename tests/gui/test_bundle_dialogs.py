"""Export, import-with-conflict and contact card dialogs, driven through their widgets."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import settle
from tests.unit.exchange.conftest import Pair, make_pair
from zorgapp.domain.dossier import JournaalRegel
from zorgapp.exchange import importer
from zorgapp.services.dossier_service import DossierService

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def pair(tmp_path: Path) -> Any:
    p = make_pair(tmp_path)
    yield p
    from zorgapp.ui.tasks import runner

    runner().wait_idle()
    for v in (p.a, p.b):
        if v.is_open:
            v.lock()


def test_export_dialog_to_a_contact(qtbot: Any, ctx: Any, pair: Pair) -> None:
    from zorgapp.ui.dialogs.export_dialog import ExportDialog

    dialog = ExportDialog(ctx, pair.a, pair.uuids, default_folder=pair.tmp)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(qtbot)
    assert dialog.consent.isVisible()  # demo cases carry no consent for sharing
    assert dialog.to_contacts.isChecked() and dialog.contacts.count() == 1
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert "ontvanger" in dialog.status.text()  # nobody ticked yet
    dialog.contacts.item(0).setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(dialog.exported, timeout=20000) as blocker:
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    result = blocker.args[0]
    assert result.aantal == 3 and result.pad.exists()
    assert result.ontvangers == ["Bob Jansen (Gemeente Leiden)"]
    voorbeeld = pair.sb.bekijk(result.pad)
    assert voorbeeld.aantal(importer.NIEUW) == 3


def _conflict_bundle(pair: Pair) -> Path:
    uuid = pair.uuids[0]
    first = pair.sa.exporteer([uuid], pair.tmp / "1", [pair.sb.kaart().age_recipient])
    pair.sb.importeer(pair.sb.bekijk(first.pad))
    service = DossierService(pair.b)
    dossier = service.laad(uuid)
    dossier.journaal.append(JournaalRegel(datum=date(2025, 3, 1), tekst="Gesprek met advocaat"))
    service.opslaan(dossier)
    return pair.sa.exporteer(pair.uuids, pair.tmp / "2", [pair.sb.kaart().age_recipient]).pad


def test_import_dialog_with_a_conflict_keep_both(qtbot: Any, ctx: Any, pair: Pair) -> None:
    from zorgapp.ui.dialogs.import_dialog import COL_STATUS, ImportDialog

    bundle = _conflict_bundle(pair)
    before = pair.documents(pair.b)
    dialog = ImportDialog(ctx, pair.b, bundle)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=20000)
    assert "geverifieerd" in dialog.known.text() and "geldig" in dialog.signature.text()
    statuses = [dialog.table.item(r, COL_STATUS).text() for r in range(dialog.table.rowCount())]
    assert statuses.count("al aanwezig, verschilt") == 1 and statuses.count("nieuw") == 2
    row = statuses.index("al aanwezig, verschilt")
    dialog.table.selectRow(row)
    diffs = [(dialog.diff.item(r, 1).text(), dialog.diff.item(r, 2).text()) for r in range(dialog.diff.rowCount())]
    assert any("advocaat" in mine for mine, _theirs in diffs)
    assert pair.documents(pair.b) == before  # nothing changes before confirming
    combo = dialog.choice_combo(row)
    combo.setCurrentIndex(combo.findData(importer.BOTH))
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported, timeout=20000) as blocker:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    result = blocker.args[0]
    assert len(result.nieuw) == 2 and len(result.kopie) == 1
    after = pair.documents(pair.b)
    assert len(after) == 4 and after[pair.uuids[0]] == before[pair.uuids[0]]


def test_import_dialog_unknown_sender_needs_the_checkbox(qtbot: Any, ctx: Any, tmp_path: Path) -> None:
    from zorgapp.ui.dialogs.import_dialog import ImportDialog

    p = make_pair(tmp_path, b_knows_a=False)
    try:
        bundle = p.sa.exporteer(p.uuids, p.tmp / "x", [p.sb.kaart().age_recipient]).pad
        dialog = ImportDialog(ctx, p.b, bundle)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.check()
        qtbot.waitUntil(lambda: dialog.preview is not None, timeout=20000)
        assert "NEE" in dialog.known.text() and dialog.allow_unknown.isVisible()
        assert not dialog.import_button.isEnabled()
        dialog.allow_unknown.setChecked(True)
        assert dialog.import_button.isEnabled()
        with qtbot.waitSignal(dialog.imported, timeout=20000):
            qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        assert p.count(p.b) == 3
    finally:
        from zorgapp.ui.tasks import runner

        runner().wait_idle()
        p.a.lock()
        p.b.lock()


def test_import_dialog_refuses_a_damaged_bundle(qtbot: Any, ctx: Any, pair: Pair) -> None:
    from zorgapp.ui.dialogs.import_dialog import ImportDialog

    bundle = pair.sa.exporteer(pair.uuids, pair.tmp / "x", [pair.sb.kaart().age_recipient]).pad
    data = bytearray(bundle.read_bytes())
    data[len(data) // 2] ^= 1
    bundle.write_bytes(bytes(data))
    dialog = ImportDialog(ctx, pair.b, bundle)
    qtbot.addWidget(dialog)
    dialog.check()
    qtbot.waitUntil(lambda: "niets ingelezen" in dialog.notice.text(), timeout=20000)
    assert "beschadigd" in dialog.notice.text()
    assert not dialog.import_button.isEnabled() and pair.count(pair.b) == 0


def test_contact_card_dialog(qtbot: Any, pair: Pair) -> None:
    from PySide6.QtGui import QGuiApplication

    from zorgapp.exchange.card import OwnKeys
    from zorgapp.ui.dialogs.contact_card_dialog import ContactCardDialog

    dialog = ContactCardDialog(pair.a)
    qtbot.addWidget(dialog)
    settle(qtbot)
    assert not dialog.qr.pixmap().isNull()
    assert dialog.fingerprint.text() == pair.sa.kaart().fingerprint
    dialog.copy_card()
    assert QGuiApplication.clipboard().text() == pair.sa.kaart().to_text()
    assert dialog.book.rowCount() == 1
    other = OwnKeys.generate().card("Carla", "SHOP", "Haaglanden")
    dialog.paste.setPlainText(other.to_text().replace(other.signing_key[:6], "000000"))
    dialog.add_card()
    settle(qtbot)
    assert dialog.book.rowCount() == 1 and "vingerafdruk" in dialog.book_status.text().lower()
    dialog.paste.setPlainText(other.to_text())
    dialog.verified.setChecked(True)
    dialog.add_card()
    settle(qtbot)
    assert dialog.book.rowCount() == 2
