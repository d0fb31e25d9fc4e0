"""Rows of the signaleringsoverleg <-> ``domain.overleg`` objects.

The agenda's pseudonym (case number and initials) is read from the dossier index when
a meeting is loaded; the client's name is turned into initials here and goes no
further. Callers hold the vault's transaction or read lock.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from zorgapp.domain.overleg import Agendapunt, Overleg, OverlegBesluit, initialen
from zorgapp.errors import N_, NotFoundError
from zorgapp.store.connection import Connection


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


class OverlegRepository:
    def __init__(self, conn: Connection) -> None:
        self.db = conn

    # -- reading -----------------------------------------------------------------------

    def lijst(self) -> list[tuple[Overleg, int]]:
        """Every meeting, newest first, with the number of cases on its agenda (the
        agendas themselves are not loaded)."""
        rows = self.db.execute(
            "SELECT o.uuid, o.datum, o.organisaties, "
            "(SELECT count(*) FROM overleg_punt p WHERE p.overleg_uuid = o.uuid) "
            "FROM overleg o ORDER BY o.datum DESC, o.id DESC").fetchall()
        return [(Overleg(uuid=u, datum=date.fromisoformat(d), organisaties=json.loads(org)), int(n))
                for u, d, org, n in rows]

    def get(self, uuid: str) -> Overleg:
        row = self.db.execute("SELECT uuid, datum, organisaties FROM overleg WHERE uuid = ?",
                              (uuid,)).fetchone()
        if row is None:
            raise NotFoundError(N_("Dit overleg bestaat niet (meer)."))
        overleg = Overleg(uuid=row[0], datum=date.fromisoformat(row[1]),
                          organisaties=json.loads(row[2]))
        overleg.agenda = [self._punt(r) for r in self.db.execute(
            "SELECT p.uuid, p.dossier_uuid, d.dossiernummer, d.naam, p.besproken, "
            "p.besluiten, p.journaal_uuid FROM overleg_punt p "
            "JOIN dossier d ON d.uuid = p.dossier_uuid "
            "WHERE p.overleg_uuid = ? ORDER BY p.volgorde, p.id", (uuid,))]
        return overleg

    @staticmethod
    def _punt(row: tuple[str, str, str, str, str, str, str]) -> Agendapunt:
        uuid, dossier_uuid, nummer, naam, besproken, besluiten, journaal = row
        return Agendapunt(uuid=uuid, dossier_uuid=dossier_uuid, dossiernummer=nummer,
                          initialen=initialen(naam), besproken=besproken,
                          besluiten=[OverlegBesluit.from_dict(b) for b in json.loads(besluiten)],
                          journaal_uuid=journaal)

    def komende(self, vandaag: date) -> list[Overleg]:
        """Meetings on or after ``vandaag`` (without their agendas)."""
        return [Overleg(uuid=u, datum=date.fromisoformat(d), organisaties=json.loads(org))
                for u, d, org in self.db.execute(
                    "SELECT uuid, datum, organisaties FROM overleg WHERE datum >= ? "
                    "ORDER BY datum", (vandaag.isoformat(),))]

    def data(self) -> list[date]:
        return [date.fromisoformat(d) for (d,) in self.db.execute("SELECT datum FROM overleg")]

    def voor_dossier(self, dossier_uuid: str) -> list[tuple[date, str]]:
        """(date, meeting uuid) of every meeting with this case on its agenda."""
        return [(date.fromisoformat(d), u) for d, u in self.db.execute(
            "SELECT o.datum, o.uuid FROM overleg_punt p JOIN overleg o ON o.uuid = p.overleg_uuid "
            "WHERE p.dossier_uuid = ? ORDER BY o.datum", (dossier_uuid,))]

    # -- writing -----------------------------------------------------------------------

    def insert(self, overleg: Overleg, is_demo: bool = False) -> None:
        self.db.execute(
            "INSERT INTO overleg (uuid, datum, organisaties, is_demo, gewijzigd_op) "
            "VALUES (?, ?, ?, ?, ?)",
            (overleg.uuid, overleg.datum.isoformat(),
             json.dumps(overleg.organisaties, ensure_ascii=False), int(is_demo), _now()))
        for punt in overleg.agenda:
            self.insert_punt(overleg.uuid, punt)

    def update(self, overleg: Overleg) -> None:
        """Date and organisations; the agenda changes item by item."""
        cursor = self.db.execute(
            "UPDATE overleg SET datum = ?, organisaties = ?, gewijzigd_op = ? WHERE uuid = ?",
            (overleg.datum.isoformat(), json.dumps(overleg.organisaties, ensure_ascii=False),
             _now(), overleg.uuid))
        if cursor.rowcount == 0:
            raise NotFoundError(N_("Dit overleg bestaat niet (meer)."))

    def delete(self, uuid: str) -> None:
        self.db.execute("DELETE FROM overleg WHERE uuid = ?", (uuid,))

    def insert_punt(self, overleg_uuid: str, punt: Agendapunt) -> None:
        volgorde = self.db.execute(
            "SELECT coalesce(max(volgorde), 0) + 1 FROM overleg_punt WHERE overleg_uuid = ?",
            (overleg_uuid,)).fetchone()[0]
        self.db.execute(
            "INSERT INTO overleg_punt (uuid, overleg_uuid, dossier_uuid, volgorde, besproken, "
            "besluiten, journaal_uuid) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (punt.uuid, overleg_uuid, punt.dossier_uuid, volgorde, punt.besproken,
             _besluiten_json(punt), punt.journaal_uuid))

    def update_punt(self, punt: Agendapunt) -> None:
        self.db.execute(
            "UPDATE overleg_punt SET besproken = ?, besluiten = ?, journaal_uuid = ? "
            "WHERE uuid = ?", (punt.besproken, _besluiten_json(punt), punt.journaal_uuid,
                               punt.uuid))

    def delete_punt(self, punt_uuid: str) -> None:
        self.db.execute("DELETE FROM overleg_punt WHERE uuid = ?", (punt_uuid,))


def _besluiten_json(punt: Agendapunt) -> str:
    return json.dumps([b.to_dict() for b in punt.besluiten], ensure_ascii=False)
