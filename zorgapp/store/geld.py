"""What money that holds keeps in the vault: inhabitants per year, issued statements,
and the dates a region took over a case (schema 006_geld).

Plain values in and out: the rules are in ``domain.vaststelling``; the use cases in
``services.allocation_service`` and ``services.region_service``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from zorgapp.store.connection import Connection

# -- inhabitants per year ------------------------------------------------------------


def bewaar_inwoners(db: Connection, cbs_code: str, inwoners: int,
                    peildatum: date | None, bron: str = "") -> None:
    """The figure of one municipality for the year of ``peildatum`` (0: undated)."""
    db.execute(
        "INSERT INTO gemeente_inwoners (cbs_code, jaar, inwoners, peildatum, bron) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT(cbs_code, jaar) DO UPDATE SET "
        "inwoners = excluded.inwoners, peildatum = excluded.peildatum, bron = excluded.bron",
        (cbs_code, peildatum.year if peildatum else 0, inwoners,
         peildatum.isoformat() if peildatum else None, bron))


def inwoners_in_jaar(db: Connection, jaar: int) -> dict[str, tuple[int, date | None]]:
    """Per municipality the figure for ``jaar``: that year's, else the latest before it,
    else the earliest after it (a vault whose first figures are from a later year)."""
    gekozen: dict[str, tuple[int, int, date | None]] = {}  # code -> (rank, inwoners, peil)
    for code, j, inwoners, peil in db.execute(
            "SELECT cbs_code, jaar, inwoners, peildatum FROM gemeente_inwoners"):
        rang = (jaar - j) if j <= jaar else (10_000 + j - jaar)
        huidig = gekozen.get(code)
        if huidig is None or rang < huidig[0]:
            gekozen[code] = (rang, int(inwoners), date.fromisoformat(peil) if peil else None)
    return {code: (inw, peil) for code, (_r, inw, peil) in gekozen.items()}


def inwoners_per_jaar(db: Connection) -> dict[str, dict[int, int]]:
    """Every figure: municipality -> year -> inhabitants (year 0: undated)."""
    uit: dict[str, dict[int, int]] = {}
    for code, jaar, inwoners in db.execute(
            "SELECT cbs_code, jaar, inwoners FROM gemeente_inwoners ORDER BY cbs_code, jaar"):
        uit.setdefault(code, {})[int(jaar)] = int(inwoners)
    return uit


def wis_inwoners(db: Connection) -> None:
    db.execute("DELETE FROM gemeente_inwoners")


# -- issued statements ----------------------------------------------------------------


@dataclass
class Vaststelling:
    """An issued statement as stored: shares, corrections booked in it, settlement."""

    van: date
    tot: date
    sleutel: str
    totaal: str
    niet_verdeeld: str
    vastgesteld_op: str
    actor: str = ""
    aandelen: dict[str, int] = field(default_factory=dict)
    namen: dict[str, str] = field(default_factory=dict)
    # (corrected van, corrected tot, cbs_code) -> cents
    correcties: dict[tuple[date, date, str], int] = field(default_factory=dict)
    verrekening: dict[str, int] = field(default_factory=dict)


def vaststellingen(db: Connection) -> list[Vaststelling]:
    """Every issued statement, oldest period first."""
    uit: dict[int, Vaststelling] = {}
    for vid, van, tot, sleutel, totaal, niet, op, actor in db.execute(
            "SELECT id, van, tot, sleutel, totaal, niet_verdeeld, vastgesteld_op, actor "
            "FROM vaststelling ORDER BY van, tot"):
        uit[vid] = Vaststelling(date.fromisoformat(van), date.fromisoformat(tot), sleutel,
                                totaal, niet, op, actor)
    for vid, soort, pvan, ptot, code, naam, centen in db.execute(
            "SELECT vaststelling_id, soort, periode_van, periode_tot, cbs_code, gemeente, "
            "centen FROM vaststelling_regel ORDER BY rowid"):
        v = uit[vid]
        v.namen.setdefault(code, naam)
        if soort == "aandeel":
            v.aandelen[code] = int(centen)
        elif soort == "verrekening":
            v.verrekening[code] = int(centen)
        else:
            sleutel = (date.fromisoformat(pvan), date.fromisoformat(ptot), code)
            v.correcties[sleutel] = v.correcties.get(sleutel, 0) + int(centen)
    return list(uit.values())


def bewaar_vaststelling(db: Connection, v: Vaststelling) -> None:
    """Store an issued statement; a period is issued once (UNIQUE refuses a second)."""
    vid = db.execute(
        "INSERT INTO vaststelling (van, tot, sleutel, totaal, niet_verdeeld, vastgesteld_op, "
        "actor) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (v.van.isoformat(), v.tot.isoformat(), v.sleutel, v.totaal, v.niet_verdeeld,
         v.vastgesteld_op or datetime.now(UTC).isoformat(timespec="seconds"),
         v.actor)).lastrowid
    rijen: list[tuple[Any, ...]] = [(vid, "aandeel", None, None, c, v.namen.get(c, ""), n)
                                    for c, n in v.aandelen.items()]
    rijen += [(vid, "correctie", pv.isoformat(), pt.isoformat(), c, v.namen.get(c, ""), n)
              for (pv, pt, c), n in v.correcties.items() if n]
    rijen += [(vid, "verrekening", None, None, c, v.namen.get(c, ""), n)
              for c, n in v.verrekening.items()]
    db.executemany(
        "INSERT INTO vaststelling_regel (vaststelling_id, soort, periode_van, periode_tot, "
        "cbs_code, gemeente, centen) VALUES (?, ?, ?, ?, ?, ?, ?)", rijen)


# -- handovers ------------------------------------------------------------------------


def overnames(db: Connection) -> dict[str, tuple[date, str]]:
    """Cases this vault received from another region: dossier -> (first takeover day,
    who handed it over). Costs before that day were allocated by the sender."""
    uit: dict[str, tuple[date, str]] = {}
    for uuid, ts, wie in db.execute(
            "SELECT dossier_uuid, ts, tegenpartij FROM overdracht "
            "WHERE richting = 'import' ORDER BY ts DESC"):
        uit[uuid] = (date.fromisoformat(str(ts)[:10]), wie)  # the latest takeover wins
    return uit
