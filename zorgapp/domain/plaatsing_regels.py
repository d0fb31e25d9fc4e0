"""Rules around placements that look beyond one placement: the case they belong to,
the location they fill and the client they are for (issue 12 part 3).

* No new placement on a closed case, and a case cannot be closed while a placement
  still runs or a request is open (the close dialog offers to end them on the closing
  date: DOMAIN.md §6).
* A full location takes nobody more without an explicit, recorded override.
* COSM is for adult third-country nationals only (DOMAIN.md §3): for a minor or a
  Dutch or EU/EEA citizen, placing there needs an explicit override too.

Overrides are not silent: ``BevestigingNodig`` names every objection, the caller asks
the user for a reason, and the service writes that reason to the journal and the
audit trail.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from zorgapp.domain.errors import N_, DomainError
from zorgapp.domain.opvang import Locatie, OpvangType, Plaatsing, PlaatsingStatus
from zorgapp.domain.persoon import MEERDERJARIG, Persoon

#: EU/EEA member states and Switzerland (ISO 3166-1 alpha-2): citizens who need no
#: residence permit, so no bedenktijd and no COSM (DOMAIN.md §2a, §3).
EER_LANDEN: frozenset[str] = frozenset(
    ["AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR",
     "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
     "IS", "LI", "NO", "CH"]
)

CAPACITEIT = "capaciteit"
COSM = "cosm"


@dataclass(frozen=True)
class Bezwaar:
    """One reason a placement needs the user's explicit override."""

    code: str
    msgid: str
    params: dict[str, Any] = field(default_factory=dict)


class BevestigingNodig(DomainError):
    """Placing is possible only with an override reason; ``bezwaren`` says why."""

    def __init__(self, bezwaren: Sequence[Bezwaar]) -> None:
        eerste = bezwaren[0]
        super().__init__(eerste.msgid, **eerste.params)
        self.bezwaren = tuple(bezwaren)


def controleer_niet_afgesloten(afgesloten_op: date | None) -> None:
    """No request and no stay for a closed case: reopen it first."""
    if afgesloten_op is not None:
        raise DomainError(
            N_(
                "Dit dossier is afgesloten op {datum}: een nieuwe plaatsing kan niet. "
                "Heropen het dossier eerst."
            ),
            datum=afgesloten_op,
        )


def open_op(plaatsingen: Iterable[Plaatsing], datum: date) -> list[Plaatsing]:
    """Placements still open on ``datum``: a request not yet ended, or a stay whose
    client still sleeps there that night (no end date, or one after ``datum``)."""
    lopend = (PlaatsingStatus.AANGEVRAAGD, PlaatsingStatus.GEPLAATST)
    return [p for p in plaatsingen
            if p.status in lopend or (p.tot is not None and p.tot > datum)]


def controleer_afsluiten(plaatsingen: Iterable[Plaatsing], datum: date) -> None:
    """A case is closed only when nothing runs any more: refused otherwise, with the
    way out (end the placement, or let closing end it)."""
    open_ = open_op(plaatsingen, datum)
    if not open_:
        return
    lopend = [p for p in open_ if p.van is not None]
    if lopend:
        raise DomainError(
            N_(
                "Dit dossier heeft nog een lopende plaatsing ({soort}, sinds {van}). "
                "Beëindig die eerst, of kies bij het afsluiten om lopende plaatsingen op "
                "de sluitdatum te beëindigen."
            ),
            soort=str(lopend[0].type),
            van=lopend[0].van,
        )
    raise DomainError(
        N_(
            "Dit dossier heeft nog een openstaande aanvraag voor opvang ({soort}). Trek die "
            "eerst in, of kies bij het afsluiten om hem in te trekken."
        ),
        soort=str(open_[0].type),
    )


def controleer_sluitdatum(plaatsing: Plaatsing, datum: date) -> None:
    """Closing ends a stay on the closing date: not before its first night."""
    if plaatsing.van is not None and datum < plaatsing.van:
        raise DomainError(
            N_(
                "De plaatsing begon pas op {van}, na de sluitdatum {datum}. Kies een "
                "latere sluitdatum of corrigeer de plaatsing eerst."
            ),
            van=plaatsing.van,
            datum=datum,
        )


def max_bezetting(
    plaatsingen: Iterable[Plaatsing], locatie_uuid: str, van: date, tot: date
) -> int:
    """The most clients sleeping at the location on any night in ``[van, tot)``."""
    nachten = max((tot - van).days, 1)
    tellingen = [0] * nachten
    for p in plaatsingen:
        if p.locatie_uuid != locatie_uuid or not p.telt or p.van is None:
            continue
        begin = max(p.van, van)
        einde = min(p.tot or date.max, van + timedelta(days=nachten))
        for i in range((begin - van).days, (einde - van).days):
            tellingen[i] += 1
    return max(tellingen)


def capaciteit_bezwaar(locatie: Locatie | None, bezet: int) -> Bezwaar | None:
    """An objection when the location has no free place left (``bezet`` excludes the
    client being placed)."""
    if locatie is None or locatie.capaciteit is None or bezet < locatie.capaciteit:
        return None
    return Bezwaar(
        CAPACITEIT,
        N_(
            "{locatie} is vol ({bezet} van {capaciteit} plaatsen bezet). Plaatsen kan alleen "
            "met een reden, die in het journaal en het logboek komt."
        ),
        {"locatie": locatie.naam, "bezet": bezet, "capaciteit": locatie.capaciteit},
    )


def cosm_bezwaar(soort: OpvangType, persoon: Persoon, op: date) -> Bezwaar | None:
    """COSM is for adult third-country nationals: an objection for a known minor or a
    Dutch or EU/EEA citizen. Unknown age or nationality is no objection: many victims
    arrive without papers, and CoMensha, who places in COSM, weighs that itself."""
    if soort is not OpvangType.COSM:
        return None
    leeftijd = persoon.leeftijd_op(op)
    if leeftijd is not None and leeftijd < MEERDERJARIG:
        return Bezwaar(COSM, N_(
            "COSM is alleen voor volwassenen; deze cliënt is {leeftijd} jaar. Kies "
            "jeugdhulp met verblijf, of plaats alleen met een reden."), {"leeftijd": leeftijd})
    eer = sorted(set(persoon.nationaliteiten) & EER_LANDEN)
    if eer:
        return Bezwaar(COSM, N_(
            "COSM is alleen voor onderdanen van landen buiten de EU/EER; deze cliënt heeft "
            "de nationaliteit {land}. Plaats alleen met een reden."), {"land": ", ".join(eer)})
    return None


def controleer_bezwaren(bezwaren: Iterable[Bezwaar | None], reden: str | None) -> list[Bezwaar]:
    """The objections that apply; refused unless an override reason is given."""
    gevonden = [b for b in bezwaren if b is not None]
    if gevonden and not (reden or "").strip():
        raise BevestigingNodig(gevonden)
    return gevonden
