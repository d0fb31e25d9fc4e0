"""Backups: SQLite's backup API into a private temporary file, then an atomic rename.

A backup is ``FOLDER/NAME-YYYYMMDDTHHMMSSZ.zorg`` with its own ``.key`` (copy of the
key file) and ``.head`` (chain head), so a backup alone can be restored with the
passphrase or the recovery key. Rotation keeps the newest ten plus the newest of
every month.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from zorgapp.errors import N_, DamagedVaultError, KnownError
from zorgapp.fileio import atomic_write, fsync_dir, temp_path_beside
from zorgapp.store import audit as audit_mod
from zorgapp.store import keyfile
from zorgapp.store.audit import head_path
from zorgapp.store.connection import DatabaseError, connect
from zorgapp.store.vault import SUFFIX, Vault

KEEP_LAST = 10
_STAMP = re.compile(r"-(\d{8}T\d{6}Z)(?:-\d+)?$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made_at: datetime


def backup_dir(vault_path: Path) -> Path:
    """``cases.zorg`` -> ``cases.zorg.backups/``."""
    return Path(str(vault_path) + ".backups")


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
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    n = 1
    while target.exists():
        target = target.with_name(f"{stem}-{_stamp(now)}-{n}{SUFFIX}")
        n += 1
    with vault.transaction():
        vault.audit.record(audit_mod.BACKUP, record_type="vault", record_uuid=vault.vault_id,
                           fields=[reason])
    _copy_database(vault, target)
    key_file = keyfile.key_path(vault.path)
    if key_file.exists():
        atomic_write(keyfile.key_path(target), key_file.read_bytes())
    vault.audit.write_head(head_path(target))
    vault.audit.write_head()
    if dest is None:
        rotate(backup_dir(vault.path), stem)
    return target


def _copy_database(vault: Vault, target: Path) -> None:
    tmp = temp_path_beside(target, suffix=".partial")
    try:
        out = connect(tmp, vault.key, pragmas=False)
        try:
            with vault.read() as db:
                db.backup(out)
            out.execute("PRAGMA journal_mode = DELETE")
        finally:
            out.close()
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        fsync_dir(target.parent)
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(str(tmp) + suffix).unlink(missing_ok=True)


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
    """Keep the newest ``keep_last`` plus the newest of every month; remove the rest."""
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
    return removed


def restore(backup: Path, target: Path, *, passphrase: str | None = None,
            recovery_key: str | None = None) -> Path | None:
    """Put a backup in place at ``target``; a vault already there is kept aside.

    The backup is unlocked and fully checked first, so a damaged backup never
    replaces anything. Returns where the previous vault was moved, if any.
    """
    backup, target = Path(backup), Path(target)
    if recovery_key is not None:
        source = Vault.unlock_with_recovery_key(backup, recovery_key)
    elif passphrase is not None:
        source = Vault.unlock(backup, passphrase)
    else:
        raise KnownError(N_("Geef de wachtwoordzin of de herstelsleutel van de reservekopie."))
    try:
        if source.check():
            raise DamagedVaultError(N_("De reservekopie is beschadigd en wordt niet teruggezet."))
        with source.transaction():
            source.audit.record(audit_mod.RESTORE, record_type="vault", record_uuid=source.vault_id)
        target.parent.mkdir(parents=True, exist_ok=True)
        aside = None
        if target.exists():
            aside = Path(f"{target}.voor-terugzetten-{_stamp(datetime.now(UTC))}")
            for suffix in ("", ".key", ".head", "-wal", "-shm"):
                old = Path(str(target) + suffix)
                if old.exists():
                    os.replace(old, Path(str(aside) + suffix))
        _copy_database(source, target)
        key_file = keyfile.key_path(backup)
        if key_file.exists():  # else: set a passphrase with 'vault recover'
            atomic_write(keyfile.key_path(target), key_file.read_bytes())
        source.audit.write_head(head_path(target))
        return aside
    except DatabaseError:
        raise DamagedVaultError(N_("De reservekopie is beschadigd en wordt niet teruggezet.")) from None
    finally:
        source.lock()

