"""Legal holds and the retention index of closed cases (schema: 013_bewaren.sql)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from zorgapp.domain.bewaren import Bewaarplicht
from zorgapp.store.connection import Connection


@dataclass(frozen=True)
class Gesloten:
    """A closed case as the retention list needs it: no name, no document."""

    id: int
    uuid: str
    dossiernummer: str
    afgesloten_op: date


class BewaarRepository:
    def __init__(self, conn: Connection) -> None:
        self.db = conn

    def gesloten(self, voor: date | None = None) -> list[Gesloten]:
        """Every closed case, or those closed before ``voor`` (read from the index:
        ``fase_sinds`` is the closing date)."""
        sql = ("SELECT id, uuid, dossiernummer, fase_sinds FROM dossier {index} "
               "WHERE fase = 'afgesloten' AND fase_sinds IS NOT NULL AND fase_sinds < ? "
               "ORDER BY jaar, volgnummer")
        # Given ``voor``, only the cases closed before it are read (the planner would
        # walk every closed case by stage instead).
        index = "" if voor is None else "INDEXED BY dossier_gesloten"
        rows = self.db.execute(sql.format(index=index),
                               ((voor or date.max).isoformat(),)).fetchall()
        return [Gesloten(r[0], r[1], r[2], date.fromisoformat(r[3])) for r in rows]

    def holds(self, dossier_id: int | None = None) -> dict[int, list[Bewaarplicht]]:
        """Holds per dossier id (of one dossier, or of all)."""
        sql = "SELECT dossier_id, van, tot, reden FROM bewaarplicht"
        args: tuple[int, ...] = ()
        if dossier_id is not None:
            sql, args = sql + " WHERE dossier_id = ?", (dossier_id,)
        found: dict[int, list[Bewaarplicht]] = {}
        for did, van, tot, reden in self.db.execute(sql + " ORDER BY van, id", args):
            found.setdefault(did, []).append(Bewaarplicht(
                date.fromisoformat(van), date.fromisoformat(tot) if tot else None, reden))
        return found

    def zet(self, dossier_id: int, van: date, reden: str, door: str) -> None:
        self.db.execute("INSERT INTO bewaarplicht (dossier_id, van, reden, door) VALUES (?,?,?,?)",
                        (dossier_id, van.isoformat(), reden, door))

    def hef_op(self, dossier_id: int, tot: date, door: str) -> int:
        """End the running hold; returns how many rows changed (0: none was on)."""
        cur = self.db.execute("UPDATE bewaarplicht SET tot = ?, opgeheven_door = ? "
                              "WHERE dossier_id = ? AND tot IS NULL", (tot.isoformat(), door, dossier_id))
        return cur.rowcount
