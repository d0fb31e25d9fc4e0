"""AutoLock on its own: the idle spell by an injected clock, input, suspend, the real timer."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from tests.gui.conftest import FakeClock
from zorgapp.ui.autolock import AutoLock


@pytest.fixture
def autolock(qapp: Any, fake_clock: FakeClock) -> Iterator[AutoLock]:
    lock = AutoLock(5, clock=fake_clock)
    yield lock
    lock.detach()


@pytest.fixture
def locks(autolock: AutoLock) -> list[bool]:
    """One entry per ``lock_requested``."""
    fired: list[bool] = []
    autolock.lock_requested.connect(lambda: fired.append(True))
    return fired


def test_locks_only_when_the_whole_spell_was_quiet(autolock, locks, fake_clock) -> None:
    autolock.start()
    fake_clock.advance(5 * 60 - 1)
    autolock.check()
    assert locks == []
    fake_clock.advance(1)
    autolock.check()
    assert locks == [True]


def test_typing_anywhere_starts_the_spell_again(qtbot, autolock, locks, fake_clock) -> None:
    edit = QLineEdit()
    qtbot.addWidget(edit)
    autolock.start()
    fake_clock.advance(4 * 60)
    qtbot.keyClicks(edit, "x")
    fake_clock.advance(4 * 60)
    autolock.check()
    assert locks == []
    assert autolock.idle_ms() == 4 * 60 * 1000
    fake_clock.advance(60)
    autolock.check()
    assert locks == [True]


def test_stopped_never_locks_and_a_new_start_gives_a_whole_spell(autolock, locks,
                                                                 fake_clock) -> None:
    autolock.start()
    autolock.stop()
    fake_clock.advance(60 * 60)
    autolock.check()
    assert locks == [] and not autolock.is_active()
    autolock.start()
    fake_clock.advance(5 * 60 - 1)
    autolock.check()
    assert locks == []


def test_minutes_are_kept_between_one_and_120(autolock) -> None:
    autolock.set_minutes(0)
    assert autolock.interval_ms() == 60_000
    autolock.set_minutes(500)
    assert autolock.interval_ms() == 120 * 60_000


def test_suspend_locks_at_once_but_losing_focus_does_not(qapp, autolock, locks) -> None:
    autolock.start()
    qapp.applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)
    assert locks == []
    qapp.applicationStateChanged.emit(Qt.ApplicationState.ApplicationSuspended)
    assert locks == [True]


def test_detached_ignores_the_application(qapp, autolock, locks) -> None:
    autolock.start()
    autolock.detach()
    qapp.applicationStateChanged.emit(Qt.ApplicationState.ApplicationSuspended)
    assert locks == [] and not autolock.is_active()


def test_the_timer_sleeps_on_until_the_clock_says_the_spell_is_over(qtbot, autolock, locks,
                                                                    fake_clock) -> None:
    """The real timer calls check(); early wake-ups (coarse timers, activity) re-arm it."""
    autolock.set_interval_ms(20)
    autolock.start()
    woke: list[bool] = []
    autolock._timer.timeout.connect(lambda: woke.append(True))
    qtbot.waitUntil(lambda: len(woke) >= 2, timeout=5_000)  # the clock stood still
    assert locks == []
    fake_clock.advance(1)
    with qtbot.waitSignal(autolock.lock_requested, timeout=5_000):
        pass
    assert locks == [True]


def test_with_the_real_clock_a_quiet_spell_locks(qtbot, qapp) -> None:
    lock = AutoLock(5)
    try:
        lock.set_interval_ms(30)
        with qtbot.waitSignal(lock.lock_requested, timeout=5_000):
            lock.start()
    finally:
        lock.detach()
