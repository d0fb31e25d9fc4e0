"""Issue 11, item 11: a disk that fills up *during* a command, and read-only targets.

On a real small tmpfs (skipped where mounting is not allowed), each of create, import,
backup, export, report and passwd runs with only a little room left, so that it fails
somewhere in the middle of its writing. Whatever the moment, the installed command
says "De schijf is vol" (exit 3) or succeeds, never prints a traceback, and a vault on
that disk still checks afterwards, with the passphrase the output says is in force (a
``passwd`` whose key file was written before the disk filled says the new one holds). The
default run tries two amounts of room per command; ``-m slow`` sweeps many.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import FAST_KDF, PASSPHRASE
from tests.reliability.helpers import (
    fill_disk,
    make_read_only,
    make_writable,
    run_cli,
    small_disk,
)
from zorgapp.errors import EXIT_ENVIRONMENT, EXIT_USAGE
from zorgapp.services.demo import make_demo_vault
from zorgapp.store import keyfile
from zorgapp.store.vault import Vault

FULL = "De schijf is vol"
VAULT_FILES = ("demo.zorg", "demo.zorg.key", "demo.zorg.head")


@dataclass(frozen=True)
class Source:
    """A demo vault (cheap key derivation) and a bundle of one of its cases."""

    folder: Path
    vault: Path
    case: str
    bundle: Path
    bundle_secret: Path
    new_secret: Path


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Source:
    folder = tmp_path_factory.mktemp("bron")
    saved, keyfile.DEFAULT_KDF = keyfile.DEFAULT_KDF, FAST_KDF
    try:
        make_demo_vault(folder / "demo.zorg", 25, PASSPHRASE)
    finally:
        keyfile.DEFAULT_KDF = saved
    vault = Vault.unlock(folder / "demo.zorg", PASSPHRASE)
    with vault.read() as db:
        case = str(db.execute("SELECT dossiernummer FROM dossier ORDER BY 1").fetchone()[0])
    vault.lock()
    secret = folder / "bundel.txt"
    secret.write_text("bundelwachtwoord123\n", encoding="utf-8")
    new = folder / "nieuw.txt"
    new.write_text("een heel nieuwe wachtwoordzin\n", encoding="utf-8")
    bundle = folder / "b.zorgbundle"
    made = run_cli(folder / "data", "bundle", "export", str(folder / "demo.zorg"), "--case", case,
                   "--out", str(bundle), "--passphrase-file", str(secret))
    assert made.returncode == 0, made.stderr
    return Source(folder, folder / "demo.zorg", case, bundle, secret, new)


def _copy_vault(src: Source, disk: Path) -> Path:
    for name in VAULT_FILES:
        shutil.copy2(src.folder / name, disk / name)
    return disk / "demo.zorg"


#: command -> (vault on the small disk?, the arguments given the source and the disk)
COMMANDS: dict[str, tuple[bool, Callable[[Source, Path], list[str]]]] = {
    "create": (False, lambda s, d: ["vault", "create", str(d / "nieuw.zorg")]),
    "import": (True, lambda s, d: ["bundle", "import", str(d / "demo.zorg"), str(s.bundle),
                                   "--passphrase-file", str(s.bundle_secret),
                                   "--on-conflict", "both", "--allow-unknown-sender"]),
    "backup": (False, lambda s, d: ["vault", "backup", str(s.vault), str(d / "reserve")]),
    "export": (False, lambda s, d: ["bundle", "export", str(s.vault), "--case", s.case,
                                    "--out", str(d / "x.zorgbundle"),
                                    "--passphrase-file", str(s.bundle_secret)]),
    "report": (False, lambda s, d: ["report", "annual", str(s.vault), "--year", "2025",
                                    "--out", str(d / "jaarbeeld.pdf")]),
    "passwd": (True, lambda s, d: ["vault", "passwd", str(d / "demo.zorg"),
                                   "--new-passphrase-file", str(s.new_secret)]),
}


def _run_with_room(src: Source, tmp_path: Path, command: str, room_kib: int) -> int:
    on_disk, argv = COMMANDS[command]
    with small_disk(tmp_path / f"disk-{room_kib}", size="6m") as disk:
        if on_disk:
            _copy_vault(src, disk)
        filler = fill_disk(disk, leave=room_kib * 1024)
        result = run_cli(tmp_path / "data", *argv(src, disk))
        assert "Traceback" not in result.stderr, result.stderr
        assert result.returncode in (0, EXIT_ENVIRONMENT), result.stderr
        if result.returncode == EXIT_ENVIRONMENT:
            assert FULL in result.stderr
            assert "beschadigd" not in result.stderr.replace("niets beschadigd", "")
        filler.unlink()
        if on_disk:  # the vault on the full disk still opens and checks, either passphrase
            # the passphrase the output says is in force must be the one that opens it
            changed = command == "passwd" and (
                result.returncode == 0 or "De wachtwoordzin is gewijzigd" in result.stderr)
            phrase = src.new_secret.read_text().strip() if changed else PASSPHRASE
            check = run_cli(tmp_path / "data", "vault", "check", str(disk / "demo.zorg"),
                            ZORGAPP_PASSPHRASE=phrase)
            assert check.returncode == 0, check.stderr
        return result.returncode


@pytest.mark.parametrize("command", list(COMMANDS))
def test_disk_full_during_a_command_is_told_not_a_traceback(source: Source, tmp_path: Path,
                                                            command: str) -> None:
    rooms = (0, 56) if command == "passwd" else (0, 40)  # 56 KiB: the key file fits, the rest not
    codes = [_run_with_room(source, tmp_path, command, room) for room in rooms]
    assert EXIT_ENVIRONMENT in codes  # the full disk was really met


@pytest.mark.slow
@pytest.mark.parametrize("command", list(COMMANDS))
def test_disk_full_at_any_moment_of_a_command(source: Source, tmp_path: Path, command: str) -> None:
    codes = [_run_with_room(source, tmp_path, command, room)
             for room in (0, 8, 24, 40, 48, 52, 56, 60, 64, 72, 96, 128, 192, 256, 400, 700,
                          1000, 1100, 1500)]
    assert EXIT_ENVIRONMENT in codes


# -- read-only targets --------------------------------------------------------------------


def test_read_only_targets_are_told(source: Source, tmp_path: Path) -> None:
    with small_disk(tmp_path / "ro") as disk:
        vault = _copy_vault(source, disk)
        make_read_only(disk)
        try:
            runs = {
                "report": ["report", "annual", str(source.vault), "--year", "2025",
                           "--out", str(disk / "j.pdf")],
                "backup": ["vault", "backup", str(source.vault), str(disk / "reserve")],
                "export": ["bundle", "export", str(source.vault), "--case", source.case,
                           "--out", str(disk / "x.zorgbundle"),
                           "--passphrase-file", str(source.bundle_secret)],
                "create": ["vault", "create", str(disk / "nieuw.zorg")],
                "passwd": ["vault", "passwd", str(vault),
                           "--new-passphrase-file", str(source.new_secret)],
            }
            for name, argv in runs.items():
                result = run_cli(tmp_path / "data", *argv)
                assert "Traceback" not in result.stderr, (name, result.stderr)
                assert result.returncode == EXIT_ENVIRONMENT, (name, result.stderr)
                assert "alleen-lezen" in result.stderr, (name, result.stderr)
            wrong = run_cli(tmp_path / "data", "vault", "check", str(vault),
                            ZORGAPP_PASSPHRASE="dit is niet de goede zin")
            assert wrong.returncode == EXIT_USAGE, wrong.stderr  # the passphrase, not the disk
            assert "wachtwoordzin klopt niet" in wrong.stderr and "Traceback" not in wrong.stderr
        finally:
            make_writable(disk)
