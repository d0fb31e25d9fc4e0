"""The recorded facts of a case's path, and what they add up to after corrections.

A ``TrajectEvent`` is frozen: history is never rewritten. A correction is an event of
its own that points at the original; ``effectief`` applies the corrections in recording
order and gives the stages (``Stap``) and decisions (``Besluit``) now believed. The
rules a path must keep are in ``traject_regels``, the path itself in ``traject``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from zorgapp.domain.codes import (
    BesluitSoort,
    BesluitUitkomst,
    Fase,
    Sluitreden,
    code_uit,
    datum_naar_json,
    datum_uit_json,
    nieuw_uuid,
    tijdstip_uit_json,
)
from zorgapp.domain.errors import N_, DomainError


class EventSoort(StrEnum):
    """Kinds of events on the path."""

    FASE = "fase"
    BESLUIT = "besluit"
    CORRECTIE = "correctie"
    HEROPEND = "heropend"


@dataclass(frozen=True)
class TrajectEvent:
    """One recorded fact; frozen because history is never rewritten.

    ``datum`` is when it happened (for a correction: the day it was corrected),
    ``vastgelegd_op`` when it was typed in (UTC). Correction events carry the
    ``nieuwe_*`` fields they change, or ``vervalt`` to void an event entered by mistake.
    """

    soort: EventSoort
    datum: date
    reden: str
    auteur: str
    vastgelegd_op: datetime
    uuid: str = field(default_factory=nieuw_uuid)
    fase: Fase | None = None
    sluitreden: Sluitreden | None = None
    besluit_soort: BesluitSoort | None = None
    uitkomst: BesluitUitkomst | None = None
    geldig_tot: date | None = None
    corrigeert: str | None = None
    nieuwe_datum: date | None = None
    nieuwe_reden: str | None = None
    nieuwe_sluitreden: Sluitreden | None = None
    vervalt: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe; every key always present so the export schema is stable."""
        return {
            "uuid": self.uuid,
            "soort": self.soort.value,
            "datum": self.datum.isoformat(),
            "reden": self.reden,
            "auteur": self.auteur,
            "vastgelegd_op": self.vastgelegd_op.isoformat(),
            "fase": None if self.fase is None else self.fase.value,
            "sluitreden": None if self.sluitreden is None else self.sluitreden.value,
            "besluit_soort": None
            if self.besluit_soort is None
            else self.besluit_soort.value,
            "uitkomst": None if self.uitkomst is None else self.uitkomst.value,
            "geldig_tot": datum_naar_json(self.geldig_tot),
            "corrigeert": self.corrigeert,
            "nieuwe_datum": datum_naar_json(self.nieuwe_datum),
            "nieuwe_reden": self.nieuwe_reden,
            "nieuwe_sluitreden": (
                None if self.nieuwe_sluitreden is None else self.nieuwe_sluitreden.value
            ),
            "vervalt": self.vervalt,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TrajectEvent:
        """The inverse of ``to_dict``."""
        datum = datum_uit_json(d.get("datum"))
        if datum is None:
            raise DomainError(N_("Een gebeurtenis zonder datum kan niet."))

        def code(soort: Any, sleutel: str) -> Any:
            waarde = d.get(sleutel)
            return None if waarde is None else code_uit(soort, waarde)

        return cls(
            uuid=str(d["uuid"]),
            soort=code_uit(EventSoort, d.get("soort")),
            datum=datum,
            reden=str(d.get("reden", "")),
            auteur=str(d.get("auteur", "")),
            vastgelegd_op=tijdstip_uit_json(d.get("vastgelegd_op")),
            fase=code(Fase, "fase"),
            sluitreden=code(Sluitreden, "sluitreden"),
            besluit_soort=code(BesluitSoort, "besluit_soort"),
            uitkomst=code(BesluitUitkomst, "uitkomst"),
            geldig_tot=datum_uit_json(d.get("geldig_tot")),
            corrigeert=None if d.get("corrigeert") is None else str(d["corrigeert"]),
            nieuwe_datum=datum_uit_json(d.get("nieuwe_datum")),
            nieuwe_reden=None
            if d.get("nieuwe_reden") is None
            else str(d["nieuwe_reden"]),
            nieuwe_sluitreden=code(Sluitreden, "nieuwe_sluitreden"),
            vervalt=bool(d.get("vervalt", False)),
        )


@dataclass(frozen=True)
class Stap:
    """One stage in the effective history (after corrections)."""

    fase: Fase
    datum: date
    reden: str
    auteur: str
    event_uuid: str
    sluitreden: Sluitreden | None = None
    heropend: bool = False


@dataclass(frozen=True)
class Besluit:
    """An effective decision (aangifte, verblijfsvergunning) after corrections."""

    soort: BesluitSoort
    uitkomst: BesluitUitkomst
    datum: date
    toelichting: str
    auteur: str
    event_uuid: str
    geldig_tot: date | None = None


def effectief(events: list[TrajectEvent]) -> tuple[list[Stap], list[Besluit]]:
    """Apply corrections in recording order; later corrections win per field."""
    wijziging: dict[str, dict[str, Any]] = {}
    for e in events:
        if e.soort is EventSoort.CORRECTIE and e.corrigeert is not None:
            w = wijziging.setdefault(e.corrigeert, {})
            if e.nieuwe_datum is not None:
                w["datum"] = e.nieuwe_datum
            if e.nieuwe_reden is not None:
                w["reden"] = e.nieuwe_reden
            if e.nieuwe_sluitreden is not None:
                w["sluitreden"] = e.nieuwe_sluitreden
            if e.vervalt:
                w["vervalt"] = True
    stappen: list[Stap] = []
    besluiten: list[Besluit] = []
    for e in events:
        if e.soort is EventSoort.CORRECTIE:
            continue
        w = wijziging.get(e.uuid, {})
        if w.get("vervalt"):
            continue
        datum: date = w.get("datum", e.datum)
        reden: str = w.get("reden", e.reden)
        if e.soort is EventSoort.BESLUIT:
            assert e.besluit_soort is not None and e.uitkomst is not None
            besluiten.append(
                Besluit(
                    e.besluit_soort,
                    e.uitkomst,
                    datum,
                    reden,
                    e.auteur,
                    e.uuid,
                    e.geldig_tot,
                )
            )
        else:
            assert e.fase is not None
            stappen.append(
                Stap(
                    fase=e.fase,
                    datum=datum,
                    reden=reden,
                    auteur=e.auteur,
                    event_uuid=e.uuid,
                    sluitreden=w.get("sluitreden", e.sluitreden),
                    heropend=e.soort is EventSoort.HEROPEND,
                )
            )
    return stappen, besluiten
