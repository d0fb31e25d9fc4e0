"""The data subject's rights that leave a trace on the case: correction (art. 16 AVG)
and restriction of processing (art. 18 AVG), recorded as events.

A ``PrivacyEvent`` is never changed or removed (only the destruction of the whole case
removes it): a correction records which fields were corrected, when and why (the new
values are in the case itself); a restriction is switched on and off by events, and the
last one counts. A restricted case is kept but not used or shared: ``niet_beperkt``
is the one check that bundles and letters call, so the GUI, the command line and every
bundle obey the same rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from zorgapp.domain.codes import niet_in_toekomst, nieuw_uuid
from zorgapp.domain.errors import N_, DomainError


class PrivacySoort(StrEnum):
    """Kinds of privacy events."""

    CORRECTIE = "correctie"                      # art. 16: fields corrected on request
    BEPERKING = "beperking"                      # art. 18: restriction on
    BEPERKING_OPGEHEVEN = "beperking_opgeheven"  # art. 18: restriction lifted


PRIVACY_SOORT_LABELS = {
    PrivacySoort.CORRECTIE: N_("Correctie op verzoek (art. 16 AVG)"),
    PrivacySoort.BEPERKING: N_("Verwerking beperkt (art. 18 AVG)"),
    PrivacySoort.BEPERKING_OPGEHEVEN: N_("Beperking opgeheven"),
}

#: What a restricted case refuses (``handeling`` in ``niet_beperkt``), with its message.
BUNDEL = "bundel"
BRIEF = "brief"
INLEZEN = "inlezen"
_WEIGERING = {
    BUNDEL: N_("Dossier {nummer} is beperkt (art. 18 AVG): het wordt bewaard, maar niet "
               "gebruikt of gedeeld. Daarom kan het niet in een bundel worden overgedragen. "
               "Hef eerst de beperking op als dat mag."),
    BRIEF: N_("Dossier {nummer} is beperkt (art. 18 AVG): het wordt bewaard, maar niet "
              "gebruikt of gedeeld. Daarom maakt Zorgapp er geen brief of aanmelding voor. "
              "Hef eerst de beperking op als dat mag."),
    INLEZEN: N_("Dossier {nummer} is beperkt (art. 18 AVG): het wordt bewaard, maar niet "
                "gebruikt of gedeeld. Daarom wordt het niet vervangen door de versie uit "
                "de bundel; kies 'Mijn versie houden' of 'Allebei houden', of hef eerst de "
                "beperking op als dat mag."),
}


@dataclass(frozen=True)
class PrivacyEvent:
    """One recorded request; ``velden`` names the corrected fields (never values)."""

    soort: PrivacySoort
    datum: date
    reden: str
    auteur: str
    vastgelegd_op: datetime
    velden: tuple[str, ...] = ()
    uuid: str = field(default_factory=nieuw_uuid)

    def to_dict(self) -> dict[str, Any]:
        return {
            "uuid": self.uuid,
            "soort": self.soort.value,
            "datum": self.datum.isoformat(),
            "reden": self.reden,
            "velden": list(self.velden),
            "auteur": self.auteur,
            "vastgelegd_op": self.vastgelegd_op.isoformat(),
        }


def nieuw_event(soort: PrivacySoort, datum: date, reden: str, auteur: str,
                vastgelegd_op: datetime, vandaag: date,
                velden: Iterable[str] = (), eerder: Sequence[PrivacyEvent] = ()) -> PrivacyEvent:
    """A validated event: a reason is required, no date in the future, a correction
    names at least one field, and a restriction is not switched on (or off) twice."""
    niet_in_toekomst(datum, vandaag)
    if not reden.strip():
        raise DomainError(N_("Vul de reden of het verzoek in."))
    namen = tuple(sorted({v.strip() for v in velden if v.strip()}))
    if soort is PrivacySoort.CORRECTIE and not namen:
        raise DomainError(N_("Noem welke gegevens zijn gecorrigeerd."))
    if soort is PrivacySoort.BEPERKING and is_beperkt(eerder):
        raise DomainError(N_("De verwerking van dit dossier is al beperkt."))
    if soort is PrivacySoort.BEPERKING_OPGEHEVEN and not is_beperkt(eerder):
        raise DomainError(N_("De verwerking van dit dossier is niet beperkt."))
    return PrivacyEvent(soort, datum, reden.strip(), auteur, vastgelegd_op, namen)


def is_beperkt(events: Iterable[PrivacyEvent]) -> bool:
    """Whether the last restriction event switched it on."""
    stand = False
    for event in events:
        if event.soort is PrivacySoort.BEPERKING:
            stand = True
        elif event.soort is PrivacySoort.BEPERKING_OPGEHEVEN:
            stand = False
    return stand


def beperkt_sinds(events: Sequence[PrivacyEvent]) -> PrivacyEvent | None:
    """The restriction event now in force, if any."""
    laatste = None
    for event in events:
        if event.soort is PrivacySoort.BEPERKING:
            laatste = event
        elif event.soort is PrivacySoort.BEPERKING_OPGEHEVEN:
            laatste = None
    return laatste


class BeperktError(DomainError):
    """The case is restricted (art. 18): it is kept, but not used or shared."""


def niet_beperkt(events: Iterable[PrivacyEvent], dossiernummer: str, handeling: str) -> None:
    """Refuse ``handeling`` (``BUNDEL``, ``BRIEF``, ``INLEZEN``) for a restricted case."""
    if is_beperkt(events):
        raise BeperktError(_WEIGERING[handeling], nummer=dossiernummer)
