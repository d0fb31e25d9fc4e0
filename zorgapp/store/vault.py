"""A vault: one SQLCipher file (``NAME.zorg``) plus its key file and chain head.

Lifecycle: ``create`` (new key, recovery key shown once), ``unlock`` (passphrase ->
key file -> raw key), ``unlock_with_recovery_key``, ``lock`` (record, write the chain
head, drop key and connection). A wrong passphrase never touches the vault or key file;
the failed attempt goes to ``NAME.zorg.failed`` and into the trail at the next unlock.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from zorgapp.errors import N_, DamagedVaultError, KnownError, WrongPassphraseError
from zorgapp.store import audit as audit_mod
from zorgapp.store import failed_unlocks, keyfile
from zorgapp.store.audit import AuditTrail
from zorgapp.store.connection import (
    Connection,
    DatabaseError,
    check_file,
    chmod_private,
    connect,
    create_private_file,
    damaged,
    integrity_problems,
)
from zorgapp.store.migrations import latest_version, migrations

SUFFIX = ".zorg"


def failed_path(vault_path: Path) -> Path:
    return Path(str(vault_path) + ".failed")


class Vault:
    """An unlocked vault. All database access goes through ``transaction``/``read``."""

    def __init__(self, path: Path, conn: Connection, key: bytes, vault_id: str) -> None:
        self.path = path
        self._conn: Connection | None = conn
        self._key: bytes | None = key
        self.vault_id = vault_id
        self._lock = threading.RLock()
        self.audit = AuditTrail(conn, path, key, vault_id)

    # -- creation and unlocking ----------------------------------------------------

    @classmethod
    def create(cls, path: Path, passphrase: str,
               params: keyfile.KdfParams | None = None) -> tuple[Vault, str]:
        """A new empty vault; returns it and the recovery key to show once."""
        path = Path(path)
        keyfile.check_passphrase(passphrase)
        if path.exists() or keyfile.key_path(path).exists():
            raise KnownError(N_("Er staat al een kluis op {bestand}."), bestand=str(path))
        path.parent.mkdir(parents=True, exist_ok=True)
        key = keyfile.new_vault_key()
        vault_id = str(uuid.uuid4())
        kf = keyfile.KeyFile.wrap(key, passphrase, vault_id, params)
        create_private_file(path)
        conn = connect(path, key)
        vault = cls(path, conn, key, vault_id)
        vault._migrate(fresh=True)
        with vault.transaction() as db:
            db.execute("INSERT INTO meta (key, value) VALUES ('vault_id', ?)", (vault_id,))
            vault.audit.record(audit_mod.CREATE, record_type="vault", record_uuid=vault_id)
        keyfile.write_key_file(path, kf)
        vault.audit.write_head()
        chmod_private(path)
        return vault, keyfile.format_recovery_key(key)

    @classmethod
    def unlock(cls, path: Path, passphrase: str) -> Vault:
        path = Path(path)
        check_file(path)
        kf = keyfile.read_key_file(path)
        try:
            key = kf.unwrap(passphrase)
        except WrongPassphraseError:
            _remember_failed_unlock(path)
            raise
        return cls._open(path, key, expected_id=kf.vault_id)

    @classmethod
    def unlock_with_recovery_key(cls, path: Path, recovery_key: str) -> Vault:
        """Open with the raw key itself; works without the key file."""
        path = Path(path)
        check_file(path)
        key = keyfile.parse_recovery_key(recovery_key)
        verdict = _recovery_key_verdict(path, key)
        if verdict == "wrong":
            _remember_failed_unlock(path)
            raise WrongPassphraseError(N_("Deze herstelsleutel hoort niet bij deze kluis."))
        try:
            return cls._open(path, key, expected_id=None)
        except DamagedVaultError:
            if verdict == "unknown":
                raise WrongPassphraseError(
                    N_("Deze herstelsleutel opent de kluis niet: de sleutel is onjuist of de kluis is beschadigd.")
                ) from None
            raise

    @classmethod
    def _open(cls, path: Path, key: bytes, expected_id: str | None) -> Vault:
        conn = connect(path, key)
        try:
            # Every page's HMAC: one flipped byte anywhere, or a truncated file, is found
            # now rather than halfway through some later screen. (The structural
            # integrity_check runs in ``check``: it is slow on big vaults.)
            if integrity_problems(conn, level="hmac"):
                raise damaged("integrity")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version == 0:
                raise damaged("not a vault")
            if version > latest_version():
                raise KnownError(N_("Deze kluis is gemaakt met een nieuwere versie van Zorgapp. Werk Zorgapp bij."))
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        except DatabaseError:
            conn.close()
            raise damaged("read") from None
        except KnownError:
            conn.close()
            raise
        vault_id = meta.get("vault_id", "")
        if expected_id is not None and vault_id != expected_id:
            conn.close()
            raise DamagedVaultError(N_("Het sleutelbestand hoort niet bij deze kluis."))
        vault = cls(path, conn, key, vault_id)
        vault.audit.check_at_unlock(vault.transaction)  # before anything is appended
        vault._migrate(fresh=False)
        with vault.transaction():
            vault._flush_failed_unlocks()
            vault.audit.record(audit_mod.UNLOCK, record_type="vault", record_uuid=vault_id)
        return vault

    # -- passphrase ------------------------------------------------------------------

    def change_passphrase(self, new_passphrase: str,
                          params: keyfile.KdfParams | None = None) -> None:
        """Rewrite only the key file (atomically); the vault is not re-encrypted."""
        keyfile.check_passphrase(new_passphrase)
        kf = keyfile.KeyFile.wrap(self.key, new_passphrase, self.vault_id, params)
        keyfile.write_key_file(self.path, kf)
        with self.transaction():
            self.audit.record(audit_mod.PASSPHRASE, record_type="vault", record_uuid=self.vault_id)

    # -- access ----------------------------------------------------------------------

    @property
    def key(self) -> bytes:
        if self._key is None:
            raise KnownError(N_("De kluis is vergrendeld."))
        return self._key

    @property
    def conn(self) -> Connection:
        if self._conn is None:
            raise KnownError(N_("De kluis is vergrendeld."))
        return self._conn

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One write transaction, serialised across threads."""
        with self._lock:
            conn = self.conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                self.audit.rolled_back()
                raise
            else:
                conn.execute("COMMIT")
                self.audit.committed()  # the head beside the vault follows the chain

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self._lock:
            yield self.conn

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
            problems = integrity_problems(db, level="full")
        return problems + self.audit.verify()

    # -- closing ---------------------------------------------------------------------

    def lock(self) -> None:
        """Record, write the chain head, checkpoint the WAL, drop key and connection."""
        with self._lock:
            if self._conn is None:
                return
            with self.transaction():
                self.audit.record(audit_mod.LOCK, record_type="vault", record_uuid=self.vault_id)
            self.audit.write_head()
            try:
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                self._conn.close()
                self._conn = None
                self._key = None

    close = lock

    # -- migrations ----------------------------------------------------------------

    def _migrate(self, fresh: bool) -> None:
        conn = self.conn
        current = int(conn.execute("PRAGMA user_version").fetchone()[0])
        pending = [m for m in migrations() if m[0] > current]
        if not pending:
            return
        if not fresh:
            from zorgapp.store.backup import make_backup

            make_backup(self, reason="pre-migrate")
        for version, name, sql in pending:
            with self._lock:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    for statement in _split_sql(sql):
                        conn.execute(statement)
                    conn.execute(f"PRAGMA user_version = {int(version)}")
                    if not fresh:
                        self.audit.record(audit_mod.MIGRATE, record_type="schema",
                                          record_uuid=f"{version:03d}_{name}")
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")

    def _flush_failed_unlocks(self) -> None:
        failed_unlocks.take_in(self.audit, self.path, self.vault_id)  # bounded, marked unverified


def _split_sql(sql: str) -> list[str]:
    """Split a migration into statements (sqlite3.complete_statement aware)."""
    import sqlite3

    statements, buffer = [], ""
    for line in sql.splitlines(keepends=True):
        if not buffer and line.strip().startswith("--"):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements


def _remember_failed_unlock(path: Path) -> None:
    """Note a failed unlock beside the vault, never inside it (it must stay unchanged)."""
    failed_unlocks.remember(path)


def _recovery_key_verdict(path: Path, key: bytes) -> str:
    """'wrong', 'right' or 'unknown' (no readable key file to compare with)."""
    try:
        kf = keyfile.read_key_file(path)
    except DamagedVaultError:
        return "unknown"
    return "right" if kf.key_check == keyfile.key_check(key) else "wrong"
