"""A vault: one SQLCipher file (``NAME.zorg``) plus its key file and chain head.

Lifecycle: ``create`` (new key, recovery key shown once), ``unlock`` (passphrase ->
key file -> raw key), ``unlock_with_recovery_key``, ``lock`` (record, write the chain
head, drop key and connection). A wrong passphrase never touches the vault or key file;
the failed attempt goes to ``NAME.zorg.failed`` and into the trail at the next unlock.

One process at a time: opening (and creating, and restoring) takes an OS lock on
``NAME.zorg.lock``, which the OS drops if the process dies; a second opener gets
"Deze kluis is al geopend". A new vault is built under staged names and renamed into
place last (``staging``), so a failed or killed create leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from zorgapp.errors import (
    N_,
    DamagedVaultError,
    EnvironmentStoppedError,
    KnownError,
    WrongPassphraseError,
    environment_error,
)
from zorgapp.fileio import FileLock, remove_stale_temp_files
from zorgapp.store import audit as audit_mod
from zorgapp.store import failed_unlocks, keyfile, staging, upgrade
from zorgapp.store.audit import AuditTrail
from zorgapp.store.claim import claimed, translated
from zorgapp.store.connection import (
    Connection,
    DatabaseError,
    check_file,
    chmod_private,
    connect,
    create_private_file,
    damaged,
    integrity_problems,
    known_or_none,
    problem_for,
)
from zorgapp.store.migrations import latest_version, migrations
from zorgapp.store.page_check import Outcome, PageCheck
from zorgapp.store.page_hmac import pages_whole

SUFFIX = ".zorg"
log = logging.getLogger(__name__)


def failed_path(vault_path: Path) -> Path:
    return Path(str(vault_path) + ".failed")


def backups_path(vault_path: Path) -> Path:
    """``cases.zorg`` -> ``cases.zorg.backups/`` (the default backup folder)."""
    return Path(str(vault_path) + ".backups")


class Vault:
    """An unlocked vault. All database access goes through ``transaction``/``read``."""

    def __init__(self, path: Path, conn: Connection, key: bytes, vault_id: str,
                 hold: FileLock | None = None) -> None:
        self.path = path
        self._conn: Connection | None = conn
        # Our own mutable copy, overwritten with zeros at lock (``_drop``). Copies we
        # cannot wipe remain: the bytes the key came in, the hex text of the PRAGMA,
        # SQLCipher's own (which it wipes at close); see docs/admin.md.
        self._key: bytearray | None = bytearray(key)
        self.vault_id = vault_id
        self._lock = threading.RLock()
        self._hold = hold
        self.audit = AuditTrail(conn, path, bytes(key), vault_id)
        self.pages_checked = True  # False after ``unlock(check_pages=False)``, see page_check
        self._page_check: PageCheck | None = None

    # -- creation and unlocking ----------------------------------------------------

    @classmethod
    def create(cls, path: Path, passphrase: str, params: keyfile.KdfParams | None = None,
               fill: Callable[[Vault], object] | None = None) -> tuple[Vault, str]:
        """A new vault and the recovery key to show once. ``fill`` adds content (the demo
        cases) before the vault is put in place: it appears whole or not at all."""
        path = Path(path)
        keyfile.check_passphrase(passphrase)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise translated(path, exc) from None
        with claimed(path) as hold:
            if path.exists() or keyfile.key_path(path).exists():
                raise KnownError(N_("Er staat al een kluis op {bestand}."), bestand=str(path))
            # a key file or head of a create killed halfway, which no unlock may ever
            # clear when nothing else is in that folder (those of live runs are locked)
            remove_stale_temp_files(path.parent, ".partial")
            key = keyfile.new_vault_key()
            vault_id = str(uuid.uuid4())
            kf = keyfile.KeyFile.wrap(key, passphrase, vault_id, params)
            try:
                staging.begin(path, staging.CREATE)
                cls._build(staging.staged_path(path), key, vault_id, kf, fill)
                staging.commit_new(path)
            except BaseException:
                with contextlib.suppress(Exception):
                    staging.recover(path)  # a failed create leaves nothing behind
                raise
            vault = cls(path, connect(path, key), key, vault_id, hold)
        chmod_private(path)
        return vault, keyfile.format_recovery_key(key)

    @classmethod
    def _build(cls, staged: Path, key: bytes, vault_id: str, kf: keyfile.KeyFile,
               fill: Callable[[Vault], object] | None = None) -> None:
        """The complete new vault under its staged name: database, head, key file."""
        create_private_file(staged)
        conn = connect(staged, key)
        try:
            vault = cls(staged, conn, key, vault_id)
            vault._migrate(fresh=True)
            with vault.transaction() as db:
                db.execute("INSERT INTO meta (key, value) VALUES ('vault_id', ?)", (vault_id,))
                vault._remember_key_file(kf)
                vault.audit.record(audit_mod.CREATE, record_type="vault", record_uuid=vault_id)
            if fill is not None:
                fill(vault)
            vault.audit.write_head()
            # One self-contained file: a WAL left beside the staged name would be lost.
            if conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0] != "delete":
                raise environment_error("busy", staged)
        finally:
            conn.close()
        keyfile.write_key_file(staged, kf)
        with open(staged, "rb") as fh:
            os.fsync(fh.fileno())

    @classmethod
    def unlock(cls, path: Path, passphrase: str, *, check_pages: bool = True) -> Vault:
        """``check_pages=False``: the caller runs ``check_pages_later`` (the window)."""
        path = Path(path)
        with claimed(path) as hold:
            check_file(path)
            kf = keyfile.read_key_file(path)
            try:
                key = kf.unwrap(passphrase)
            except WrongPassphraseError:
                remember_failed_unlock(path)
                keyfile.refuse_other_vaults_key_file(path, kf)
                raise
            try:
                return cls._open(path, key, expected_id=kf.vault_id, hold=hold,
                                 check_pages=check_pages)
            except DamagedVaultError:
                keyfile.refuse_other_vaults_key_file(path, kf)
                raise

    @classmethod
    def unlock_with_recovery_key(cls, path: Path, recovery_key: str) -> Vault:
        """Open with the raw key itself; works without the key file."""
        path = Path(path)
        key = keyfile.parse_recovery_key(recovery_key)
        with claimed(path) as hold:
            check_file(path)
            verdict = _recovery_key_verdict(path, key)
            if verdict == "wrong":
                remember_failed_unlock(path)
                raise WrongPassphraseError(N_("Deze herstelsleutel hoort niet bij deze kluis."))
            try:
                return cls._open(path, key, expected_id=None, hold=hold)
            except DamagedVaultError:
                if verdict == "unknown":
                    raise WrongPassphraseError(
                        N_("Deze herstelsleutel opent de kluis niet: de sleutel is onjuist of de kluis is beschadigd.")
                    ) from None
                raise

    @classmethod
    def _open(cls, path: Path, key: bytes, expected_id: str | None,
              hold: FileLock | None = None, check_pages: bool = True) -> Vault:
        conn = connect(path, key)
        try:
            # Every page's HMAC: one flipped byte anywhere, or a truncated file, is found
            # now (or right after: ``check_pages_later``), not halfway through some later
            # screen. The structural integrity_check runs in ``check`` (slow).
            if check_pages and not pages_whole(path, key) and integrity_problems(
                    conn, path, level="hmac"):  # SQLCipher's own check has the last word
                raise damaged("integrity")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version == 0:
                raise damaged("not a vault")
            if version > latest_version():
                raise KnownError(N_("Deze kluis is gemaakt met een nieuwere versie van Zorgapp. Werk Zorgapp bij."))
            meta: dict[str, str] = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        except DatabaseError as exc:
            conn.close()
            raise problem_for(path, exc, "read") from None
        except KnownError:
            conn.close()
            raise
        vault_id = meta.get("vault_id", "")
        if expected_id is not None and vault_id != expected_id:
            conn.close()
            raise DamagedVaultError(N_("Het sleutelbestand hoort niet bij deze kluis."))
        vault = cls(path, conn, key, vault_id, hold)
        vault.pages_checked = check_pages
        try:
            vault.audit.check_at_unlock(vault.transaction)  # before anything is appended
            vault._migrate(fresh=False)
            with vault.transaction():
                vault._flush_failed_unlocks()
                vault._note_key_file_change()
                vault.audit.record(audit_mod.UNLOCK, record_type="vault", record_uuid=vault_id)
        except BaseException:
            vault._drop()
            raise
        for folder in (path.parent, backups_path(path)):  # left by killed backups
            remove_stale_temp_files(folder, ".partial")
        return vault

    # -- passphrase ------------------------------------------------------------------

    def change_passphrase(self, new_passphrase: str,
                          params: keyfile.KdfParams | None = None) -> None:
        """Rewrite only the key file (atomically); the vault is not re-encrypted."""
        keyfile.check_passphrase(new_passphrase)
        kf = keyfile.KeyFile.wrap(bytes(self.key), new_passphrase, self.vault_id, params)
        keyfile.write_key_file(self.path, kf)
        with self.transaction():
            self.audit.record(audit_mod.PASSPHRASE, record_type="vault", record_uuid=self.vault_id)
            self._remember_key_file(kf)

    def _remember_key_file(self, kf: keyfile.KeyFile) -> None:
        self.conn.execute("INSERT INTO meta (key, value) VALUES ('key_file', ?) "
                          "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (kf.wrap_id,))

    def _note_key_file_change(self) -> None:
        """Record a passphrase change whose own entry a crash cut off (the new key file
        was renamed in, the entry not yet committed), marked as not verified. A vault
        of an earlier version only learns its key file here."""
        try:
            kf = keyfile.read_key_file(self.path)
        except (KnownError, OSError):  # no key file (opened with the recovery key)
            return
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'key_file'").fetchone()
        if row is not None and row[0] == kf.wrap_id:
            return
        if row is not None:
            self.audit.record(audit_mod.PASSPHRASE, record_type="vault", record_uuid=self.vault_id,
                              actor="zorgapp", fields=[failed_unlocks.UNVERIFIED])
        self._remember_key_file(kf)

    # -- access ----------------------------------------------------------------------

    @property
    def key(self) -> bytearray:
        """The raw vault key, valid until ``lock`` (which zeroes it in place)."""
        if self._key is None:
            raise KnownError(N_("De kluis is vergrendeld."))
        return self._key

    @property
    def conn(self) -> Connection:
        if self._conn is None:
            raise KnownError(N_("De kluis is vergrendeld."))
        return self._conn

    def stamp(self) -> tuple[int, int]:
        """Equal stamps: nothing but audit entries written in between, on this connection
        (its total changes) or committed by another (``data_version``). For keeping query
        results: searching itself writes an audit entry (issue 15)."""
        changes, version = self.conn.execute(
            "SELECT total_changes(), data_version FROM pragma_data_version").fetchone()
        return changes - self.audit.written, version

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One write transaction, serialised across threads. A full or read-only disk
        becomes its own KnownError (the transaction is rolled back, nothing is lost)."""
        with self._lock:
            conn = self.conn
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                except BaseException:
                    with contextlib.suppress(DatabaseError):  # SQLite may have rolled back
                        conn.execute("ROLLBACK")
                    self.audit.rolled_back()
                    raise
                try:
                    conn.execute("COMMIT")
                except DatabaseError:
                    with contextlib.suppress(DatabaseError):
                        conn.execute("ROLLBACK")
                    self.audit.rolled_back()
                    raise
                self.audit.committed()  # the head beside the vault follows the chain
            except DatabaseError as exc:
                raise self._known(exc) from None

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self._lock:
            try:
                yield self.conn
            except DatabaseError as exc:
                raise self._known(exc) from None

    def _known(self, exc: DatabaseError) -> BaseException:
        found = known_or_none(self.path, exc)
        if found is None:
            raise exc  # a bug (constraint, SQL): the crash handler's, with its traceback
        return found

    def meta(self, key: str, default: str = "") -> str:
        with self.read() as db:
            row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as db:
            db.execute("INSERT INTO meta (key, value) VALUES (?, ?) "
                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))

    def schema_version(self) -> int:
        with self.read() as db:
            return int(db.execute("PRAGMA user_version").fetchone()[0])

    def check(self) -> list[str]:
        """Full integrity check of pages, structure and audit chain."""
        with self.read() as db:
            problems = integrity_problems(db, self.path, level="full")
        return problems + self.audit.verify()

    def check_pages_later(self, on_result: Outcome, *, processes: int = 1) -> None:
        """Check every page's HMAC on a thread of its own; ``on_result(None)`` or
        ``on_result(DamagedVaultError)`` is called from that thread. Locking cancels it.
        ``processes`` reads the pages in that many children: one leaves a core to the
        window; a command that waits for the check before its output asks for two."""
        with self._lock:
            check = PageCheck(self.path, bytes(self.key), on_result)
            check.processes = processes
            self._page_check = check
        check.start()

    # -- closing ---------------------------------------------------------------------

    def lock(self) -> None:
        """Record, write the chain head, checkpoint the WAL, drop key and connection,
        let go of the vault. Whatever fails, the vault is let go of."""
        with self._lock:
            if self._conn is None:
                return
            try:
                with self.transaction():
                    self.audit.record(audit_mod.LOCK, record_type="vault", record_uuid=self.vault_id)
                self.audit.write_head()
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except DatabaseError as exc:
                raise self._known(exc) from None
            finally:
                self._drop()

    close = lock

    def _drop(self) -> None:
        """Close without recording anything (after a failure) and let go of the vault."""
        with self._lock:
            if self._page_check is not None:
                self._page_check.cancel()
                self._page_check = None
            if self._conn is not None:
                with contextlib.suppress(DatabaseError):
                    self._conn.close()
            self._conn = None
            if self._key is not None:
                self._key[:] = bytes(len(self._key))  # in place: every holder sees zeros
            self._key = None
            if self._hold is not None:
                self._hold.release()
                self._hold = None

    abandon = _drop  # the vault turned out damaged after the unlock: record nothing

    # -- migrations ----------------------------------------------------------------

    def _migrate(self, fresh: bool) -> None:
        upgrade.migrate(self, migrations(), fresh)  # ``migrations`` looked up here: old-vault tools patch it

    def _flush_failed_unlocks(self) -> None:
        failed_unlocks.take_in(self.audit, self.path, self.vault_id)  # bounded, marked unverified


def remember_failed_unlock(path: Path) -> None:
    """Note a failed unlock beside the vault, never inside it (it must stay unchanged).

    On a full or read-only disk the note is skipped: the user must still hear that the
    passphrase was wrong, not about the disk."""
    try:
        failed_unlocks.remember(path)
    except (EnvironmentStoppedError, OSError):
        log.warning("could not note a failed unlock beside the vault")


def _recovery_key_verdict(path: Path, key: bytes) -> str:
    """'wrong', 'right' or 'unknown' (no readable key file of this vault to compare with)."""
    try:
        kf = keyfile.read_key_file(path)
    except DamagedVaultError:
        return "unknown"
    if kf.key_check == keyfile.key_check(key):
        return "right"
    return "unknown" if keyfile.belongs_elsewhere(path, kf) else "wrong"
