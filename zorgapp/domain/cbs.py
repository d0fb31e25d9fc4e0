"""Inhabitant figures from a CBS StatLine export ("Bevolking op 1 januari").

StatLine's CSV layout varies with the options the user clicked: the delimiter, quoting,
title and footer lines, a region cell that is a GM code or a name, thousands
separators, and with or without a period column. So the reader is deliberately
tolerant, and works in steps: split into rows, find the header's columns
(``_Kolommen``), read each row's municipality and number, keep the latest period.

Tolerant about layout, strict about values: a file that is not CSV (binary data, a
line beyond the csv module's field limit), a number no municipality can have, or a
period that is not a year is refused with a message, never read as something else.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from zorgapp.domain.errors import N_, DomainError
from zorgapp.domain.regio import (
    Gemeente,
    geheel_getal,
    normaliseer_cbs_code,
    scheidingsteken,
)

_CODE_IN_CEL = re.compile(r"^\s*GM\s*(\d{4})\s*$", re.IGNORECASE)
_JAAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")  # "2025", "2025JJ00"; not "99999"
#: A StatLine export of every municipality over decades is well under 1 MB.
MAX_TEKENS = 5_000_000
#: More than the whole country: no municipality has it.
MAX_INWONERS = 20_000_000
#: Years a population figure can be for (CBS prognoses run to 2070).
EERSTE_JAAR, LAATSTE_JAAR = 1800, 2200
#: Digits (and separators) a figure up to MAX_INWONERS can take: "20.000.000".
_MAX_GETAL_TEKENS = 16
#: Control characters no text file has: binary data (tab, CR, LF and FF are text).
_BINAIR = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CIJFERS = re.compile(r"\d[\d.\s\u00a0\u202f,]*")

_GEEN_CSV = N_(
    "Dit bestand is geen CSV-export die Zorgapp kan lezen: het is te groot, bevat "
    "binaire gegevens of een veld dat te lang is. Exporteer uit CBS StatLine "
    "'Bevolking op 1 januari' per gemeente als CSV."
)


def naam_sleutel(naam: str) -> str:
    """A name for matching only: no accents, case, punctuation or CBS's "(gemeente)" tag."""
    zonder = unicodedata.normalize("NFKD", naam)
    zonder = "".join(c for c in zonder if not unicodedata.combining(c)).casefold()
    zonder = re.sub(r"\(\s*gemeente\s*\)", "", zonder)
    return re.sub(r"[^a-z0-9]+", "", zonder)


@dataclass(frozen=True)
class CbsBevolking:
    """Result of reading a CBS export: figures, their date when the file says, and misses."""

    inwoners: dict[str, int]
    peildatum: date | None
    niet_herkend: list[str]


@dataclass(frozen=True)
class _Kolommen:
    """Where the population number and the period are (None: no such header)."""

    getal: int | None = None
    periode: int | None = None


def _rijen(text: str) -> list[list[str]]:
    """The export's non-empty rows, split on the delimiter it uses; refused when it is
    not text (control characters) or the csv module cannot split it."""
    tekst = text.lstrip("\ufeff")
    if len(tekst) > MAX_TEKENS or _BINAIR.search(tekst):
        raise DomainError(_GEEN_CSV)
    try:
        teken = scheidingsteken(tekst)
        return [
            r
            for r in csv.reader(io.StringIO(tekst), delimiter=teken)
            if any(c.strip() for c in r)
        ]
    except csv.Error:  # a field over the limit, a stray line break: not an export
        raise DomainError(_GEEN_CSV) from None


def _is_gegevensrij(rij: list[str], namen: Mapping[str, str]) -> bool:
    """A row that names a municipality: where the header has ended."""
    return any(
        _CODE_IN_CEL.match(c) or naam_sleutel(c) in namen for c in rij if c.strip()
    )


def _kolommen(rijen: list[list[str]], namen: Mapping[str, str]) -> _Kolommen:
    """The header is the last row before the data that names a population column;
    title lines (one cell) and footers ("Bron: CBS") do not count."""
    kolommen = _Kolommen()
    for rij in rijen:
        if _is_gegevensrij(rij, namen):
            break
        kop = [c.strip().casefold() for c in rij]
        kandidaten = [
            i for i, c in enumerate(kop) if "bevolking" in c or "inwoners" in c
        ]
        if kandidaten and len(rij) >= 2:
            perioden = [
                i
                for i, c in enumerate(kop)
                if "periode" in c or c in ("jaar", "perioden")
            ]
            kolommen = _Kolommen(kandidaten[-1], perioden[0] if perioden else None)
    return kolommen


def _regio_cel(cellen: list[str], namen: Mapping[str, str]) -> tuple[str | None, int | None]:
    """(CBS code, index of its cell): a GM code first, else a known name."""
    for i, cel in enumerate(cellen):
        if _CODE_IN_CEL.match(cel):
            return normaliseer_cbs_code(cel), i
    for i, cel in enumerate(cellen):
        if cel and naam_sleutel(cel) in namen:
            return namen[naam_sleutel(cel)], i
    return None, None


def _getal(cel: str) -> int | None:
    """A whole number, or None; a number too long for any municipality counts as
    ``MAX_INWONERS + 1`` (refused later) without converting thousands of digits."""
    schoon = cel.strip()
    if len(schoon) > _MAX_GETAL_TEKENS:
        return MAX_INWONERS + 1 if _CIJFERS.fullmatch(schoon) else None
    return geheel_getal(schoon)


