"""Attachments in the vault: a row that describes each one, its content in a table beside it.

Lists read only the description (``bijlage``); the content (``bijlage_inhoud``) is read
one attachment at a time, when it is viewed, saved or put in a bundle. Both tables hang
on the dossier with ``ON DELETE CASCADE``: an attachment goes when its dossier goes.
Callers hold the vault's transaction or read lock.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from zorgapp.domain.bijlage import Bijlage
from zorgapp.errors import N_, NotFoundError
from zorgapp.store.connection import Connection

_KOLOMMEN = "uuid, dossier_uuid, naam, type, grootte, toegevoegd_op, omschrijving, sha256"


def _bijlage(row: Any) -> Bijlage:
    return Bijlage(uuid=row[0], dossier_uuid=row[1], naam=row[2], type=row[3], grootte=int(row[4]),
                   toegevoegd_op=row[5], omschrijving=row[6], sha256=row[7])


class BijlageRepository:
    def __init__(self, conn: Connection) -> None:
        self.db = conn

    def insert(self, bijlage: Bijlage, data: bytes) -> None:
        cursor = self.db.execute(
            f"INSERT INTO bijlage ({_KOLOMMEN}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (bijlage.uuid, bijlage.dossier_uuid, bijlage.naam, bijlage.type, bijlage.grootte,
             bijlage.toegevoegd_op, bijlage.omschrijving, bijlage.sha256))
        self.db.execute("INSERT INTO bijlage_inhoud (id, data) VALUES (?, ?)",
                        (cursor.lastrowid, bytes(data)))

    def voor_dossier(self, dossier_uuid: str) -> list[Bijlage]:
        """A dossier's attachments, oldest first (without their content)."""
        return [_bijlage(r) for r in self.db.execute(
            f"SELECT {_KOLOMMEN} FROM bijlage WHERE dossier_uuid = ? ORDER BY toegevoegd_op, id",
            (dossier_uuid,))]

    def get(self, uuid: str) -> Bijlage:
        row = self.db.execute(f"SELECT {_KOLOMMEN} FROM bijlage WHERE uuid = ?", (uuid,)).fetchone()
        if row is None:
            raise NotFoundError(N_("Bijlage {id} bestaat niet in deze kluis."), id=uuid[:40])
        return _bijlage(row)

    def inhoud(self, uuid: str) -> bytes:
        row = self.db.execute("SELECT i.data FROM bijlage_inhoud i JOIN bijlage b USING (id) "
                              "WHERE b.uuid = ?", (uuid,)).fetchone()
        if row is None:
            raise NotFoundError(N_("Bijlage {id} bestaat niet in deze kluis."), id=uuid[:40])
        return bytes(row[0])

    def dossier_van(self, uuids: Iterable[str]) -> dict[str, str]:
        """The dossier of each of these attachment uuids that exists here."""
        found: dict[str, str] = {}
        for uuid in uuids:
            row = self.db.execute("SELECT dossier_uuid FROM bijlage WHERE uuid = ?", (uuid,)).fetchone()
            if row is not None:
                found[uuid] = str(row[0])
        return found

    def delete(self, uuid: str) -> None:
        """Remove one attachment; its content goes with it (cascade)."""
        self.db.execute("DELETE FROM bijlage WHERE uuid = ?", (uuid,))

    def delete_voor_dossier(self, dossier_uuid: str) -> None:
        self.db.execute("DELETE FROM bijlage WHERE dossier_uuid = ?", (dossier_uuid,))
