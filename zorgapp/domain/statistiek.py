"""Anonymised statistics for CoMensha, the municipalities and the Nationaal Rapporteur.

One year, four measures (signals, CoMensha registrations, placements, presumed
victims), each counted in total and per dimension. Dimension and value names follow
IOM's HTCDS v2.0 where one fits (``docs/stats-format.md`` has the mapping), so the
figures map onto CTDC-style statistics.

What may leave the vault (DOMAIN.md §8): counts 1 to 4 become "<5" (``jaarbeeld``'s
rule); where a column's sum and its other cells would give a "<5" back, more cells are
hidden as "x" (secondary suppression, checked arithmetically by ``beschermd``); no date
finer than the year; a municipality with any count from 1 to 4 is pooled into
``overig``. Free text (the sector as typed) never leaves: it is mapped to a code.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from zorgapp.domain import jaarbeeld as jb
from zorgapp.domain.codes import GESLACHT_HTCDS, MELDER_LABELS, Geslacht, Uitbuitingsvorm
from zorgapp.domain.dossier import Dossier
from zorgapp.domain.jaarbeeld import GEHEIM, KLEIN, LEEFTIJDSGROEPEN, ONBEKEND, weergave

Cel = int | str  # an exact count (0 or 5 and up), "<5", "x" or (merged) "≥N"

SIGNALEN, REGISTRATIES, PLAATSINGEN, SLACHTOFFERS = (
    "signalen", "registraties", "plaatsingen", "slachtoffers")
MATEN: tuple[str, ...] = (SIGNALEN, REGISTRATIES, PLAATSINGEN, SLACHTOFFERS)

VORM = "vic_TypeOfExploitation"
SECTOR = "vic_ForcedLabourIndustry"
GESLACHT = "prs_Gender"
LEEFTIJD = "leeftijdsgroep"
NATIONALITEIT = "nationaliteitsgroep"
MELDER = "melder_type"
GEMEENTE = "gemeente"
REGIO = "regio"
DIMENSIES: tuple[str, ...] = (VORM, SECTOR, GESLACHT, LEEFTIJD, NATIONALITEIT, MELDER,
                              GEMEENTE, REGIO)
OVERIG = "overig"
UNKNOWN = "Unknown"

VORM_CODES: dict[str, str] = {
    Uitbuitingsvorm.SEKSUEEL.value: "SexualExploitation",
    Uitbuitingsvorm.ARBEID.value: "ForcedLabour",
    Uitbuitingsvorm.CRIMINEEL.value: "CriminalExploitation",  # no HTCDS value of its own
    Uitbuitingsvorm.BEDELARIJ.value: "ForcedBegging",
    Uitbuitingsvorm.ORGAAN.value: "OrganRemoval",
    Uitbuitingsvorm.ONBEKEND.value: UNKNOWN,
}
GESLACHT_CODES: dict[str, str] = {g.value: GESLACHT_HTCDS[g] for g in Geslacht}

#: Words in the free-text sector -> HTCDS ``ForcedLabourIndustry`` (ISIC sections).
#: Sex work comes first ("thuis/hotel/escort" is not the hotel trade): ISIC puts it
#: under other personal services (9609).
_SECTOR_WOORDEN: tuple[tuple[str, str], ...] = (
    ("escort", "S_OtherServiceActivities"),
    ("raam", "S_OtherServiceActivities"),
    ("club", "S_OtherServiceActivities"),
    ("webcam", "S_OtherServiceActivities"),
    ("loverboy", "S_OtherServiceActivities"),
    ("prostitutie", "S_OtherServiceActivities"),
    ("seks", "S_OtherServiceActivities"),
    ("massage", "S_OtherServiceActivities"),
    ("nagel", "S_OtherServiceActivities"),
    ("kapper", "S_OtherServiceActivities"),
    ("hennep", "A_AgricultureForestryAndFishing"),
    ("horeca", "I_AccommodationAndFoodServiceActivities"),
    ("restaurant", "I_AccommodationAndFoodServiceActivities"),
    ("hotel", "I_AccommodationAndFoodServiceActivities"),
    ("tuinbouw", "A_AgricultureForestryAndFishing"),
    ("landbouw", "A_AgricultureForestryAndFishing"),
    ("kas", "A_AgricultureForestryAndFishing"),
    ("visserij", "A_AgricultureForestryAndFishing"),
    ("bouw", "F_Construction"),
    ("uitzend", "N_AdministrativeAndSupportServiceActivities"),
    ("schoonma", "N_AdministrativeAndSupportServiceActivities"),
    ("huishoud", "T_ActivitiesOfHouseholdsAsEmployers"),
    ("au pair", "T_ActivitiesOfHouseholdsAsEmployers"),
    ("transport", "H_TransportationAndStorage"),
    ("logistiek", "H_TransportationAndStorage"),
    ("distributie", "H_TransportationAndStorage"),
    ("vlees", "C_Manufacturing"),
    ("fabriek", "C_Manufacturing"),
    ("productie", "C_Manufacturing"),
    ("winkel", "G_WholesaleAndRetailTradeRepairOfMotorVehicles"),
    ("zorg", "Q_HumanHealthAndSocialWorkActivities"),
)
SECTOR_OVERIG = "Other"

#: EU and EEA states and Switzerland (ISO 3166 alpha-2), for the nationality groups.
EU_EER = frozenset((
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
    "IE", "IT", "LT", "LU", "LV", "MT", "PL", "PT", "RO", "SE", "SI", "SK",
    "IS", "LI", "NO", "CH"))
NL, EU, NIET_EU = "NL", "EU_EER", "niet_EU"
NATIONALITEITSGROEPEN: tuple[str, ...] = (NL, EU, NIET_EU, UNKNOWN)

#: Every category a dimension knows, so zero cells are listed too (and can be hidden).
CATEGORIEEN: dict[str, tuple[str, ...]] = {
    VORM: tuple(VORM_CODES.values()),
    SECTOR: (*dict.fromkeys(c for _w, c in _SECTOR_WOORDEN), SECTOR_OVERIG, UNKNOWN),
    GESLACHT: tuple(GESLACHT_CODES.values()),
    LEEFTIJD: LEEFTIJDSGROEPEN,
    NATIONALITEIT: NATIONALITEITSGROEPEN,
    MELDER: (*(m.value for m in MELDER_LABELS), ONBEKEND),
}


def sector_code(tekst: str) -> str:
    """The HTCDS industry of a sector typed as free text; the text itself stays home."""
    t = tekst.strip().lower()
    if not t:
        return ""
    return next((code for woord, code in _SECTOR_WOORDEN if woord in t), SECTOR_OVERIG)


def nationaliteitsgroep(land: str) -> str:
    """The group of an ISO country code (a group name, as the store gives it, stays)."""
    if land in NATIONALITEITSGROEPEN:
        return land
    land = land.strip().upper()
    if not land:
        return UNKNOWN
    if land == "NL":
        return NL
    return EU if land in EU_EER else NIET_EU


def index_velden(dossier: Dossier) -> dict[str, object]:
    """The dossier index columns the statistics read (schema: ``012_statistiek.sql``)."""
    persoon, aanmelding = dossier.persoon, dossier.aanmelding
    sluitreden = dossier.traject.sluitreden
    return {
        "nationaliteit": persoon.nationaliteiten[0] if persoon.nationaliteiten else "",
        "sector": sector_code(next((m.sector for m in dossier.meldingen if m.sector), "")),
        "comensha": int(bool((aanmelding is not None and aanmelding.datum is not None)
                             or dossier.opvangbehoeften.comensha_kenmerk)),
        "sluitreden": sluitreden.value if sluitreden else None,  # as store.dossiers writes it
    }


@dataclass(frozen=True)
class StatRij:
    """What the statistics read of one case (from index columns, never the document)."""

    jaar: int
    geslacht: str
    leeftijdsgroep: str
    gemeente: str
    melder: str
    vormen: tuple[str, ...]
    nationaliteit: str = ""  # ISO code of the first nationality
    sector: str = ""  # already a code (``sector_code``)
    geregistreerd: bool = False
    slachtoffer: bool = True


@dataclass
class Telling:
    """Exact counts, inside the vault only: ``per[maat][dimensie][categorie]``."""

    jaar: int
    regio: str
    totaal: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MATEN, 0))
    per: dict[str, dict[str, dict[str, int]]] = field(
        default_factory=lambda: {m: {d: {} for d in DIMENSIES} for m in MATEN})

    def tel(self, maat: str, rij: StatRij, aantal: int = 1) -> None:
        self.tel_sleutels(maat, sleutels(rij, self.regio), aantal)

    def tel_sleutels(self, maat: str, sleutels: Sequence[tuple[str, str]],
                     aantal: int) -> None:
        self.totaal[maat] += aantal
        per = self.per[maat]
        for dim, cat in sleutels:
            rij = per[dim]
            rij[cat] = rij.get(cat, 0) + aantal


def sleutels(rij: StatRij, regio: str) -> tuple[tuple[str, str], ...]:
    """(dimension, category) of every cell one case or placement counts in."""
    vormen = dict.fromkeys(VORM_CODES.get(v, UNKNOWN) for v in rij.vormen or ("",))
    return (
        (SECTOR, rij.sector or UNKNOWN),
        (GESLACHT, GESLACHT_CODES.get(rij.geslacht, GESLACHT_CODES[Geslacht.ONBEKEND])),
        (LEEFTIJD, rij.leeftijdsgroep),
        (NATIONALITEIT, nationaliteitsgroep(rij.nationaliteit)),
        (MELDER, rij.melder or ONBEKEND),
        (GEMEENTE, rij.gemeente or OVERIG),
        (REGIO, regio),
        *((VORM, v) for v in vormen),
    )


def tel(rijen: Iterable[tuple[StatRij, int]], plaatsingen: Iterable[tuple[StatRij, int]],
        jaar: int, regio: str, marges: Iterable[jb.Marge] = ()) -> Telling:
    """Count cases (by the year of their first signal) and placements (by the year
    they started; each carries its case's row with that year). Rows come with how
    many cases or placements they stand for (the store groups equal rows); ``marges``
    are cases counted already per dimension (``tel_marge``)."""
    telling = Telling(jaar=jaar, regio=regio)
    for marge in marges:
        if marge[0] == jaar:
            tel_marge(telling, marge)
    for r, n in rijen:
        if r.jaar != jaar:
            continue
        cellen = sleutels(r, regio)
        telling.tel_sleutels(SIGNALEN, cellen, n)
        if r.geregistreerd:
            telling.tel_sleutels(REGISTRATIES, cellen, n)
        if r.slachtoffer:
            telling.tel_sleutels(SLACHTOFFERS, cellen, n)
    for r, n in plaatsingen:
        if r.jaar == jaar:
            telling.tel(PLAATSINGEN, r, n)
    pool_gemeenten(telling)
    return telling


def _nationaliteit(code: str) -> str:
    """The group of a stored first nationality as the store's grouping SQL gives it
    (exact codes: ``nationaliteitsgroep`` would also fold case and spaces)."""
    if code == "":
        return UNKNOWN
    if code == "NL":
        return NL
    return EU if code in EU_EER else NIET_EU


def _marge_cellen(soort: str, categorie: str) -> tuple[tuple[str, str], ...]:
    """The cells (dimension, category) of a count kept per ``jaarbeeld.MARGE_*``
    dimension, as ``sleutels`` files a case with that category."""
    if soort == jb.MARGE_VORMEN:
        return tuple((VORM, v) for v in dict.fromkeys(
            VORM_CODES.get(v, UNKNOWN) for v in tuple(categorie.split()) or ("",)))
    if soort == jb.MARGE_GESLACHT:
        cel = GESLACHT_CODES.get(categorie or ONBEKEND, GESLACHT_CODES[Geslacht.ONBEKEND])
        return ((GESLACHT, cel),)
    cellen = {jb.MARGE_LEEFTIJD: (LEEFTIJD, categorie),
              jb.MARGE_NATIONALITEIT: (NATIONALITEIT, _nationaliteit(categorie)),
              jb.MARGE_MELDER: (MELDER, categorie or ONBEKEND),
              jb.MARGE_GEMEENTE: (GEMEENTE, categorie or OVERIG),
              jb.MARGE_SECTOR: (SECTOR, categorie or UNKNOWN)}
    return (cellen[soort],) if soort in cellen else ()


def tel_marge(telling: Telling, marge: jb.Marge) -> None:
    """Count cases kept per year, dimension and category (``store.jaartelling``): each
    case is in one category of every dimension, so the totals (and the region's one
    cell) are the sums over the genders."""
    _jaar, soort, categorie, signalen, slachtoffers, geregistreerd = marge
    cellen = _marge_cellen(soort, categorie)
    if soort == jb.MARGE_GESLACHT:
        cellen += ((REGIO, telling.regio),)
    for maat, aantal in ((SIGNALEN, signalen), (REGISTRATIES, geregistreerd),
                         (SLACHTOFFERS, slachtoffers)):
        if aantal <= 0:
            continue
        if soort == jb.MARGE_GESLACHT:
            telling.totaal[maat] += aantal
        per = telling.per[maat]
        for dim, cat in cellen:
            per[dim][cat] = per[dim].get(cat, 0) + aantal


def pool_gemeenten(telling: Telling) -> None:
    """A municipality with a count from 1 to 4 in any measure goes into ``overig`` in
    every measure, so no small municipality is named anywhere. ``overig`` itself (the
    cases without a municipality) is no municipality: pooling it into itself counted it
    twice, depending on the order of the set."""
    klein = {g for m in MATEN for g, n in telling.per[m][GEMEENTE].items()
             if 0 < n < KLEIN and g != OVERIG}
    for m in MATEN:
        rij = telling.per[m][GEMEENTE]
        for g in sorted(klein):
            if g in rij:
                n = rij.pop(g)
                rij[OVERIG] = rij.get(OVERIG, 0) + n


# -- suppression -------------------------------------------------------------------------

def beschermd(cellen: Sequence[Cel], som: int | None) -> bool:
    """Can no "<5" in a column be worked out from its sum and the other cells?

    The reader knows ``som`` (``None``: not known), every shown number, that a "<5"
    is 1 to 4 and that an "x" is any count (0 or more). Each "<5" must then still
    have at least two possible values.
    """
    klein = sum(1 for c in cellen if c == "<5")
    if not klein or som is None:
        return True
    verborgen = sum(1 for c in cellen if c == GEHEIM)
    rest = som - sum(c for c in cellen if isinstance(c, int))
    laag = klein - 1  # the other "<5" cells are at least 1 each, the "x" at least 0
    hoog = rest if verborgen else 4 * (klein - 1)
    mogelijk = [v for v in range(1, 5) if laag <= rest - v <= hoog]
    return len(mogelijk) >= 2


def onderdruk_kolom(aantallen: Mapping[str, int], som: int) -> dict[str, Cel]:
    """Cells of one column as they may leave the vault.

    ``som`` is what the column's cells add up to (the measure's total for a dimension
    where each case is in one category). Beyond the "<5" cells, the smallest shown
    counts are hidden as "x" (then zeros) until ``beschermd``; if even that is not
    enough (say five groups of 1), the whole column is "x".
    """
    cellen: dict[str, Cel] = {c: (n if n == 0 or n >= KLEIN else "<5")
                              for c, n in aantallen.items()}
    bekend = None if 0 < som < KLEIN else som
    kandidaten = sorted((c for c, n in aantallen.items() if n >= KLEIN),
                        key=lambda c: (aantallen[c], c))
    kandidaten += sorted(c for c, n in aantallen.items() if n == 0)
    while not beschermd(list(cellen.values()), bekend):
        if not kandidaten:
            return dict.fromkeys(cellen, GEHEIM)
        cellen[kandidaten.pop(0)] = GEHEIM
    return cellen


def onderdruk(telling: Telling) -> dict[str, dict[str, object]]:
    """The whole export's counts: per measure a shown total and per dimension cells.

    Every column is protected as if its cells added up to the measure's total (true
    for all but the multi-select form, where protecting against the sum of its cells
    is stricter still); then the subsets of the signals (``genest``).
    """
    uit: dict[str, dict[str, object]] = {}
    kolommen: dict[str, dict[str, dict[str, Cel]]] = {}
    for maat in MATEN:
        per: dict[str, dict[str, Cel]] = {}
        for dim in DIMENSIES:
            aantallen = dict.fromkeys(CATEGORIEEN.get(dim, ()), 0)
            aantallen.update(telling.per[maat][dim])
            per[dim] = onderdruk_kolom(aantallen, sum(aantallen.values()))
        kolommen[maat] = per
        totaal = telling.totaal[maat]
        uit[maat] = {"totaal": int(weergave(totaal)) if totaal == 0 or totaal >= KLEIN
                     else "<5", "per": per}
    for deel in (REGISTRATIES, SLACHTOFFERS):
        for dim in DIMENSIES:
            if dim != REGIO:  # its one cell is the total
                genest(kolommen[SIGNALEN][dim], kolommen[deel][dim],
                       sum(telling.per[deel][dim].values()))
    return uit


def genest(boven: dict[str, Cel], kolom: dict[str, Cel], som: int) -> None:
    """Registrations and victims are subsets of the signals: where a signals cell and
    the same cell of the subset are both shown and differ by 1 to 4 (say 2 women's
    signals that were not trafficking), the subset's cell is hidden as well; and a
    column whose sum is known never keeps a single hidden cell, which its sum would
    give back. Changes ``kolom`` in place."""
    for categorie, cel in kolom.items():
        bovencel = boven.get(categorie, 0)
        if (isinstance(cel, int) and isinstance(bovencel, int)
                and 0 < bovencel - cel < KLEIN):
            kolom[categorie] = GEHEIM
    if 0 < som < KLEIN or sum(1 for c in kolom.values() if not isinstance(c, int)) != 1:
        return
    getoond = sorted((c for c, n in kolom.items() if isinstance(n, int)),
                     key=lambda c: (kolom[c] == 0, kolom[c], c))
    if getoond:
        kolom[getoond[0]] = GEHEIM
