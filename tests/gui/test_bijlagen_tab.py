"""The "Bijlagen" tab: attach by file dialog and by drag and drop, view a PDF and an
image from memory, save only where the user says, delete; a file over 25 MB is refused
with a message and nothing is stored. Each step is in the audit trail."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QFileDialog

from tests.gui.conftest import settle
from zorgapp.domain.bijlage import MAX_GROOTTE
from zorgapp.domain.codes import MelderType
from zorgapp.domain.dossier import Melding
from zorgapp.domain.persoon import Persoon
from zorgapp.ui.dialogs.afbeelding_preview import AfbeeldingPreviewDialog
from zorgapp.ui.dialogs.pdf_preview import PdfPreviewDialog

MARKER = "BIJLAGE-GUI-MARKER-8830"
# the offscreen platform says this whenever a dialog is shown
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def make_pdf(path: Path, text: str = MARKER) -> Path:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer)
    c.drawString(100, 750, text)
    c.save()
    path.write_bytes(buffer.getvalue())
    return path


def make_png(path: Path) -> Path:
    image = QImage(120, 80, QImage.Format.Format_RGB32)
    image.fill(QColor("darkcyan"))
    assert image.save(str(path))  # format from the suffix
    return path


@pytest.fixture
def tab(qtbot, dossier_view, dossier_service):
    melding = Melding(datum=date.today() - timedelta(days=10), melder_type=MelderType.POLITIE)
    dossier = dossier_service.nieuwe_melding(Persoon(naam="Oksana Melnyk", nationaliteiten=["UA"]), melding)
    dossier_view.show_dossier(dossier_service.open(dossier.uuid))
    settle(qtbot)
    dossier_view.tabs.setCurrentWidget(dossier_view.bijlagen_tab)
    return dossier_view.bijlagen_tab


def audit(vault) -> list[tuple[str, str]]:
    with vault.read() as db:
        return [(r[0], r[1]) for r in db.execute(
            "SELECT action, record_type FROM audit WHERE record_type = 'bijlage' ORDER BY seq")]


def drop(tab, paths: list[Path]) -> bool:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    tab.dragEnterEvent(enter)
    if not enter.isAccepted():
        return False
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    tab.dropEvent(event)
    return event.isAccepted()


def test_attach_a_pdf_view_it_and_save_it_where_the_user_says(qtbot, tab, dossier_view, vault,
                                                             tmp_path, monkeypatch) -> None:
    pdf = make_pdf(tmp_path / "toestemming.pdf")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(pdf)], ""))
    tab.omschrijving.setText("Getekende toestemming")
    qtbot.mouseClick(tab.toevoegen_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert tab.model.rowCount() == 1
    row = tab.model.row(0)
    assert (row.naam, row.omschrijving, row.type) == ("toestemming.pdf", "Getekende toestemming",
                                                      "application/pdf")
    assert "toegevoegd" in dossier_view.message_label.text()
    assert tab.omschrijving.text() == ""

    tab.view.setCurrentIndex(tab.model.index(0, 0))
    qtbot.mouseClick(tab.bekijk_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert isinstance(tab.preview, PdfPreviewDialog)
    assert tab.preview.page_count() == 1 and tab.preview.pdf == pdf.read_bytes()
    tab.preview.reject()

    target = tmp_path / "uit" / "kopie.pdf"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(tab.opslaan_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert target.read_bytes() == pdf.read_bytes()
    assert target.stat().st_mode & 0o077 == 0
    assert audit(vault) == [("create", "bijlage"), ("open", "bijlage"), ("export", "bijlage")]


def test_drop_an_image_and_view_it(qtbot, tab, vault, tmp_path) -> None:
    png = make_png(tmp_path / "paspoort.png")
    assert drop(tab, [png])
    settle(qtbot)
    assert [b.naam for b in tab.model.rows()] == ["paspoort.png"]
    tab.view.setCurrentIndex(tab.model.index(0, 0))
    tab.bekijk()
    settle(qtbot)
    assert isinstance(tab.preview, AfbeeldingPreviewDialog)
    assert (tab.preview.image.width(), tab.preview.image.height()) == (120, 80)
    tab.preview.reject()
    assert tab.preview is None


def test_a_file_over_25_mb_is_refused_and_nothing_is_stored(qtbot, tab, dossier_view, vault,
                                                          tmp_path) -> None:
    big = tmp_path / "scan.pdf"
    with big.open("wb") as handle:  # sparse: no 25 MB really written
        handle.truncate(MAX_GROOTTE + 1)
    assert drop(tab, [big])
    settle(qtbot)
    assert tab.model.rowCount() == 0
    text = dossier_view.message_label.text()
    assert "25 MB" in text and "scan.pdf" in text and "niets toegevoegd" in text
    with vault.read() as db:
        assert db.execute("SELECT count(*) FROM bijlage").fetchone()[0] == 0
    assert audit(vault) == []


def test_dragging_something_else_than_files_is_not_taken(qtbot, tab) -> None:
    data = QMimeData()
    data.setText("gewoon tekst")
    enter = QDragEnterEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    tab.dragEnterEvent(enter)
    assert not enter.isAccepted()


def test_delete_asks_first_and_removes_the_content_from_the_vault(qtbot, tab, vault, tmp_path,
                                                                  monkeypatch) -> None:
    assert drop(tab, [make_pdf(tmp_path / "aangifte.pdf")])
    settle(qtbot)
    tab.view.setCurrentIndex(tab.model.index(0, 0))
    monkeypatch.setattr(type(tab), "bevestig_verwijderen", lambda self, b: False)
    tab.verwijder()
    settle(qtbot)
    assert tab.model.rowCount() == 1
    monkeypatch.setattr(type(tab), "bevestig_verwijderen", lambda self, b: True)
    tab.verwijder()
    settle(qtbot)
    assert tab.model.rowCount() == 0
    with vault.read() as db:
        assert db.execute("SELECT count(*) FROM bijlage_inhoud").fetchone()[0] == 0
    assert audit(vault)[-1] == ("delete", "bijlage")


def test_the_model_passes_the_model_tester(qtmodeltester, tab, tmp_path, qtbot) -> None:
    assert drop(tab, [make_pdf(tmp_path / "a.pdf"), make_png(tmp_path / "b.png")])
    settle(qtbot)
    assert tab.model.rowCount() == 2
    qtmodeltester.check(tab.model)
