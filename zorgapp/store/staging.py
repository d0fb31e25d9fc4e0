"""Putting a whole vault (database, key file, chain head) in place as one step.

A vault is three files that must fit together, and a rename replaces only one. So a
new or restored vault is first built complete under staged names beside the target
(``NAME.zorg.staged``, ``.staged.key``, ``.staged.head``); then a small journal,
``NAME.zorg.pending``, says what is being put in place; then the renames follow, the
database last for a new vault. Whoever opens the vault next (under the vault's lock)
calls ``recover`` first, which finishes a restore whose journal was written and undoes
everything else. A kill at any instant therefore leaves the old vault or the new one,
never a mixture, and never an empty path where a vault was.

The old vault of a restore is kept by hard links (a copy where links are impossible)
at ``NAME.zorg.voor-terugzetten-TIME``, made before anything at the path changes.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

from zorgapp.fileio import atomic_write, fsync_dir
from zorgapp.store.keyfile import key_path

CREATE = "create"
RESTORE = "restore"
#: Companions of a vault database, in the order they are kept aside.
_KEPT = ("-wal", "", ".key", ".head")


def staged_path(target: Path) -> Path:
    return Path(str(target) + ".staged")


def pending_path(target: Path) -> Path:
    return Path(str(target) + ".pending")


def _head(path: Path) -> Path:
    return Path(str(path) + ".head")


def staged_files(target: Path) -> list[Path]:
    staged = staged_path(target)
    return [staged, key_path(staged), _head(staged)] + [
        Path(str(staged) + s) for s in ("-journal", "-wal", "-shm")]


def discard_staged(target: Path) -> None:
    for path in staged_files(target):
        if path.exists():  # (on a read-only disk even removing nothing fails)
            path.unlink(missing_ok=True)


def begin(target: Path, op: str, **info: Any) -> None:
    """Write the journal; for a restore this is the moment it becomes certain."""
    atomic_write(pending_path(target), json.dumps({"op": op, **info}).encode())


def finish(target: Path) -> None:
    pending_path(target).unlink(missing_ok=True)
    fsync_dir(target.parent)


def recover(target: Path) -> None:
    """Finish or undo an interrupted create or restore at ``target``.

    Call only while holding the vault's lock: a live create or restore elsewhere
    would otherwise lose its staged files.
    """
    target = Path(target)
    marker = pending_path(target)
    try:
        doc = json.loads(marker.read_text(encoding="utf-8"))
        op = doc.get("op") if isinstance(doc, dict) else None
    except FileNotFoundError:
        op, doc = None, {}
    except ValueError:  # a journal torn by a crash was never complete: not committed
        op, doc = None, {}
    if op == RESTORE:
        roll_forward(target, doc)
        return
    if op == CREATE and staged_path(target).exists() and not target.exists():
        # Killed before the database was renamed in: the key file and head that may
        # already have been renamed are this create's own (it refused any existing one).
        key_path(target).unlink(missing_ok=True)
        _head(target).unlink(missing_ok=True)
    discard_staged(target)
    if marker.exists():
        finish(target)


def roll_forward(target: Path, doc: dict[str, Any]) -> None:
    """Put a checked, staged restore in place; every step may be repeated."""
    staged = staged_path(target)
    aside = doc.get("aside")
    if staged.exists():
        if aside and target.exists():
            for suffix in _KEPT:
                source, kept = Path(str(target) + suffix), Path(str(aside) + suffix)
                if source.exists() and not kept.exists():
                    link_or_copy(source, kept)
        for suffix in ("-wal", "-shm"):  # the old vault's log must not replay into the new
            Path(str(target) + suffix).unlink(missing_ok=True)
        os.replace(staged, target)
    if key_path(staged).exists():
        os.replace(key_path(staged), key_path(target))
    elif not doc.get("key"):  # the backup had no key file: 'vault recover' sets one
        key_path(target).unlink(missing_ok=True)
    if _head(staged).exists():
        os.replace(_head(staged), _head(target))
    discard_staged(target)
    fsync_dir(target.parent)
    finish(target)


def link_or_copy(source: Path, dest: Path) -> None:
    """A second name for ``source`` (no extra space); a private copy where the file
    system has no hard links."""
    try:
        os.link(source, dest)
    except OSError:
        tmp = Path(str(dest) + ".copying")
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
            shutil.copyfileobj(src, out, 1024 * 1024)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, dest)


def commit_new(target: Path) -> None:
    """Rename a staged new vault into place: key file and head first, the database
    last (until then ``recover`` removes them again)."""
    staged = staged_path(target)
    for source, dest in ((key_path(staged), key_path(target)), (_head(staged), _head(target)),
                         (staged, target)):
        os.replace(source, dest)
    fsync_dir(target.parent)
    finish(target)
