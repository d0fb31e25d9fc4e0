"""The statistics file (``docs/stats-format.md``): build it, check it, merge, to CSV.

Merging adds what the files show and nothing else: an exact count plus an exact count
stays exact; a cell with a hidden part ("<5", "x" or an earlier "≥N") becomes "≥N",
N being the least the parts can add up to ("<5" counts as 1, "x" as 0), or "x" when
that is 0. So a merged
file is a function of the regional files alone and can never un-suppress a cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from zorgapp.domain.errors import N_, DomainError
from zorgapp.domain.jaarbeeld import GEHEIM, KLEIN
from zorgapp.domain.statistiek import DIMENSIES, MATEN, Cel, Telling, onderdruk

FORMAAT = "zorgapp-statistiek"
VERSIE = 1
CSV_KOLOMMEN = ("jaar", "maat", "dimensie", "categorie", "waarde")
_ONDERGRENS = re.compile(r"≥(\d+)")


class StatistiekFout(DomainError):
    """A file that is not a statistics export, or files that do not belong together."""


def export(telling: Telling) -> dict[str, Any]:
    """The file as it leaves the vault: only suppressed counts, the year, the region."""
    return {"formaat": FORMAAT, "versie": VERSIE, "jaar": telling.jaar,
            "regios": [telling.regio], "samengevoegd": False,
            "maten": onderdruk(telling)}


def _cel_ok(cel: object) -> bool:
    if isinstance(cel, bool):
        return False
    if isinstance(cel, int):
        return cel == 0 or cel >= KLEIN
    return cel in ("<5", GEHEIM) or (isinstance(cel, str)
                                     and _ONDERGRENS.fullmatch(cel) is not None)


def _vorm_ok(data: dict[str, Any]) -> bool:
    """Every measure and dimension there, every cell one of the allowed kinds."""
    maten, regios, jaar = data.get("maten"), data.get("regios"), data.get("jaar")
    if not (isinstance(jaar, int) and not isinstance(jaar, bool)
            and isinstance(regios, list) and all(isinstance(r, str) for r in regios)
            and isinstance(maten, dict) and set(maten) == set(MATEN)):
        return False
    for maat in MATEN:
        m = maten[maat]
        if not (isinstance(m, dict) and _cel_ok(m.get("totaal"))
                and isinstance(m.get("per"), dict) and set(m["per"]) == set(DIMENSIES)):
            return False
        if not all(isinstance(kol, dict) and all(_cel_ok(c) for c in kol.values())
                   for kol in m["per"].values()):
            return False
    return True


def controleer(data: object, naam: str = "") -> dict[str, Any]:
    """The file if it is a statistics export of this format with only allowed cells."""
    if not isinstance(data, dict) or data.get("formaat") != FORMAAT:
        raise StatistiekFout(N_("{bestand} is geen statistiekexport van Zorgapp."),
                             bestand=naam)
    if data.get("versie") != VERSIE:
        raise StatistiekFout(N_("{bestand} heeft formaatversie {versie}; deze versie van "
                                "Zorgapp leest alleen versie {verwacht}."),
                             bestand=naam, versie=data.get("versie"), verwacht=VERSIE)
    if not _vorm_ok(data):
        raise StatistiekFout(N_("{bestand} is een beschadigde of onvolledige "
                                "statistiekexport."), bestand=naam)
    return data


def _ondergrens(cel: Cel) -> tuple[int, bool]:
    """(least value, exact?) of a cell."""
    if isinstance(cel, int):
        return cel, True
    if cel == "<5":
        return 1, False
    if cel == GEHEIM:
        return 0, False
    match = _ONDERGRENS.fullmatch(str(cel))
    return (int(match.group(1)) if match else 0), False


def tel_op(cellen: Iterable[Cel]) -> Cel:
    """One merged cell: exact when every part is, else "≥N"."""
    som, exact = 0, True
    for cel in cellen:
        waarde, precies = _ondergrens(cel)
        som += waarde
        exact = exact and precies
    if exact:
        return som
    return f"≥{som}" if som else GEHEIM


def samenvoegen(bestanden: Sequence[tuple[str, object]]) -> dict[str, Any]:
    """Several regions' files (name, parsed JSON) into one picture of the same year."""
    if len(bestanden) < 2:
        raise StatistiekFout(N_("Geef minstens twee statistiekbestanden om samen te voegen."))
    data = [controleer(d, naam) for naam, d in bestanden]
    jaren = sorted({d["jaar"] for d in data})
    if len(jaren) > 1:
        raise StatistiekFout(N_("De bestanden gaan over verschillende jaren ({jaren}); "
                                "voeg alleen bestanden van hetzelfde jaar samen."),
                             jaren=", ".join(str(j) for j in jaren))
    regios: list[str] = []
    for d in data:
        for r in d["regios"]:
            if r in regios:
                raise StatistiekFout(N_("Regio {regio} staat in meer dan één bestand; "
                                        "dan zou ze dubbel worden geteld."), regio=r)
            regios.append(r)
    maten: dict[str, Any] = {}
    for maat in MATEN:
        per: dict[str, dict[str, Cel]] = {}
        for dim in DIMENSIES:
            kolommen = [d["maten"][maat]["per"][dim] for d in data]
            cats = list(dict.fromkeys(c for kol in kolommen for c in kol))
            per[dim] = {c: tel_op(kol.get(c, 0) for kol in kolommen) for c in cats}
        maten[maat] = {"totaal": tel_op(d["maten"][maat]["totaal"] for d in data),
                       "per": per}
    return {"formaat": FORMAAT, "versie": VERSIE, "jaar": jaren[0], "regios": regios,
            "samengevoegd": True, "maten": maten}


def csv_rijen(data: dict[str, Any]) -> list[tuple[str, ...]]:
    """The file as CSV rows (header first): one row per total and per cell."""
    rijen: list[tuple[str, ...]] = [CSV_KOLOMMEN]
    jaar = str(data["jaar"])
    for maat in MATEN:
        m = data["maten"][maat]
        rijen.append((jaar, maat, "totaal", "", str(m["totaal"])))
        for dim in DIMENSIES:
            for cat, cel in m["per"][dim].items():
                rijen.append((jaar, maat, dim, cat, str(cel)))
    return rijen


def cellen(data: dict[str, Any]) -> Iterable[Cel]:
    """Every cell and total of a file (for checks)."""
    for maat in MATEN:
        yield data["maten"][maat]["totaal"]
        for kol in data["maten"][maat]["per"].values():
            yield from kol.values()
