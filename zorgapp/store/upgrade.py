"""Bring a vault's schema up to date: the numbered SQL steps with their Python parts,
then the index columns a step added but SQL could not fill (documents are compressed).

Each step runs in its own transaction together with its ``user_version``, after a backup
of an existing vault, so a failed step leaves the vault as it was before that step.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from zorgapp.store import audit as audit_mod
from zorgapp.store.migrations import python_step

if TYPE_CHECKING:
    from zorgapp.store.vault import Vault


def migrate(vault: Vault, steps: list[tuple[int, str, str]], fresh: bool) -> None:
    """Apply the steps newer than the vault's ``user_version``; ``fresh`` vaults (just
    created) get no backup and no audit entries per step."""
    conn = vault.conn
    current = int(conn.execute("PRAGMA user_version").fetchone()[0])
    pending = [m for m in steps if m[0] > current]
    if not pending:
        herindexeer(vault)  # cheap when not asked for; finishes an interrupted one
        return
    if not fresh:
        from zorgapp.store.backup import make_backup

        make_backup(vault, reason="pre-migrate")
    for version, name, sql in pending:
        with vault._lock:
            conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in split_sql(sql):
                    conn.execute(statement)
                step = python_step(name)
                if step is not None and not fresh:
                    step(conn)
                conn.execute(f"PRAGMA user_version = {int(version)}")
                if not fresh:
                    vault.audit.record(audit_mod.MIGRATE, record_type="schema",
                                       record_uuid=f"{version:03d}_{name}")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
    herindexeer(vault)


def herindexeer(vault: Vault) -> None:
    """Index columns a migration added but SQL could not fill (compressed documents)."""
    conn = vault.conn
    if conn.execute("SELECT 1 FROM meta WHERE key = 'herindexeer'").fetchone() is None:
        return
    from zorgapp.store.dossiers import DossierRepository

    with vault._lock:
        conn.execute("BEGIN IMMEDIATE")
        try:
            DossierRepository(conn).herindexeer()
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


def split_sql(sql: str) -> list[str]:
    """Split a migration into statements (sqlite3.complete_statement aware)."""
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
