"""Year figures (jaarbeeld): anonymous counts per year, for aldermen and CoMensha.

Counted straight from dossier JSON documents (the shape of ``Dossier.to_dict()``)
without building domain objects, so 100,000 cases take well under a second.

A dossier belongs to the year of its first signal (melding); without signals, to the
date of the first step of its path. It is counted once per form of exploitation it
has (forms are multi-select, so the form rows may add up to more than the total).
Age is the age on the date of the first signal.

What is counted (DOMAIN.md §7, issue 12.5): the key figures (``kern``) count
**signals** (every dossier, by the year of its first signal), **CoMensha registrations**
(by the year of the first step to ``aangemeld``), **placements** (by the year they
started) and **(presumed) victims**: the dossiers of those signals except the ones
closed as ``geen_mensenhandel``, which are signals and never victims. ``totaal`` and
the breakdowns per form, gender, age, melder and municipality count the victims.

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


SIGNALEN = "signalen"
AANMELDINGEN = "aanmeldingen"
PLAATSINGEN = "plaatsingen"
SLACHTOFFERS = "slachtoffers"
#: The key figures, in the order the report prints them.
KERN: tuple[str, ...] = (SIGNALEN, AANMELDINGEN, PLAATSINGEN, SLACHTOFFERS)
GEEN_MENSENHANDEL = "geen_mensenhandel"


@dataclass
class JaarCijfers:
    """Counts per year (``totaal``) and per dimension, category and year (``per``)."""

    jaren: tuple[int, ...]
    totaal: dict[int, int] = field(default_factory=dict)
    per: dict[str, dict[str, dict[int, int]]] = field(default_factory=dict)
    #: Key figures (``KERN``) per year: signals, registrations, placements, victims.
    kern: dict[str, dict[int, int]] = field(default_factory=dict)
    #: How many dossier rows were read (for the benchmark).
    geteld: int = 0

    def kern_cellen(self) -> dict[str, dict[int, str]]:
        """The key figures as printed: "<5" for 1 to 4, and the signals hidden ("x")
        in a year where they exceed the victims by 1 to 4, since that difference (the
        signals that were not trafficking) would otherwise be worked out."""
        uit = {k: {j: weergave(self.kern.get(k, {}).get(j, 0)) for j in self.jaren}
               for k in KERN}
        for j in self.jaren:
            signalen = self.kern.get(SIGNALEN, {}).get(j, 0)
            verschil = signalen - self.kern.get(SLACHTOFFERS, {}).get(j, 0)
            if signalen >= KLEIN and onderdrukt(verschil):
                uit[SIGNALEN][j] = GEHEIM
        return uit

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
#: gender, age group then, municipality of binding, melder of the first signal, forms,
#: whether it counts as a (presumed) victim, date of its CoMensha registration or None).
Rij = tuple[str | None, str, str, str, str, tuple[str, ...], bool, str | None]


def _pad(document: dict[str, Any]) -> tuple[bool, str | None]:
    """(victim, registration date) from the path's events, corrections applied, without
    building the path (documents may be partial): not a victim when closed as
    ``geen_mensenhandel``; registered on the first step to ``aangemeld``."""
    events: Sequence[dict[str, Any]] = (document.get("traject") or {}).get("events") or ()
    wijziging: dict[str, dict[str, Any]] = {}
    for e in events:
        if e.get("soort") == "correctie" and e.get("corrigeert"):
            w = wijziging.setdefault(e["corrigeert"], {})
            for sleutel in ("nieuwe_datum", "nieuwe_sluitreden"):
                if e.get(sleutel) is not None:
                    w[sleutel] = e[sleutel]
            if e.get("vervalt"):
                w["vervalt"] = True
    stappen = [(e, wijziging.get(e.get("uuid", ""), {})) for e in events
               if e.get("soort") in ("fase", "heropend")]
    stappen = [(e, w) for e, w in stappen if not w.get("vervalt")]
    sluitreden = None
    if stappen:
        e, w = stappen[-1]
        sluitreden = w.get("nieuwe_sluitreden", e.get("sluitreden"))
    aangemeld = next((w.get("nieuwe_datum", e.get("datum")) for e, w in stappen
                      if e.get("fase") == "aangemeld"), None)
    return sluitreden != GEEN_MENSENHANDEL, aangemeld


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
    slachtoffer, aangemeld = _pad(document)
    return (begin, persoon.get("geslacht") or ONBEKEND, leeftijdsgroep(leeftijd),
            persoon.get("gemeente_van_binding") or "",
            (melding or {}).get("melder_type") or ONBEKEND, vormen, slachtoffer, aangemeld)


def index_rij(melddatum: str, geslacht: str, geboortedatum: str | None,
              geschatte_leeftijd: int | None, leeftijd_geschat_op: str | None,
              gemeente: str, melder_type: str, vormen: Sequence[str],
              sluitreden: str | None = None, aangemeld_op: str | None = None) -> Rij:
    """The same from a dossier's index columns (its first signal's date, melder and the
    forms of all its signals, why it closed, when it was registered), without opening
    the document."""
    leeftijd = _leeftijd(geboortedatum, geschatte_leeftijd, leeftijd_geschat_op,
                         _ymd(melddatum))
    return (melddatum, geslacht or ONBEKEND, leeftijdsgroep(leeftijd), gemeente or "",
            melder_type or ONBEKEND, tuple(vormen), sluitreden != GEEN_MENSENHANDEL,
            aangemeld_op)


#: The dimensions whose counts are kept per year of the first signal (``jaar_telling``
#: in the store), each case once in each, with its category as stored: the forms as
#: their codes separated by spaces, the first nationality as its code.
MARGE_GESLACHT, MARGE_LEEFTIJD, MARGE_GEMEENTE, MARGE_MELDER = (
    "geslacht", "leeftijd", "gemeente", "melder")
MARGE_VORMEN, MARGE_NATIONALITEIT, MARGE_SECTOR = "vormen", "nationaliteit", "sector"
#: The report's dimension of each, and the category of an empty one.
_MARGE_DIMENSIE = {MARGE_GESLACHT: (GESLACHT, ONBEKEND), MARGE_MELDER: (MELDER, ONBEKEND),
                   MARGE_LEEFTIJD: (LEEFTIJD, ""), MARGE_GEMEENTE: (GEMEENTE, "")}
#: One kept count: (year, dimension, category as stored, signals, victims, registered).
Marge = tuple[int, str, str, int, int, int]


def tel_marges(
    marges: Iterable[Marge],
    jaren: Sequence[int],
    rijen: Iterable[Rij] = (),
    *,
    plaatsingen_per_jaar: Mapping[tuple[str, int], int],
    aanmeldingen_per_jaar: Mapping[int, int],
    progress: Callable[[float], None] | None = None,
) -> JaarCijfers:
    """What ``tel_groepen`` counts of every case, from the counts kept per year,
    dimension and category (each case is in one category of each dimension, so a
    year's signals and victims are the sums over the genders) and the ``rijen`` of the
    cases those leave out (the ones without a signal)."""
    cijfers = tel_groepen(((r, 1) for r in rijen), jaren,
                          plaatsingen_per_jaar=plaatsingen_per_jaar,
                          aanmeldingen_per_jaar=aanmeldingen_per_jaar)
    for jaar, soort, categorie, signalen, slachtoffers, _geregistreerd in marges:
        if jaar not in cijfers.totaal:
            continue
        if soort == MARGE_GESLACHT:
            cijfers.kern[SIGNALEN][jaar] += signalen
            cijfers.totaal[jaar] += slachtoffers
            cijfers.geteld += signalen
        if slachtoffers <= 0:
            continue
        if soort == MARGE_VORMEN:
            for vorm in tuple(categorie.split()) or (ONBEKEND,):
                cijfers._tel(VORM, vorm, jaar, slachtoffers)
        elif soort in _MARGE_DIMENSIE:
            dimensie, leeg = _MARGE_DIMENSIE[soort]
            cijfers._tel(dimensie, categorie or leeg, jaar, slachtoffers)
    cijfers.kern[SLACHTOFFERS] = dict(cijfers.totaal)
    if progress is not None:
        progress(1.0)
    return cijfers


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


def _tel_plaatsingen(cijfers: JaarCijfers, plaatsingen: Iterable[Any],
                     per_jaar: Mapping[tuple[str, int], int]) -> None:
    """Placements per type and year of their start, and their sum as a key figure."""
    for plaatsing in plaatsingen:
        van = getattr(plaatsing, "van", None)
        if van is not None and van.year in cijfers.jaren:
            cijfers._tel(PLAATSING, str(plaatsing.type), van.year)
    for (soort, jaar), aantal in per_jaar.items():
        if jaar in cijfers.jaren and aantal:
            cijfers._tel(PLAATSING, soort, jaar, aantal)
    cijfers.kern[PLAATSINGEN] = {j: sum(r.get(j, 0) for r in cijfers.per[PLAATSING].values())
                                 for j in cijfers.jaren}


def tel_rijen(rijen: Iterable[Rij], jaren: Sequence[int], plaatsingen: Iterable[Any] = (),
              **opties: Any) -> JaarCijfers:
    """Count dossiers per year and dimension, one row per dossier: ``tel_groepen`` with
    every row counted once; ``opties`` are its keyword options."""
    return tel_groepen(((r, 1) for r in rijen), jaren, plaatsingen, **opties)


def tel_groepen(
    groepen: Iterable[tuple[Rij, int]],
    jaren: Sequence[int],
    plaatsingen: Iterable[Any] = (),
    *,
    progress: Callable[[float], None] | None = None,
    verwacht: int | None = None,
    plaatsingen_per_jaar: Mapping[tuple[str, int], int] | None = None,
    aanmeldingen_per_jaar: Mapping[int, int] | None = None,
) -> JaarCijfers:
    """Count dossiers per year and dimension; each row stands for ``aantal`` equal ones
    (counted together in SQL: 100,000 dossiers make a few thousand distinct rows). Of
    a row's date only its year is read.

    ``plaatsingen`` are objects with ``type`` and ``van`` (``opvang.Plaatsing``),
    counted in the year they started; or, already counted, ``plaatsingen_per_jaar``
    (type, year of the start) -> number. Registrations count in the year they were made:
    from the rows, or already counted in ``aanmeldingen_per_jaar`` (year -> number) when
    the rows are only those whose first signal falls in ``jaren``. ``progress`` gets a
    fraction from 0 to 1 when ``verwacht`` (the number of dossiers) is known, and 1.0
    at the end. Equal rows are counted together first. Long: one pass over the rows,
    kept in one loop for speed.
    """
    gekozen = frozenset(jaren)
    cijfers = JaarCijfers(jaren=tuple(sorted(gekozen)))
    cijfers.totaal = dict.fromkeys(cijfers.jaren, 0)
    cijfers.kern = {k: dict.fromkeys(cijfers.jaren, 0) for k in KERN}
    for d in DIMENSIES:
        cijfers.per[d] = {}
    stap = max(1, (verwacht or 0) // 100)
    zelfde: dict[tuple[int, str, str, str, str, tuple[str, ...], bool], int] = {}
    aanmeldingen: dict[int, int] = dict(aanmeldingen_per_jaar or {})
    n = 0
    for (begin, geslacht, groep, gemeente, melder, vormen, slachtoffer,
         aangemeld), aantal in groepen:
        if progress is not None and verwacht and (n + aantal) // stap != n // stap:
            progress(min(0.99, (n + aantal) // stap * stap / verwacht))
        n += aantal
        if aangemeld and aanmeldingen_per_jaar is None:
            aanmeldingen[int(aangemeld[:4])] = aanmeldingen.get(int(aangemeld[:4]), 0) + aantal
        if begin is None:
            continue
        jaar = int(begin[:4])
        if jaar in gekozen:
            sleutel = (jaar, geslacht, groep, gemeente, melder, vormen, slachtoffer)
            zelfde[sleutel] = zelfde.get(sleutel, 0) + aantal
    for (jaar, geslacht, groep, gemeente, melder, vormen, slachtoffer), aantal in zelfde.items():
        cijfers.kern[SIGNALEN][jaar] += aantal
        if not slachtoffer:
            continue
        cijfers.totaal[jaar] += aantal
        cijfers._tel(GESLACHT, geslacht, jaar, aantal)
        cijfers._tel(LEEFTIJD, groep, jaar, aantal)
        cijfers._tel(GEMEENTE, gemeente, jaar, aantal)
        cijfers._tel(MELDER, melder, jaar, aantal)
        for vorm in vormen or (ONBEKEND,):
            cijfers._tel(VORM, vorm, jaar, aantal)
    cijfers.kern[SLACHTOFFERS] = dict(cijfers.totaal)
    cijfers.kern[AANMELDINGEN] = {j: aanmeldingen.get(j, 0) for j in cijfers.jaren}
    cijfers.geteld = n
    _tel_plaatsingen(cijfers, plaatsingen, plaatsingen_per_jaar or {})
    if progress is not None:
        progress(1.0)
    return cijfers
