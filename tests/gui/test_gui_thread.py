"""No vault access on the GUI thread: a scripted session through the real main window.

The session unlocks, lists, searches, records a new signal with the wizard, opens a
dossier and visits each tab (saving the person, recording a decision, adding a journal
line and a task on the way), places the client, prints the placement letter, opens the
handover dialog, adds a shelter on Opvang, edits the region and computes on
Financiën, makes a year report on Rapportages, visits every Beheer tab (and the
contact card), then locks. ``VaultAccessGuard`` (tests/gui/vault_guard.py) traces every
SQL statement; the test fails when any ran on the GUI thread, and prints which UI code
caused it.

Two more tests pin down locking while the worker is busy: the lock waits for the
running task (it is queued behind it), and a result read before the lock is dropped.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from tests.conftest import PASSPHRASE
from tests.gui.conftest import unlock
from tests.gui.test_dossiers_wizard import _fill, _signal_and_indicators
from tests.gui.vault_guard import VaultAccessGuard
from zorgapp.domain.codes import Fase, MelderType, Uitbuitingsvorm
from zorgapp.domain.dossier import Melding
from zorgapp.domain.persoon import Persoon

LEFT = Qt.MouseButton.LeftButton
NAAM = "Ioana Zamfirescu-Ördög"
LOCATIE = "Huis Noord (fictief)"
NIEUWE_LOCATIE = "Noodopvang Zuid (sessietest)"  # the demo data has no such shelter
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def guard(monkeypatch: pytest.MonkeyPatch) -> Iterator[VaultAccessGuard]:
    g = VaultAccessGuard()
    g.install(monkeypatch)
    yield g
    g.enabled = False


@pytest.fixture
def session_vault(guard: VaultAccessGuard, vault_path: Path) -> Path:
    """A locked vault with 250 demo dossiers, a region, a shelter and our client."""
    from zorgapp.services.demo import fill_demo
    from zorgapp.services.dossier_service import DossierService
    from zorgapp.services.opvang_service import OpvangService
    from zorgapp.services.region_service import RegionService
    from zorgapp.store.vault import Vault

    vault, _key = Vault.create(vault_path, PASSPHRASE)
    fill_demo(vault, 250)
    RegionService(vault).stel_demo_in()
    OpvangService(vault, actor="t").nieuwe_locatie(
        "Stichting Voorbeeld (fictief)", LOCATIE, "VO", capaciteit=4, dagtarief="120,00",
        geldig_vanaf=date(2025, 1, 1))
    service = DossierService(vault, actor="t")
    start = date.today() - timedelta(days=20)
    d = service.nieuwe_melding(Persoon(naam=NAAM, gemeente_van_binding="GM0546"),
                               Melding(datum=start, melder_type=MelderType.POLITIE,
                                       vormen=[Uitbuitingsvorm.ARBEID]))
    service.overgang(d.uuid, Fase.INTAKE, start + timedelta(days=1), "intake")
    service.overgang(d.uuid, Fase.AANGEMELD, start + timedelta(days=2), "aangemeld")
    vault.lock()
    return vault_path


def answer(fill: Callable[[Any], None]) -> Callable[[QDialog], bool]:
    """A ``run_dialog`` that really runs the modal dialog: fill it, then press OK."""

    def run(dialog: QDialog) -> bool:
        def act() -> None:
            fill(dialog)
            dialog.ok_button.click()  # type: ignore[attr-defined]

        QTimer.singleShot(0, act)
        return dialog.exec() == QDialog.DialogCode.Accepted

    return run


def idle(qtbot: Any, window: Any) -> None:
    qtbot.waitUntil(lambda: not window.ctx.tasks.is_busy(), timeout=20_000)


def on_next_modal(act: Callable[[Any], None]) -> None:
    """Drive the next modal dialog once it runs its own ``exec`` (a real nested loop;
    it may open only after the worker read what it shows)."""
    timer = QTimer()

    def check() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            timer.stop()
            act(dialog)

    timer.timeout.connect(check)
    timer.start(10)
    _timers.append(timer)


_timers: list[QTimer] = []


def busy_then(qtbot: Any, act: Callable[[Any], None]) -> Callable[[Any], None]:
    """Wait until the dialog has read what it shows, then ``act``."""

    def run(dialog: Any) -> None:
        busy = getattr(dialog, "is_busy", None) or getattr(dialog, "is_loading", lambda: False)
        qtbot.waitUntil(lambda: not busy(), timeout=20_000)
        act(dialog)

    return run


def test_scripted_session_never_touches_the_vault_on_the_gui_thread(
        qtbot: Any, make_window: Any, session_vault: Path, guard: VaultAccessGuard) -> None:
    window = make_window(vault_path=session_vault)
    guard.enabled = True
    unlock(qtbot, window)  # the dashboard computes itself
    idle(qtbot, window)
    page = _list_intake_and_handover(qtbot, window)
    view = _search_and_open(qtbot, page)
    _every_tab(qtbot, window, view)
    _place_and_print(qtbot, window, view.opvang_tab)
    _opvang_and_financien(qtbot, window)
    _rapportages_and_beheer(qtbot, window)
    window.show_page("overzicht")
    idle(qtbot, window)
    window.lock()
    idle(qtbot, window)
    guard.enabled = False

    assert not guard.accesses, (
        f"{len(guard.accesses)} statements ran on the GUI thread:\n{guard.report()}")


def _list_intake_and_handover(qtbot: Any, window: Any) -> Any:
    """The list scrolled beyond the rows that came with the search; a new signal through
    the intake wizard (Ctrl+N), which opens it; the handover dialog for the first row."""
    window.show_page("dossiers")
    page = window.page("dossiers")
    qtbot.waitUntil(lambda: not page.is_searching() and page.model.rowCount() > 200,
                    timeout=20_000)
    page.table.scrollToBottom()
    page.table.viewport().repaint()
    idle(qtbot, window)

    def intake(wizard: Any) -> None:
        _fill(wizard, qtbot, "Ana Țurcanu")
        wizard.next()
        _signal_and_indicators(wizard)
        wizard.next()
        wizard.button(wizard.WizardButton.FinishButton).click()

    on_next_modal(intake)
    window.new_signal()
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.view, timeout=20_000)
    assert page.view.naam_label.text() == "Ana Țurcanu"
    page.show_list()
    page.table.selectRow(0)
    on_next_modal(busy_then(qtbot, lambda dialog: dialog.reject()))
    page.overdragen()
    return page


def _search_and_open(qtbot: Any, page: Any) -> Any:
    qtbot.keyClicks(page.search_edit, "ordog zamfir")
    qtbot.waitUntil(lambda: not page.is_searching() and page.model.rowCount() == 1,
                    timeout=20_000)
    page.table.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    view = page.view
    qtbot.waitUntil(lambda: page.stack.currentWidget() is view and view.dossier is not None,
                    timeout=20_000)
    assert view.naam_label.text() == NAAM
    return view


def _every_tab(qtbot: Any, window: Any, view: Any) -> None:
    """Each tab; the person saved, a decision, a journal line and a task on the way."""
    for index in range(view.tabs.count()):
        view.tabs.setCurrentIndex(index)
        idle(qtbot, window)
    view.tabs.setCurrentWidget(view.persoon_tab)
    view.persoon_tab.save()
    qtbot.waitUntil(lambda: "opgeslagen" in view.message_label.text(), timeout=20_000)
    view.tabs.setCurrentWidget(view.traject_tab)
    on_next_modal(lambda dialog: dialog.ok_button.click())
    view.traject_tab.besluit()
    qtbot.waitUntil(lambda: "Besluit op" in view.traject_tab.timeline.description(),
                    timeout=20_000)
    view.tabs.setCurrentWidget(view.journaal_tab)
    view.journaal_tab.tekst.setText("Telefonisch contact met melder")
    view.journaal_tab.toevoegen()
    qtbot.waitUntil(lambda: view.journaal_tab.model.rowCount() == 1, timeout=20_000)
    view.tabs.setCurrentWidget(view.taken_tab)
    view.taken_tab.omschrijving.setText("Huisvesting regelen")
    view.taken_tab.toevoegen()
    qtbot.waitUntil(lambda: view.taken_tab.model.rowCount() == 1, timeout=20_000)
    view.tabs.setCurrentWidget(view.opvang_tab)
    idle(qtbot, window)


def _place_and_print(qtbot: Any, window: Any, tab: Any) -> None:
    """Place the client (the real modal dialog, answered), then print the letter."""

    def place(d: Any) -> None:
        d.type_combo.setCurrentIndex(d.type_combo.findData("VO"))
        d.locatie_combo.setCurrentIndex(d.locatie_combo.findText(LOCATIE))
        assert d.locatie_combo.currentText() == LOCATIE

    tab.run_dialog = answer(place)
    qtbot.mouseClick(tab.plaats_direct_button, LEFT)
    qtbot.waitUntil(lambda: tab.plaatsing_model.rowCount() == 1, timeout=20_000)
    idle(qtbot, window)
    assert "fase Geplaatst" in tab.melding_label.text()

    tab.plaatsing_view.selectRow(0)
    tab.run_dialog = lambda dialog: True
    qtbot.mouseClick(tab.brief_button, LEFT)
    qtbot.waitUntil(lambda: tab.preview is not None, timeout=20_000)
    tab.preview._on_print()
    idle(qtbot, window)
    tab.preview.reject()


def _opvang_and_financien(qtbot: Any, window: Any) -> None:
    """A new shelter on Opvang; the region dialog and a calculation on Financiën."""
    window.show_page("opvang")
    opvang = window.page("opvang")
    qtbot.waitUntil(lambda: LOCATIE in {r.locatie.naam for r in opvang.locatie_model.rows()},
                    timeout=20_000)

    def new_shelter(dialog: Any) -> None:
        dialog.organisatie_combo.setCurrentIndex(0)
        dialog.naam_edit.setText(NIEUWE_LOCATIE)
        dialog.ok_button.click()

    on_next_modal(new_shelter)
    qtbot.mouseClick(opvang.nieuw_button, LEFT)
    qtbot.waitUntil(lambda: NIEUWE_LOCATIE in {r.locatie.naam for r in opvang.locatie_model.rows()},
                    timeout=20_000)

    window.show_page("financien")
    financien = window.page("financien")
    on_next_modal(busy_then(qtbot, lambda dialog: dialog.save()))
    qtbot.mouseClick(financien.regio_button, LEFT)
    qtbot.mouseClick(financien.bereken_button, LEFT)
    qtbot.waitUntil(lambda: financien.uitkomst is not None, timeout=20_000)
    idle(qtbot, window)


def _rapportages_and_beheer(qtbot: Any, window: Any) -> None:
    """A year report; every Beheer tab, the audit log, and the contact card."""
    window.show_page("rapportages")
    rapportages = window.page("rapportages")
    rapportages.soort.setCurrentIndex(rapportages.soort.findData("annual"))
    qtbot.mouseClick(rapportages.maak_knop, LEFT)
    qtbot.waitUntil(lambda: rapportages.preview is not None, timeout=20_000)
    rapportages.preview.reject()

    window.show_page("beheer")
    beheer = window.page("beheer")
    for index in range(beheer.tabs.count()):
        beheer.tabs.setCurrentIndex(index)
        idle(qtbot, window)
    qtbot.waitUntil(lambda: beheer.audit_tab.audit_model.rowCount() > 0, timeout=20_000)
    on_next_modal(busy_then(qtbot, lambda dialog: dialog.reject()))
    beheer.overdracht.show_card()


def _blocking_read(vault: Any, started: threading.Event, release: threading.Event) -> Any:
    """A worker task that holds the line until the test releases it, then reads."""

    def work() -> int:
        started.set()
        assert release.wait(20)
        return vault.schema_version()

    return work


def test_locking_while_a_task_runs_waits_for_it_and_drops_its_result(
        qtbot: Any, make_window: Any, vault: Any) -> None:
    window = make_window(vault=vault)
    idle(qtbot, window)
    started, release = threading.Event(), threading.Event()
    delivered: list[Any] = []
    finished: list[bool] = []
    window.ctx.tasks.run(_blocking_read(vault, started, release), on_done=delivered.append,
                         on_finally=lambda: finished.append(True))
    qtbot.waitUntil(started.is_set, timeout=10_000)

    window.lock()  # queued behind the running read: it must not close the connection now
    assert window.is_locked() and vault.is_open
    release.set()
    qtbot.waitUntil(lambda: not vault.is_open and bool(finished), timeout=10_000)
    assert delivered == []  # read before the lock: never shown after it


def test_closing_during_a_running_task_backs_up_and_locks_after_it(
        qtbot: Any, ctx: Any, locked_vault: Path) -> None:
    from zorgapp.store.backup import backup_dir, list_backups
    from zorgapp.store.vault import Vault
    from zorgapp.ui.main_window import MainWindow

    vault = Vault.unlock(locked_vault, PASSPHRASE)
    window = MainWindow(ctx, vault=vault)
    qtbot.addWidget(window)
    window.show()
    idle(qtbot, window)
    started, release = threading.Event(), threading.Event()
    ctx.tasks.run(_blocking_read(vault, started, release))
    qtbot.waitUntil(started.is_set, timeout=10_000)

    window.close()  # the close-time backup and lock queue behind the running read
    window.lock()  # a second lock (Ctrl+L, idle timeout) meanwhile does nothing
    assert window.is_locked() and vault.is_open and window.isVisible()
    release.set()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=20_000)
    assert not vault.is_open
    assert len(list_backups(backup_dir(locked_vault))) == 1
