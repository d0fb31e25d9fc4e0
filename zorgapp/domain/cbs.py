"""Inhabitant figures from a CBS StatLine export ("Bevolking op 1 januari").

StatLine's CSV layout varies with the options the user clicked: the delimiter, quoting,
title and footer lines, a region cell that is a GM code or a name, thousands
separators, and with or without a period column. So the reader is deliberately
tolerant, and works in steps: split into rows, find the header's columns
(``_Kolommen``), read each row's municipality and number, keep the latest period.
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
_JAAR = re.compile(r"(\d{4})")


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
    """The export's non-empty rows, split on the delimiter it uses."""
    tekst = text.lstrip("\ufeff")
    teken = scheidingsteken(tekst)
    return [
        r
        for r in csv.reader(io.StringIO(tekst), delimiter=teken)
        if any(c.strip() for c in r)
    ]


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


def _aantal(cellen: list[str], kolommen: _Kolommen, regio_index: int | None) -> int | None:
    """The number in the population column; with no header, the rightmost whole number
    that is not the region cell."""
    getal_kol = kolommen.getal
    if getal_kol is not None:
        if getal_kol < len(cellen) and getal_kol != regio_index:
            return geheel_getal(cellen[getal_kol])
        return None
    for i in range(len(cellen) - 1, -1, -1):
        if i != regio_index and (waarde := geheel_getal(cellen[i])) is not None:
            return waarde
    return None


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
        vorige = gevonden.get(code)
        if vorige is None or periode >= vorige[0]:
            gevonden[code] = (periode, aantal)
    return gevonden, niet_herkend


def _peildatum(gevonden: Mapping[str, tuple[str, int]]) -> date | None:
    """1 January of the period's year, when all figures share one period."""
    perioden = {p for p, _ in gevonden.values() if p}
    if len(perioden) == 1:
        jaar = _JAAR.search(perioden.pop())
        if jaar:
            return date(int(jaar.group(1)), 1, 1)
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
