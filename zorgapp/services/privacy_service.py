"""Use cases of art. 16 and 18 AVG on one case: record a correction, restrict the
processing and lift it again. Each is a ``PrivacyEvent`` in the vault and an audit
entry (``change`` on the dossier, the kind of event as outcome).

``controleer_niet_beperkt`` is what bundles and letters call before they share a case;
the rule itself is ``domain.privacy.niet_beperkt``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime

from zorgapp.domain.privacy import (
    BRIEF,
    BUNDEL,
    INLEZEN,
    PrivacyEvent,
    PrivacySoort,
    is_beperkt,
    niet_beperkt,
    nieuw_event,
)
from zorgapp.errors import N_, NotFoundError
from zorgapp.services.base import VaultService
from zorgapp.store import audit
from zorgapp.store.connection import Connection
from zorgapp.store.dossiers import DossierRepository
from zorgapp.store.privacy import PrivacyRepository

__all__ = ["BRIEF", "BUNDEL", "INLEZEN", "PrivacyService", "controleer_niet_beperkt"]


def controleer_niet_beperkt(db: Connection, uuids: Iterable[str], handeling: str) -> None:
    """Refuse (``BeperktError``) when one of these cases is restricted; call inside the
    read or transaction of the export or letter."""
    wanted = list(uuids)
    beperkt = PrivacyRepository(db).beperkte_dossiers(wanted)
    for uuid in wanted:
        if uuid in beperkt:
            niet_beperkt(PrivacyRepository(db).voor_dossier(uuid), _nummer(db, uuid), handeling)


def _nummer(db: Connection, uuid: str) -> str:
    row = db.execute("SELECT dossiernummer FROM dossier WHERE uuid = ?", (uuid,)).fetchone()
    if row is None:
        raise NotFoundError(N_("Dossier niet gevonden."))
    return str(row[0])


class PrivacyService(VaultService):

    def dossier_uuid(self, dossiernummer: str) -> str:
        with self.vault.read() as db:
            return DossierRepository(db).uuid_for(dossiernummer)

    def events(self, dossier_uuid: str) -> list[PrivacyEvent]:
        with self.vault.read() as db:
            return PrivacyRepository(db).voor_dossier(dossier_uuid)

    def is_beperkt(self, dossier_uuid: str) -> bool:
        return is_beperkt(self.events(dossier_uuid))

    def correctie(self, dossier_uuid: str, velden: Iterable[str], reden: str,
                  datum: date | None = None) -> PrivacyEvent:
        """Record that these fields were corrected on the client's request (art. 16);
        the corrected values themselves are saved through the normal change."""
        return self._vastleggen(dossier_uuid, PrivacySoort.CORRECTIE, reden, datum, velden)

    def beperk(self, dossier_uuid: str, reden: str, datum: date | None = None) -> PrivacyEvent:
        """Restrict the processing (art. 18): kept, not used or shared."""
        return self._vastleggen(dossier_uuid, PrivacySoort.BEPERKING, reden, datum)

    def hef_op(self, dossier_uuid: str, reden: str, datum: date | None = None) -> PrivacyEvent:
        return self._vastleggen(dossier_uuid, PrivacySoort.BEPERKING_OPGEHEVEN, reden, datum)

    def _vastleggen(self, dossier_uuid: str, soort: PrivacySoort, reden: str,
                    datum: date | None, velden: Iterable[str] = ()) -> PrivacyEvent:
        with self.vault.transaction() as db:
            _nummer(db, dossier_uuid)  # NotFoundError for an unknown case
            repo = PrivacyRepository(db)
            event = nieuw_event(soort, datum or self.vandaag, reden, self.actor,
                                datetime.now(UTC), self.vandaag, velden,
                                repo.voor_dossier(dossier_uuid))
            repo.insert(dossier_uuid, event)
            self.vault.audit.record(audit.CHANGE, record_type="dossier",
                                    record_uuid=dossier_uuid, outcome=soort.value,
                                    fields=["privacy", *event.velden], actor=self.actor)
        return event
