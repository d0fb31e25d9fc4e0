"""The one atomic private write, and the OS locks that tell leftovers from files in use."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from zorgapp import fileio
from zorgapp.errors import DiskFullError, ReadOnlyError, UsageError
from zorgapp.fileio import (
    FileLock,
    TempFolder,
    atomic_write,
    atomic_writer,
    held_temp_path_beside,
    remove_stale_temp_files,
    remove_stale_temp_folders,
)


def test_missing_folder_is_refused_not_created(tmp_path: Path) -> None:
    target = tmp_path / "bestaat-niet" / "dieper" / "x.pdf"
    with pytest.raises(UsageError) as info:
        atomic_write(target, b"%PDF")
    assert "bestaat niet" in info.value.user_message()
    assert not (tmp_path / "bestaat-niet").exists()


def test_a_folder_as_target_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as info:
        atomic_write(tmp_path, b"%PDF")
    assert "is een map" in info.value.user_message()


@pytest.mark.parametrize(("number", "cls"), [(errno.ENOSPC, DiskFullError), (errno.EROFS, ReadOnlyError)])
def test_disk_errors_get_their_message_and_leave_no_temporary_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, number: int, cls: type) -> None:
    def failing_fsync(fd: int) -> None:
        raise OSError(number, os.strerror(number))

    monkeypatch.setattr(os, "fsync", failing_fsync)  # fileio's os is this os
    with pytest.raises(cls):
        atomic_write(tmp_path / "x.key", b"data")
    assert list(tmp_path.iterdir()) == []


def test_file_lock_is_exclusive_and_removed_on_release(tmp_path: Path) -> None:
    first = FileLock.try_acquire(tmp_path / "k.zorg.lock")
    assert first is not None
    assert FileLock.try_acquire(tmp_path / "k.zorg.lock") is None  # even in this process
    first.release()
    assert not (tmp_path / "k.zorg.lock").exists()
    again = FileLock.try_acquire(tmp_path / "k.zorg.lock")
    assert again is not None
    again.release()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_file_lock_dies_with_its_process(tmp_path: Path) -> None:
    lock = tmp_path / "k.zorg.lock"
    code = ("import sys, time; from zorgapp.fileio import FileLock; "
            f"h = FileLock.try_acquire({str(lock)!r}); print('held', flush=True); time.sleep(600)")
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        assert FileLock.try_acquire(lock) is None
    finally:
        holder.kill()
        holder.wait()
    taken = FileLock.try_acquire(lock)  # the lock file is still there, the lock is not
    assert taken is not None
    taken.release()


def test_stale_partials_go_held_ones_stay(tmp_path: Path) -> None:
    stale = tmp_path / ".tmp-abc123.partial"
    stale.write_bytes(b"encrypted pages")
    Path(str(stale) + "-journal").write_bytes(b"j")
    live, fd = held_temp_path_beside(tmp_path / "kluis.zorg", ".partial")
    try:
        removed = remove_stale_temp_files(tmp_path, ".partial")
        assert removed == [stale]
        assert not stale.exists() and not Path(str(stale) + "-journal").exists()
        assert live.exists()
    finally:
        os.close(fd)
    assert remove_stale_temp_files(tmp_path, ".partial") == [live]


@pytest.fixture
def temp_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "tmp"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return root


def _age(path: Path, seconds: float) -> None:
    past = time.time() - seconds
    os.utime(path, (past, past))


def test_demo_folders_of_killed_runs_are_removed_only_ours_only_unused(temp_root: Path) -> None:
    killed = temp_root / "zorgapp-demo-killed"
    killed.mkdir()
    (killed / TempFolder.LOCK_NAME).touch()  # its lock died with the process
    (killed / "demo.zorg").write_bytes(b"x")
    old_without_lock = temp_root / "zorgapp-demo-oud"
    old_without_lock.mkdir()
    _age(old_without_lock, 3600)
    just_made = temp_root / "zorgapp-demo-net"  # no lock yet: made an instant ago
    just_made.mkdir()
    not_ours = temp_root / "zorgapp-other-app"
    not_ours.mkdir()
    _age(not_ours, 3600)
    live = TempFolder.make("zorgapp-demo-")  # cleans first, then makes its own
    try:
        assert not killed.exists() and not old_without_lock.exists()
        assert just_made.exists() and not_ours.exists() and live.path.exists()
        # A second run leaves the live one alone.
        second = TempFolder.make("zorgapp-demo-")
        assert live.path.exists()
        second.remove()
    finally:
        live.remove()
    assert not live.path.exists()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to chown")
def test_another_users_demo_folder_is_left_alone(temp_root: Path) -> None:
    theirs = temp_root / "zorgapp-demo-theirs"
    theirs.mkdir()
    (theirs / TempFolder.LOCK_NAME).touch()
    os.chown(theirs, 54321, 54321)
    assert remove_stale_temp_folders("zorgapp-demo-") == []
    assert theirs.exists()


@pytest.mark.skipif(sys.platform == "win32", reason="Windows tells leftovers by age")
def test_atomic_write_temp_is_held_until_renamed_and_a_stale_one_goes(tmp_path: Path) -> None:
    """A key file or head write killed halfway leaves a ``.tmp-*.partial`` that the next
    unlock removes; one being written at that moment stays."""
    stale = tmp_path / ".tmp-killed.partial"
    stale.write_bytes(b"half a head")
    target = tmp_path / "kluis.zorg.head"
    with atomic_writer(target) as fh:
        fh.write(b"{}")
        (live,) = [p for p in tmp_path.glob(".tmp-*.partial") if p != stale]
        assert remove_stale_temp_files(tmp_path, ".partial") == [stale]
        assert live.exists()
    assert target.read_bytes() == b"{}"
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


@pytest.mark.skipif(sys.platform == "win32", reason="no lock on Windows temp files")
def test_a_temp_file_removed_before_it_was_locked_is_replaced(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A cleaner took the new file for a leftover in the instant before it was locked."""
    real_lock = fileio._lock_fd
    calls: list[int] = []

    def cleaner_first(fd: int, wait: bool = True) -> bool:
        if not calls:
            for path in tmp_path.glob(".tmp-*"):
                path.unlink()
        calls.append(fd)
        return real_lock(fd, wait)

    monkeypatch.setattr(fileio, "_lock_fd", cleaner_first)
    path, fd = held_temp_path_beside(tmp_path / "kluis.zorg", ".partial")
    try:
        assert path.exists() and len(calls) == 2
    finally:
        os.close(fd)
