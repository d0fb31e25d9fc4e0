"""Backups: SQLite's backup API into a private temporary file, then an atomic rename.

A backup is ``FOLDER/NAME-YYYYMMDDTHHMMSSZ.zorg`` with its own ``.key`` (copy of the
key file) and ``.head`` (chain head), so a backup alone can be restored with the
passphrase or the recovery key. Rotation keeps the newest ten plus the newest of
every month. The temporary ``.tmp-*.partial`` file is locked while it is written; one
left by a killed backup is removed at the next backup into that folder (and at the
next unlock, for the vault's own backup folder).

A restore never moves the vault away first: the backup is copied beside the target,
checked there, and put in place by ``staging`` in one crash-safe step.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from zorgapp.errors import N_, DamagedVaultError, KnownError, WrongPassphraseError
from zorgapp.fileio import (
    atomic_write,
    fsync_dir,
    held_temp_path_beside,
    remove_stale_temp_files,
)
from zorgapp.store import audit as audit_mod
from zorgapp.store import keyfile, staging
from zorgapp.store.audit import AuditTrail, head_path
from zorgapp.store.claim import claimed, translated
from zorgapp.store.connection import (
    Connection,
    DatabaseError,
    check_file,
    connect,
    integrity_problems,
)
from zorgapp.store.migrations import latest_version
from zorgapp.store.vault import SUFFIX, Vault, backups_path, remember_failed_unlock

KEEP_LAST = 10
_STAMP = re.compile(r"-(\d{8}T\d{6}Z)(?:-\d+)?$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made_at: datetime


def backup_dir(vault_path: Path) -> Path:
    """``cases.zorg`` -> ``cases.zorg.backups/``."""
    return backups_path(vault_path)


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%SZ")


def make_backup(vault: Vault, dest: Path | None = None, reason: str = "manual") -> Path:
    """Copy the open vault, page by page, to ``dest`` (a folder or a ``.zorg`` file)."""
    now = datetime.now(UTC)
    stem = vault.path.name.removesuffix(SUFFIX)
    if dest is None:
        folder = backup_dir(vault.path)
        target = folder / f"{stem}-{_stamp(now)}{SUFFIX}"
    elif Path(dest).suffix == SUFFIX:
        target = Path(dest)
    else:
        target = Path(dest) / f"{stem}-{_stamp(now)}{SUFFIX}"
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise translated(target, exc) from None
    remove_stale_temp_files(target.parent, ".partial")
    n = 1
    while target.exists():
        target = target.with_name(f"{stem}-{_stamp(now)}-{n}{SUFFIX}")
        n += 1
    with vault.transaction():
        vault.audit.record(audit_mod.BACKUP, record_type="vault", record_uuid=vault.vault_id,
                           fields=[reason])
    key_file = keyfile.key_path(vault.path)

    def companions() -> None:  # the copy is complete; its name comes last
        if key_file.exists():
            atomic_write(keyfile.key_path(target), key_file.read_bytes())
        vault.audit.write_head(head_path(target))

    with vault.read() as db:
        copy_into(db, vault.key, target, before_rename=companions)
    vault.audit.write_head()
    if dest is None:
        rotate(backup_dir(vault.path), stem)
    return target


def copy_into(db: Connection, key: bytes | bytearray, target: Path,
              before_rename: Callable[[], None] | None = None) -> None:
    """A consistent copy of ``db`` at ``target`` (one file, no WAL), via a locked
    temporary file; a full disk or read-only folder gets its own message.

    ``before_rename`` writes what belongs beside the copy (a backup's key file and
    head): a backup is only found under its name once it is whole, so a kill never
    leaves one that a restore would refuse."""
    tmp, hold = held_temp_path_beside(target, ".partial")
    try:
        out = connect(tmp, key, pragmas=False)
        try:
            db.backup(out)
            out.execute("PRAGMA journal_mode = DELETE")
        finally:
            out.close()
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        if before_rename is not None:
            before_rename()
        os.replace(tmp, target)
        fsync_dir(target.parent)
    except (DatabaseError, OSError) as exc:
        known = translated(target, exc)
        if known is exc:
            raise
        raise known from None
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(OSError):
                Path(str(tmp) + suffix).unlink()
        os.close(hold)


def list_backups(folder: Path, stem: str | None = None) -> list[BackupInfo]:
    """Backups in ``folder``, newest first."""
    found = []
    for path in Path(folder).glob(f"*{SUFFIX}"):
        name = path.name.removesuffix(SUFFIX)
        if stem and not name.startswith(stem + "-"):
            continue
        match = _STAMP.search(name)
        if match:
            made = datetime.strptime(match.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        else:
            made = datetime.fromtimestamp(path.stat().st_mtime, UTC)
        found.append(BackupInfo(path, made))
    found.sort(key=lambda b: (b.made_at, b.path.name), reverse=True)
    return found


def rotate(folder: Path, stem: str, keep_last: int = KEEP_LAST) -> list[Path]:
    """Keep the newest ``keep_last`` plus the newest of every month; remove the rest,
    and key files and heads whose backup never appeared (only this process writes in a
    vault's own backup folder: it holds the vault)."""
    backups = list_backups(folder, stem)
    keep = {b.path for b in backups[:keep_last]}
    seen_months: set[str] = set()
    for b in backups:
        month = b.made_at.strftime("%Y-%m")
        if month not in seen_months:
            seen_months.add(month)
            keep.add(b.path)
    removed = []
    for b in backups:
        if b.path not in keep:
            for extra in (b.path, keyfile.key_path(b.path), head_path(b.path)):
                extra.unlink(missing_ok=True)
            removed.append(b.path)
    for companion in [*folder.glob(f"{stem}-*{SUFFIX}.key"), *folder.glob(f"{stem}-*{SUFFIX}.head")]:
        if not Path(str(companion).rsplit(".", 1)[0]).exists():  # a backup killed before
            companion.unlink(missing_ok=True)                     # its copy was renamed in
    return removed


def restore(backup: Path, target: Path, *, passphrase: str | None = None,
            recovery_key: str | None = None) -> Path | None:
    """Put a backup in place at ``target``; a vault already there is kept aside.

    The backup is copied beside the target and fully checked there first, so a damaged
    backup never replaces anything, and the path holds a working vault (the old one or
    the restored one) at every instant. Refused while the vault is open elsewhere.
    Returns where the previous vault was kept, if there was one.
    """
    backup, target = Path(backup), Path(target)
    if recovery_key is None and passphrase is None:
        raise KnownError(N_("Geef de wachtwoordzin of de herstelsleutel van de reservekopie."))
    check_file(backup)
    key, key_file = _backup_key(backup, passphrase, recovery_key)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise translated(target, exc) from None
    with claimed(target) as hold:
        try:
            _stage(backup, target, key, key_file, unknown_key=recovery_key is not None)
            aside = _aside_name(target) if target.exists() else None
            staging.begin(target, staging.RESTORE, aside=str(aside) if aside else None,
                          key=key_file is not None)
        except BaseException:
            if not staging.pending_path(target).exists():  # else it rolls forward later
                staging.discard_staged(target)
            raise
        staging.recover(target)  # the journal is written: from here on, roll forward
    hold.release()
    return aside


def _backup_key(backup: Path, passphrase: str | None,
                recovery_key: str | None) -> tuple[bytes, bytes | None]:
    """The vault key of the backup, and its key file when it fits that key."""
    try:
        kf: keyfile.KeyFile | None = keyfile.read_key_file(backup)
    except DamagedVaultError:
        if recovery_key is None:
            raise
        kf = None
    if recovery_key is not None:
        key = keyfile.parse_recovery_key(recovery_key)
        if kf is not None and kf.key_check != keyfile.key_check(key):
            if not keyfile.belongs_elsewhere(backup, kf):
                raise WrongPassphraseError(N_("Deze herstelsleutel hoort niet bij deze kluis."))
            kf = None
    else:
        assert kf is not None and passphrase is not None
        try:
            key = kf.unwrap(passphrase)
        except WrongPassphraseError:
            remember_failed_unlock(backup)
            raise
    return key, (kf.to_bytes() if kf is not None else None)


def _stage(backup: Path, target: Path, key: bytes, key_file: bytes | None,
           *, unknown_key: bool) -> None:
    """The backup, checked and with the restore recorded, under the staged names."""
    staged = staging.staged_path(target)
    staging.discard_staged(target)
    try:
        source = connect(backup, key, pragmas=False)
    except DamagedVaultError:
        if unknown_key:
            raise WrongPassphraseError(
                N_("Deze herstelsleutel opent de kluis niet: de sleutel is onjuist of de kluis is beschadigd.")
            ) from None
        raise _refused() from None
    try:
        copy_into(source, key, staged)
    finally:
        source.close()
    conn = connect(staged, key, pragmas=False)
    try:
        vault_id = _check_copy(conn, staged, backup, key)
        trail = AuditTrail(conn, staged, key, vault_id)
        conn.execute("BEGIN IMMEDIATE")
        trail.record(audit_mod.RESTORE, record_type="vault", record_uuid=vault_id)
        conn.execute("COMMIT")
        trail.write_head()
    except DatabaseError as exc:
        known = translated(staged, exc)
        raise (_refused() if known is exc or isinstance(known, DamagedVaultError) else known) from None
    finally:
        conn.close()
    if key_file is not None:
        atomic_write(keyfile.key_path(staged), key_file)
    with open(staged, "rb") as fh:
        os.fsync(fh.fileno())


def _check_copy(conn: Connection, staged: Path, backup: Path, key: bytes) -> str:
    """Pages, structure, schema version and the audit chain (against the backup's own
    head); returns the vault id."""
    if integrity_problems(conn, staged, level="full"):
        raise _refused()
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version == 0:
        raise _refused()
    if version > latest_version():
        raise KnownError(N_("Deze kluis is gemaakt met een nieuwere versie van Zorgapp. Werk Zorgapp bij."))
    row = conn.execute("SELECT value FROM meta WHERE key = 'vault_id'").fetchone()
    vault_id = str(row[0]) if row else ""
    if AuditTrail(conn, backup, key, vault_id).verify():
        raise _refused()
    return vault_id


def _refused() -> DamagedVaultError:
    return DamagedVaultError(N_("De reservekopie is beschadigd en wordt niet teruggezet."))


def _aside_name(target: Path) -> Path:
    stamp = _stamp(datetime.now(UTC))
    aside, n = Path(f"{target}.voor-terugzetten-{stamp}"), 1
    while aside.exists():
        aside, n = Path(f"{target}.voor-terugzetten-{stamp}-{n}"), n + 1
    return aside
