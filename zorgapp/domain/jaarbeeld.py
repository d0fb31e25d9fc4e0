"""Year figures (jaarbeeld): anonymous counts per year, for aldermen and CoMensha.

Counted straight from dossier JSON documents (the shape of ``Dossier.to_dict()``)
without building domain objects, so 100,000 cases take well under a second.

A dossier belongs to the year of its first signal (melding); without signals, to the
date of the first step of its path. It is counted once per form of exploitation it
has (forms are multi-select, so the form rows may add up to more than the total).
Age is the age on the date of the first signal.

Small numbers: counts from 1 to 4 are shown as "<5" so nobody can be recognised
(DOMAIN.md §8). A zero is shown as "0": it reveals nobody and a dash would look like
missing data. A single "<5" in a year column could be worked out from the year's total
and the other cells, so then the smallest other count of that column is hidden too
(secondary suppression) and shown as "x", the mark CBS uses for a confidential figure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

KLEIN = 5  # counts below this (and above 0) are not shown exactly
GEHEIM = "x"  # a count hidden so that a "<5" next to it cannot be worked out

VORM = "vorm"
GESLACHT = "geslacht"
LEEFTIJD = "leeftijd"
MELDER = "melder"
GEMEENTE = "gemeente"
PLAATSING = "plaatsing"
DIMENSIES: tuple[str, ...] = (VORM, GESLACHT, LEEFTIJD, MELDER, GEMEENTE, PLAATSING)
#: Dimensions whose cells (nearly) add up to the year's total, the one shown exactly.
#: Placements have no total in the report, so nothing can be subtracted there.
SOM_IS_TOTAAL: frozenset[str] = frozenset((VORM, GESLACHT, LEEFTIJD, MELDER, GEMEENTE))

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

    def aantal(self, dimensie: str, categorie: str, jaar: int) -> int:
        return self.per.get(dimensie, {}).get(categorie, {}).get(jaar, 0)

    def categorieen(self, dimensie: str) -> list[str]:
        """Categories of a dimension, the largest over all years first, then by name."""
        rijen = self.per.get(dimensie, {})
        if dimensie == LEEFTIJD:  # a scale keeps its own order
            return [g for g in LEEFTIJDSGROEPEN if g in rijen]
        return sorted(rijen, key=lambda c: (-sum(rijen[c].values()), c))

    def verborgen(self, dimensie: str) -> frozenset[tuple[str, int]]:
        """Cells (category, year) hidden beyond the "<5" ones (secondary suppression).

        Where a year column of a dimension that adds up to the total has exactly one
        "<5" while the total is shown, the smallest other count is hidden as well.
        """
        if dimensie not in SOM_IS_TOTAAL:
            return frozenset()
        extra: set[tuple[str, int]] = set()
        categorieen = self.categorieen(dimensie)
        for jaar in self.jaren:
            if onderdrukt(self.totaal.get(jaar, 0)):
                continue  # the total itself is "<5": nothing to subtract from
            klein = [c for c in categorieen if onderdrukt(self.aantal(dimensie, c, jaar))]
            if len(klein) != 1:
                continue
            groot = [c for c in categorieen if self.aantal(dimensie, c, jaar) >= KLEIN]
            if groot:
                kleinste = min(groot, key=lambda c: (self.aantal(dimensie, c, jaar), c))
                extra.add((kleinste, jaar))
        return frozenset(extra)

    def cellen(self, dimensie: str) -> dict[str, dict[int, str]]:
        """What the report prints per category and year: numbers, "<5", "0" or "x"."""
        verborgen = self.verborgen(dimensie)
        return {c: {j: GEHEIM if (c, j) in verborgen else weergave(self.aantal(dimensie, c, j))
                    for j in self.jaren}
                for c in self.categorieen(dimensie)}

    def _tel(self, dimensie: str, categorie: str, jaar: int, aantal: int = 1) -> None:
        rij = self.per.setdefault(dimensie, {}).setdefault(categorie, {})
        rij[jaar] = rij.get(jaar, 0) + aantal


def _ymd(s: str) -> tuple[int, int, int]:
    """ISO date text to numbers without building a date (the hot loop runs 100,000 times)."""
    return int(s[:4]), int(s[5:7]), int(s[8:10])


def _leeftijd(geboren: str | None, geschat: Any, geschat_op: str | None,
              op: tuple[int, int, int]) -> int | None:
    """Age on ``op``: from the birth date, else from the estimate and its date."""
    if geboren:
        b = _ymd(geboren)
        if op < b:
            return None
        return op[0] - b[0] - ((op[1], op[2]) < (b[1], b[2]))
    if geschat is None:
        return None
    if not geschat_op:
        return int(geschat)
    g = _ymd(geschat_op)
    return max(0, int(geschat) + op[0] - g[0] - ((op[1], op[2]) < (g[1], g[2])))


def _begin(document: dict[str, Any]) -> tuple[str | None, dict[str, Any] | None]:
    """(ISO date of the first signal, that signal), or the first path date without one."""
    meldingen: Sequence[dict[str, Any]] = document.get("meldingen") or []
    if len(meldingen) == 1 and meldingen[0].get("datum"):
        return meldingen[0]["datum"], meldingen[0]
    if meldingen:
        eerste = min(meldingen, key=lambda m: m.get("datum") or "9999")
        if eerste.get("datum"):
            return eerste["datum"], eerste
    events = (document.get("traject") or {}).get("events") or ()
    datums = [e["datum"] for e in events if e.get("datum") and e.get("soort") == "fase"]
    return (min(datums), None) if datums else (None, None)


#: What the year figures read of one dossier: (date of its first signal or path,
#: gender, age group then, municipality of binding, melder of the first signal, forms).
Rij = tuple[str | None, str, str, str, str, tuple[str, ...]]


def rij(document: dict[str, Any]) -> Rij:
    """A whole case document (``Dossier.to_dict()``) as the counts read it."""
    begin, melding = _begin(document)
    persoon = document.get("persoon") or {}
    meldingen: Sequence[dict[str, Any]] = document.get("meldingen") or []
    if len(meldingen) == 1:
        vormen = tuple(meldingen[0].get("vormen") or ())
    else:
        vormen = tuple(dict.fromkeys(v for m in meldingen for v in m.get("vormen") or ()))
    leeftijd = None if begin is None else _leeftijd(
        persoon.get("geboortedatum"), persoon.get("geschatte_leeftijd"),
        persoon.get("leeftijd_geschat_op"), _ymd(begin))
    return (begin, persoon.get("geslacht") or ONBEKEND, leeftijdsgroep(leeftijd),
            persoon.get("gemeente_van_binding") or "",
            (melding or {}).get("melder_type") or ONBEKEND, vormen)


def index_rij(melddatum: str, geslacht: str, geboortedatum: str | None,
              geschatte_leeftijd: int | None, leeftijd_geschat_op: str | None,
              gemeente: str, melder_type: str, vormen: Sequence[str]) -> Rij:
    """The same from a dossier's index columns (its first signal's date, melder and the
    forms of all its signals), without opening the document."""
    leeftijd = _leeftijd(geboortedatum, geschatte_leeftijd, leeftijd_geschat_op,
                         _ymd(melddatum))
    return (melddatum, geslacht or ONBEKEND, leeftijdsgroep(leeftijd), gemeente or "",
            melder_type or ONBEKEND, tuple(vormen))


def tel(
    documents: Iterable[dict[str, Any]],
    jaren: Sequence[int],
    plaatsingen: Iterable[Any] = (),
    *,
    progress: Callable[[float], None] | None = None,
    verwacht: int | None = None,
) -> JaarCijfers:
    """Count dossiers per year and dimension from whole case documents (``tel_rijen``)."""
    return tel_rijen((rij(d) for d in documents), jaren, plaatsingen,
                     progress=progress, verwacht=verwacht)


def tel_rijen(
    rijen: Iterable[Rij],
    jaren: Sequence[int],
    plaatsingen: Iterable[Any] = (),
    *,
    progress: Callable[[float], None] | None = None,
    verwacht: int | None = None,
    plaatsingen_per_jaar: Mapping[tuple[str, int], int] | None = None,
) -> JaarCijfers:
    """Count dossiers per year and dimension.

    ``plaatsingen`` are objects with ``type`` and ``van`` (``opvang.Plaatsing``),
    counted in the year they started; or, already counted, ``plaatsingen_per_jaar``
    (type, year of the start) -> number. ``progress`` gets a fraction from 0 to 1 when
    ``verwacht`` (the number of dossiers) is known, and 1.0 at the end. Equal rows
    are counted together first: 100,000 dossiers make a few thousand distinct rows.
    """
    gekozen = frozenset(jaren)
    cijfers = JaarCijfers(jaren=tuple(sorted(gekozen)))
    cijfers.totaal = dict.fromkeys(cijfers.jaren, 0)
    for d in DIMENSIES:
        cijfers.per[d] = {}
    stap = max(1, (verwacht or 0) // 100)
    zelfde: dict[tuple[int, str, str, str, str, tuple[str, ...]], int] = {}
    n = 0
    for n, (begin, geslacht, groep, gemeente, melder, vormen) in enumerate(rijen, 1):
        if progress is not None and verwacht and n % stap == 0:
            progress(min(0.99, n / verwacht))
        if begin is None:
            continue
        jaar = int(begin[:4])
        if jaar in gekozen:
            sleutel = (jaar, geslacht, groep, gemeente, melder, vormen)
            zelfde[sleutel] = zelfde.get(sleutel, 0) + 1
    for (jaar, geslacht, groep, gemeente, melder, vormen), aantal in zelfde.items():
        cijfers.totaal[jaar] += aantal
        cijfers._tel(GESLACHT, geslacht, jaar, aantal)
        cijfers._tel(LEEFTIJD, groep, jaar, aantal)
        cijfers._tel(GEMEENTE, gemeente, jaar, aantal)
        cijfers._tel(MELDER, melder, jaar, aantal)
        for vorm in vormen or (ONBEKEND,):
            cijfers._tel(VORM, vorm, jaar, aantal)
    for plaatsing in plaatsingen:
        van = getattr(plaatsing, "van", None)
        if van is not None and van.year in gekozen:
            cijfers._tel(PLAATSING, str(plaatsing.type), van.year)
    for (soort, jaar), aantal in (plaatsingen_per_jaar or {}).items():
        if jaar in gekozen and aantal:
            cijfers._tel(PLAATSING, soort, jaar, aantal)
    if progress is not None:
        progress(1.0)
    return cijfers
