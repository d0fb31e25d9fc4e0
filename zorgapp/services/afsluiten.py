"""Closing a case and its placements, in the transaction that closes it.

A case closed with a placement still running kept costing money for nobody (a case
closed as "overgedragen" left a stay running at € 220 a night). So closing is refused
while a placement runs or a request is open, unless the user chose to end them on the
closing date: then they are ended here, each change audited like any other.
"""

from __future__ import annotations

from datetime import date

from zorgapp.domain.codes import Sluitreden
from zorgapp.domain.errors import DomainError
from zorgapp.domain.opvang import Plaatsing, PlaatsingStatus
from zorgapp.domain.plaatsing_regels import (
    controleer_afsluiten,
    controleer_sluitdatum,
    open_op,
)
from zorgapp.services.opvang_validatie import validatie
from zorgapp.store import audit
from zorgapp.store.audit import AuditTrail
from zorgapp.store.connection import Connection
from zorgapp.store.opvang import PlaatsingRepository

#: Reason stored on a placement ended by closing its case (stored data: not translated).
REDEN_AFGESLOTEN = "Dossier afgesloten ({sluitreden})"


def sluit_plaatsingen(db: Connection, log: AuditTrail, dossier_uuid: str, datum: date,
                      sluitreden: Sluitreden | None, beeindigen: bool) -> list[Plaatsing]:
    """End (``beeindigen``) or refuse the placements still open on the closing date;
    returns the ones ended."""
    repo = PlaatsingRepository(db)
    plaatsingen = repo.voor_dossier(dossier_uuid)
    try:
        if not beeindigen:
            controleer_afsluiten(plaatsingen, datum)
            return []
        reden = REDEN_AFGESLOTEN.format(sluitreden=sluitreden.value if sluitreden else "")
        open_ = open_op(plaatsingen, datum)
        # Ended already, but after the closing date: only a correction can fix that.
        controleer_afsluiten([p for p in open_ if p.status is PlaatsingStatus.BEEINDIGD], datum)
        beeindigd = []
        for p in (p for p in open_ if p.status is not PlaatsingStatus.BEEINDIGD):
            controleer_sluitdatum(p, datum)
            nieuw = p.beeindig(None if p.van is None else datum, reden)
            repo.update(nieuw)
            log.record(audit.CHANGE, record_type="plaatsing", record_uuid=nieuw.uuid,
                       fields=["status", "tot", "einde_reden"])
            beeindigd.append(nieuw)
    except DomainError as exc:
        raise validatie(exc) from None
    return beeindigd
