"""Rows of ``privacy_event`` <-> ``domain.privacy.PrivacyEvent``; insert-only.

The reason text may hold personal data (it is a request in the client's words), so it
lives in the encrypted vault like the case itself and is removed with the case.
Callers hold the vault's transaction or read lock.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime

from zorgapp.domain.privacy import PrivacyEvent, PrivacySoort
from zorgapp.store.connection import Connection


class PrivacyRepository:
    def __init__(self, conn: Connection) -> None:
        self.db = conn

    def insert(self, dossier_uuid: str, event: PrivacyEvent) -> None:
        self.db.execute(
            "INSERT INTO privacy_event (uuid, dossier_uuid, soort, datum, reden, velden, "
            "auteur, vastgelegd_op) VALUES (?,?,?,?,?,?,?,?)",
            (event.uuid, dossier_uuid, event.soort.value, event.datum.isoformat(),
             event.reden, json.dumps(list(event.velden)), event.auteur,
             event.vastgelegd_op.isoformat()))

    def voor_dossier(self, dossier_uuid: str) -> list[PrivacyEvent]:
        """The case's events in recording order."""
        rows = self.db.execute(
            "SELECT uuid, soort, datum, reden, velden, auteur, vastgelegd_op "
            "FROM privacy_event WHERE dossier_uuid = ? ORDER BY id", (dossier_uuid,))
        return [PrivacyEvent(uuid=u, soort=PrivacySoort(s), datum=date.fromisoformat(d),
                             reden=r, velden=tuple(json.loads(v)), auteur=a,
                             vastgelegd_op=datetime.fromisoformat(t))
                for u, s, d, r, v, a, t in rows]

    def beperkte_dossiers(self, uuids: Iterable[str]) -> set[str]:
        """Which of these cases are restricted now (the last on/off event is "on")."""
        wanted = list(dict.fromkeys(uuids))
        found: set[str] = set()
        for start in range(0, len(wanted), 500):
            part = wanted[start:start + 500]
            marks = ",".join("?" * len(part))
            rows = self.db.execute(
                f"SELECT dossier_uuid, soort FROM privacy_event WHERE dossier_uuid IN ({marks}) "
                "AND soort != 'correctie' ORDER BY id", part)
            stand: dict[str, bool] = {}
            for uuid, soort in rows:
                stand[uuid] = soort == PrivacySoort.BEPERKING.value
            found |= {u for u, aan in stand.items() if aan}
        return found
