"""Year figures (jaarbeeld): anonymous counts per year, for aldermen and CoMensha.

Counted straight from dossier JSON documents (the shape of ``Dossier.to_dict()``)
without building domain objects, so 100,000 cases take well under a second.

A dossier belongs to the year of its first signal (melding); without signals, to the
date of the first step of its path. It is counted once per form of exploitation it
has (forms are multi-select, so the form rows may add up to more than the total).
Age is the age on the date of the first signal.

Small numbers: counts from 1 to 4 are shown as "<5" so nobody can be recognised
(DOMAIN.md §8). A zero is shown as "0": it reveals nobody and a dash would look like
missing data. Note that this is primary suppression only: a reader could still work
out a hidden cell from a total and the other cells of the same column.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

KLEIN = 5  # counts below this (and above 0) are not shown exactly

VORM = "vorm"
GESLACHT = "geslacht"
LEEFTIJD = "leeftijd"
MELDER = "melder"
GEMEENTE = "gemeente"
PLAATSING = "plaatsing"
DIMENSIES: tuple[str, ...] = (VORM, GESLACHT, LEEFTIJD, MELDER, GEMEENTE, PLAATSING)

ONBEKEND = "onbekend"
LEEFTIJDSGROEPEN: tuple[str, ...] = ("<18", "18-22", "23-29", "30-39", "40-49", "50+",
                                     ONBEKEND)
_GRENZEN = ((18, "<18"), (23, "18-22"), (30, "23-29"), (40, "30-39"), (50, "40-49"))


def leeftijdsgroep(leeftijd: int | None) -> str:
    if leeftijd is None:
        return ONBEKEND
    for grens, groep in _GRENZEN:
        if leeftijd < grens:
            return groep
    return "50+"


def weergave(aantal: int) -> str:
    """How a count is printed: 0, "<5" for 1 to 4, else the number."""
    if aantal <= 0:
        return "0"
    if aantal < KLEIN:
        return "<5"
    return str(aantal)


def onderdrukt(aantal: int) -> bool:
    return 0 < aantal < KLEIN


@dataclass
class JaarCijfers:
    """Counts per year (``totaal``) and per dimension, category and year (``per``)."""

    jaren: tuple[int, ...]
    totaal: dict[int, int] = field(default_factory=dict)
    per: dict[str, dict[str, dict[int, int]]] = field(default_factory=dict)
    geteld: int = 0  # documents read (including those outside the years)

    def aantal(self, dimensie: str, categorie: str, jaar: int) -> int:
        return self.per.get(dimensie, {}).get(categorie, {}).get(jaar, 0)

    def categorieen(self, dimensie: str) -> list[str]:
        """Categories of a dimension, the largest over all years first, then by name."""
        rijen = self.per.get(dimensie, {})
        if dimensie == LEEFTIJD:  # a scale keeps its own order
            return [g for g in LEEFTIJDSGROEPEN if g in rijen]
        return sorted(rijen, key=lambda c: (-sum(rijen[c].values()), c))

    def _tel(self, dimensie: str, categorie: str, jaar: int) -> None:
        rij = self.per.setdefault(dimensie, {}).setdefault(categorie, {})
        rij[jaar] = rij.get(jaar, 0) + 1


def _leeftijd(persoon: dict[str, Any], op: date) -> int | None:
    geboren = persoon.get("geboortedatum")
    if geboren:
        b = date.fromisoformat(geboren)
        if op < b:
            return None
        return op.year - b.year - ((op.month, op.day) < (b.month, b.day))
    geschat = persoon.get("geschatte_leeftijd")
    if geschat is None:
        return None
    geschat_op = persoon.get("leeftijd_geschat_op")
    if not geschat_op:
        return int(geschat)
    g = date.fromisoformat(geschat_op)
    return max(0, int(geschat) + op.year - g.year - ((op.month, op.day) < (g.month, g.day)))


def _begin(document: dict[str, Any]) -> tuple[date | None, dict[str, Any] | None]:
    """(date of the first signal, that signal) or the first path date without signals."""
    meldingen = document.get("meldingen") or []
    if meldingen:
        eerste = min(meldingen, key=lambda m: m.get("datum") or "9999")
        if eerste.get("datum"):
            return date.fromisoformat(eerste["datum"]), eerste
    events = (document.get("traject") or {}).get("events") or []
    datums = [e["datum"] for e in events if e.get("datum") and e.get("soort") == "fase"]
    return (date.fromisoformat(min(datums)), None) if datums else (None, None)


def tel(
    documents: Iterable[dict[str, Any]],
    jaren: Sequence[int],
    plaatsingen: Iterable[Any] = (),
    *,
    progress: Callable[[float], None] | None = None,
    verwacht: int | None = None,
) -> JaarCijfers:
    """Count dossiers per year and dimension.

    ``plaatsingen`` are objects with ``type`` and ``van`` (``opvang.Plaatsing``),
    counted in the year they started. ``progress`` gets a fraction from 0 to 1 when
    ``verwacht`` (the number of documents) is known, and 1.0 at the end.
    """
    gekozen = frozenset(jaren)
    cijfers = JaarCijfers(jaren=tuple(sorted(gekozen)))
    cijfers.totaal = {j: 0 for j in cijfers.jaren}
    for d in DIMENSIES:
        cijfers.per[d] = {}
    stap = max(1, (verwacht or 0) // 100)
    n = 0
    for n, document in enumerate(documents, 1):
        if progress is not None and verwacht and n % stap == 0:
            progress(min(0.99, n / verwacht))
        begin, melding = _begin(document)
        if begin is None or begin.year not in gekozen:
            continue
        jaar = begin.year
        cijfers.totaal[jaar] += 1
        persoon = document.get("persoon") or {}
        cijfers._tel(GESLACHT, persoon.get("geslacht") or ONBEKEND, jaar)
        cijfers._tel(LEEFTIJD, leeftijdsgroep(_leeftijd(persoon, begin)), jaar)
        cijfers._tel(GEMEENTE, persoon.get("gemeente_van_binding") or "", jaar)
        cijfers._tel(MELDER, (melding or {}).get("melder_type") or ONBEKEND, jaar)
        vormen: list[str] = []
        for m in document.get("meldingen") or []:
            vormen += [v for v in m.get("vormen") or [] if v not in vormen]
        for vorm in vormen or [ONBEKEND]:
            cijfers._tel(VORM, vorm, jaar)
    cijfers.geteld = n
    for plaatsing in plaatsingen:
        van = getattr(plaatsing, "van", None)
        if van is not None and van.year in gekozen:
            cijfers._tel(PLAATSING, str(plaatsing.type), van.year)
    if progress is not None:
        progress(1.0)
    return cijfers