def _aantal(cellen: list[str], kolommen: _Kolommen, regio_index: int | None) -> int | None:
    """The number in the population column; with no header, the rightmost whole number
    that is not the region cell."""
    getal_kol = kolommen.getal
    if getal_kol is not None:
        if getal_kol < len(cellen) and getal_kol != regio_index:
            return _getal(cellen[getal_kol])
        return None
    for i in range(len(cellen) - 1, -1, -1):
        if i != regio_index and (waarde := _getal(cellen[i])) is not None:
            return waarde
    return None


def _jaar(periode: str) -> int | None:
    """The year a period names ("2025", "2025JJ00", "1 januari 2025"), or None."""
    gevonden = _JAAR.findall(periode)
    if len(gevonden) != 1 or not EERSTE_JAAR <= int(gevonden[0]) <= LAATSTE_JAAR:
        return None
    return int(gevonden[0])


def _controleer(code: str, periode: str, aantal: int) -> None:
    """Refuse an impossible figure or a period that is not a year."""
    if not 0 <= aantal <= MAX_INWONERS:
        raise DomainError(
            N_("Het inwonertal bij {gemeente} in dit bestand is onmogelijk groot."),
            gemeente=code,
        )
    if periode and _jaar(periode) is None:
        raise DomainError(
            N_(
                "De periode '{periode}' bij {gemeente} in dit bestand is geen jaartal "
                "tussen {eerste} en {laatste}."
            ),
            periode=periode[:20],
            gemeente=code,
            eerste=EERSTE_JAAR,
            laatste=LAATSTE_JAAR,
        )


def _periode(cellen: list[str], kolommen: _Kolommen, regio_index: int | None) -> str:
    """The row's period text; empty without a period column."""
    kol = kolommen.periode
    if kol is not None and kol < len(cellen) and kol != regio_index:
        return cellen[kol]
    return ""


def _lees_rijen(
    rijen: list[list[str]], namen: Mapping[str, str], kolommen: _Kolommen
) -> tuple[dict[str, tuple[str, int]], list[str]]:
    """(period and number per code, the latest period winning; first cells of rows
    with a number but no municipality we know)."""
    gevonden: dict[str, tuple[str, int]] = {}
    niet_herkend: list[str] = []
    for rij in rijen:
        cellen = [c.strip() for c in rij]
        code, regio_index = _regio_cel(cellen, namen)
        aantal = _aantal(cellen, kolommen, regio_index)
        if code is None:
            eerste = next((c for c in cellen if c), "")
            if aantal is not None and eerste and geheel_getal(eerste) is None:
                niet_herkend.append(eerste)
            continue
        if aantal is None:
            continue
        periode = _periode(cellen, kolommen, regio_index)
        _controleer(code, periode, aantal)
        vorige = gevonden.get(code)
        if vorige is None or _volgorde(periode) >= _volgorde(vorige[0]):
            gevonden[code] = (periode, aantal)
    return gevonden, niet_herkend


def _volgorde(periode: str) -> tuple[int, str]:
    """Periods by year first, so that "2025" is later than "1 januari 2024"."""
    return (_jaar(periode) or 0, periode)


def _peildatum(gevonden: Mapping[str, tuple[str, int]]) -> date | None:
    """1 January of the period's year, when all figures share one period."""
    perioden = {p for p, _ in gevonden.values() if p}
    if len(perioden) == 1:
        jaar = _jaar(perioden.pop())
        if jaar is not None:
            return date(jaar, 1, 1)
    return None


def lees_cbs_bevolking(
    text: str, gemeenten: Mapping[str, Gemeente] | None = None
) -> CbsBevolking:
    """Read a CBS StatLine "Bevolking op 1 januari" export, whatever options made it.

    Accepts ``;``, ``,`` or tab, quoted or not, title and footer lines around the table,
    a region cell that is a GM code (``"GM0546  "``) or a name (``"Leiden"``,
    ``"Groningen (gemeente)"``; names need ``gemeenten`` to find their code), and
    numbers with dots or spaces between thousands. With a period column the latest
    period wins and gives the reference date (1 January of that year).
    """
    rijen = _rijen(text)
    namen = {naam_sleutel(g.naam): g.cbs_code for g in (gemeenten or {}).values()}
    gevonden, niet_herkend = _lees_rijen(rijen, namen, _kolommen(rijen, namen))
    if not gevonden:
        raise DomainError(
            N_(
                "In dit bestand staan geen bruikbare inwoneraantallen. Exporteer uit CBS "
                "StatLine 'Bevolking op 1 januari' per gemeente als CSV."
            )
        )
    return CbsBevolking(
        inwoners={code: aantal for code, (_, aantal) in sorted(gevonden.items())},
        peildatum=_peildatum(gevonden),
        niet_herkend=niet_herkend,
    )


def lees_cbs_bevolking_csv(
    text: str, gemeenten: Mapping[str, Gemeente] | None = None
) -> dict[str, int]:
    """Inhabitants per CBS code from a StatLine export; see :func:`lees_cbs_bevolking`."""
    return lees_cbs_bevolking(text, gemeenten).inwoners
