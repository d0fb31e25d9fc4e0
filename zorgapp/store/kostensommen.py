"""What the amounts of a cost allocation read from the vault: plain values, no objects.

``AllocationService`` explains an allocation line by line from ``Plaatsing`` and
``Kostenpost`` objects; for the amounts alone (``zorgapp allocation``) building those
objects cost seconds at 100,000 dossiers, so these queries give each placement's dates,
rates in cents and binding, and each cost post's cents and binding, nothing more.
Money is stored as decimal text with two decimals (``store.opvang._geld``).
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from zorgapp.domain.geld import centen_exact
from zorgapp.domain.nachtsommen import dagnummer
from zorgapp.store.connection import Connection

# Placements with nights in [van, tot): the same rows as PlaatsingRepository.in_periode.
_IN_PERIODE = ("p.status != 'aangevraagd' AND p.van IS NOT NULL AND p.van < ? "
               "AND (p.tot IS NULL OR p.tot > ?)")
_IMPORT = "SELECT dossier_uuid FROM overdracht WHERE richting = 'import'"


# Cases received from another region: the latest takeover day and who handed it over.
_OVERNAMES = ("SELECT dossier_uuid, substr(max(ts), 1, 10) AS overname, "
              "max(tegenpartij) AS wie FROM overdracht WHERE richting = 'import' "
              "GROUP BY dossier_uuid")


def _overnames(conn: Connection, sleutel: str) -> tuple[str, str]:
    """(columns, join) that give each row its takeover day and sender: a join only in a
    vault that ever received a case (most never do, and the join costs time)."""
    if heeft_overnames(conn):
        return ("o.overname, o.wie",
                f"LEFT JOIN ({_OVERNAMES}) o ON o.dossier_uuid = {sleutel}")
    return "NULL, NULL", ""


def centen(tekst: str) -> int:
    """Stored money (``"123.45"``) in whole cents, exactly; any other spelling goes
    through ``centen_exact``, which refuses a part of a cent."""
    euro, punt, rest = tekst.partition(".")
    if punt and len(rest) == 2 and euro.isdigit() and rest.isdigit():
        return int(euro + rest)
    return int(centen_exact(Decimal(tekst)) * 100)


class PlaatsingNachten(NamedTuple):
    """A placement as the amounts of an allocation read it (a tuple: tens of thousands
    are made per allocation)."""

    nummer: str  # dossiernummer, for a message
    type: str
    financier: str
    van: date
    tot: date | None
    gemeente_code: str | None  # who pays when not the dossier's binding
    dossier_gemeente: str | None
    tarieven: list[tuple[date, int]]  # (valid from, cents per night), oldest first
    overname: date | None = None  # received from another region on this day
    overdrager: str = ""  # who handed it over


class _Gelezen:
    """Dates and amounts as read, each distinct text parsed once: tens of thousands of
    rows share a few hundred days and a handful of rates."""

    def __init__(self) -> None:
        self._dagen: dict[str, date] = {}
        self._centen: dict[str, int] = {}

    def dag(self, tekst: str) -> date:
        found = self._dagen.get(tekst)
        if found is None:
            found = self._dagen[tekst] = date.fromisoformat(tekst)
        return found

    def centen(self, tekst: str) -> int:
        found = self._centen.get(tekst)
        if found is None:
            found = self._centen[tekst] = centen(tekst)
        return found


def plaatsingen(conn: Connection, van: date, tot: date, *, overgenomen: bool = False
                ) -> list[PlaatsingNachten]:
    """Placements with nights in ``[van, tot)``, oldest first (``ORDER BY van, id``);
    ``overgenomen``: of the cases received from another region only."""
    params = (tot.isoformat(), van.isoformat())
    waar = f"{_IN_PERIODE} AND p.dossier_uuid IN ({_IMPORT})" if overgenomen else _IN_PERIODE
    kolommen, join = _overnames(conn, "p.dossier_uuid")
    lees = _Gelezen()
    dag = lees.dag
    tarieven: dict[int, list[tuple[date, int]]] = {}
    for pid, vanaf, tarief in conn.execute(
            "SELECT p.id, t.geldig_vanaf, t.dagtarief FROM plaatsing p "
            "JOIN plaatsing_tarief t ON t.plaatsing_id = p.id "
            f"WHERE {waar} ORDER BY p.id, t.geldig_vanaf", params):
        rij = (dag(vanaf), lees.centen(tarief))
        lijst = tarieven.get(pid)
        if lijst is None:
            tarieven[pid] = [rij]
        else:
            lijst.append(rij)
    return [
        PlaatsingNachten(nummer or "?", soort, financier, dag(begin),
                         dag(einde) if einde else None, code or None, gemeente or None,
                         tarieven.get(pid, []), dag(overname) if overname else None,
                         wie or "")
        for pid, soort, financier, begin, einde, code, gemeente, nummer, overname, wie
        in conn.execute(
            "SELECT p.id, p.type, p.financier, p.van, p.tot, p.gemeente_code, "
            f"d.gemeente, d.dossiernummer, {kolommen} FROM plaatsing p "
            f"LEFT JOIN dossier d ON d.uuid = p.dossier_uuid {join} "
            f"WHERE {waar} ORDER BY p.van, p.id", params)
    ]


class PostCenten(NamedTuple):
    """A cost post as the amounts read it; days as ISO text (``"2025-03-02"``), which
    compare like dates and cost nothing to read."""

    datum: str
    centen: int
    landelijk: bool
    binding: str | None
    overname: str | None
    overdrager: str


def kostenposten(conn: Connection, van: date, tot: date, *, overgenomen: bool = False
                 ) -> list[PostCenten]:
    """Each cost post in ``[van, tot)`` with its dossier's binding and takeover day;
    ``overgenomen``: of the cases received from another region only."""
    kolommen, join = _overnames(conn, "k.dossier_uuid")
    alleen = f" AND k.dossier_uuid IN ({_IMPORT})" if overgenomen else ""
    geld = _Gelezen().centen
    return [PostCenten(datum, geld(bedrag), bool(landelijk), gemeente or None,
                       overname or None, wie or "")
            for datum, bedrag, landelijk, gemeente, overname, wie in conn.execute(
                f"SELECT k.datum, k.bedrag, k.landelijk, d.gemeente, {kolommen} "
                f"FROM kostenpost k LEFT JOIN dossier d ON d.uuid = k.dossier_uuid {join} "
                f"WHERE k.datum >= ? AND k.datum < ?{alleen}", (van.isoformat(), tot.isoformat()))]


# -- sums in SQL ---------------------------------------------------------------------
# At 100,000 dossiers the rows above cost a second of Python objects; these give the
# same amounts grouped (a few hundred groups): the placements' rate runs from one pass
# over small rows, the cost posts summed in SQL. Days are counted as ``nacht_centen`` does
# (first day counts, last day not, a running stay up to ``peil``); each rate's run ends
# where the next rate starts. Anything these cannot read exactly as stored (a night
# without a rate, a date or amount in another spelling) makes them answer None: then
# the rows above decide, with their messages.

_IN_SPAN = _IN_PERIODE.replace("?", ":eind", 1).replace("?", ":begin", 1)


class Nachtgroep(NamedTuple):
    """Rate runs ``[b, e)`` of one kind of placement, binding and rate whose first night
    lies in interval ``kb`` and last night in interval ``ke`` of the bounds asked for;
    ``som_van``/``som_tot`` are the sums of b and e in days since 1970."""

    type: str
    financier: str
    gemeente_code: str | None
    dossier_gemeente: str | None
    dagtarief: str
    kb: int
    ke: int
    aantal: int
    som_van: int
    som_tot: int


class Postgroep(NamedTuple):
    """Cost posts of one interval, funding and binding, summed in cents."""

    interval: int
    landelijk: bool
    binding: str | None
    centen: int


def _interval(kolom: str, grenzen: list[str], teken: str) -> tuple[str, dict[str, str]]:
    """SQL for the index of the interval of ``kolom`` between the inner bounds."""
    if not grenzen:
        return "0", {}
    params = {f"g{i}": g for i, g in enumerate(grenzen)}
    return " + ".join(f"({kolom} {teken} :g{i})" for i in range(len(grenzen))), params


def heeft_overnames(conn: Connection) -> bool:
    """Whether the vault ever received a case from another region."""
    return conn.execute(f"{_IMPORT} LIMIT 1").fetchone() is not None


def _buiten(conn: Connection, kolom: str) -> str:
    """A condition that leaves out cases received from another region (summed row by
    row, with their takeover day); nothing when the vault never received one."""
    return f" AND {kolom} NOT IN ({_IMPORT})" if heeft_overnames(conn) else ""


_SCHEIDING = "\x1f"  # between the kind, financier, own code and binding of a placement
_LOOPT = ("SELECT p.id, p.type || char(31) || p.financier || char(31) || "
          "coalesce(p.gemeente_code, '') || char(31) || coalesce(d.gemeente, ''), "
          "unixepoch(max(p.van, :begin)) / 86400, "
          "unixepoch(min(coalesce(p.tot, :peil), :eind)) / 86400, "
          "unixepoch(t.geldig_vanaf) / 86400, t.dagtarief FROM plaatsing p "
          "LEFT JOIN plaatsing_tarief t ON t.plaatsing_id = p.id AND t.geldig_vanaf < :eind "
          "LEFT JOIN dossier d INDEXED BY dossier_binding ON d.uuid = p.dossier_uuid "
          "WHERE {waar}{buiten} "
          "ORDER BY p.van, p.tot, p.id, t.geldig_vanaf")  # the index's order: no sort


def nachtgroepen(conn: Connection, grenzen: list[date], peil: date) -> list[Nachtgroep] | None:
    """The placements' rate runs in ``[grenzen[0], grenzen[-1])``, grouped by kind,
    binding, rate and the intervals between ``grenzen`` of their first and last night;
    None when a placement has a night without a rate or a date SQLite cannot read.

    One row per rate that starts before the end (most placements: one), in order, so
    a run ends where the placement's next rate starts; days are counted in SQLite
    (``unixepoch``), the rows grouped here: tens of thousands of rows, six values each.
    One function with its loop written out: per row, a call or a tuple more costs tens
    of milliseconds at 100,000 dossiers.
    """
    params = {"begin": grenzen[0].isoformat(), "eind": grenzen[-1].isoformat(),
              "peil": peil.isoformat()}
    binnen = [dagnummer(g) for g in grenzen[1:-1]]
    groepen: dict[tuple[str, str, int, int], list[int]] = {}
    huidig, telt = None, False
    wacht = None  # the run of the row before: (placement, key, rate, first day, end)
    for pid, sleutel, b0, e0, vanaf, tarief in conn.execute(
            _LOOPT.format(waar=_IN_SPAN, buiten=_buiten(conn, "p.dossier_uuid")), params):
        if wacht is not None:  # it ends where this placement's next rate starts
            w_pid, w_sleutel, w_tarief, van, tot = wacht
            if w_pid == pid and vanaf < tot:
                tot = vanaf
            if van < tot:
                groep = (w_sleutel, w_tarief, bisect_right(binnen, van),
                         bisect_right(binnen, tot - 1))
                som = groepen.get(groep)
                if som is None:
                    groepen[groep] = [1, van, tot]
                else:
                    som[0] += 1
                    som[1] += van
                    som[2] += tot
            wacht = None
        if pid != huidig:  # a new placement: its first rate must cover its first night
            huidig = pid
            if b0 is None or e0 is None:
                return None
            telt = b0 < e0
            if telt and (vanaf is None or vanaf > b0):
                if vanaf is None and sleutel.startswith("AMBULANT" + _SCHEIDING):
                    telt = False  # outpatient support without rates costs nothing
                else:
                    return None
        if telt:
            wacht = (pid, sleutel, tarief, vanaf if vanaf > b0 else b0, e0)
    if wacht is not None:
        _w, w_sleutel, w_tarief, van, tot = wacht
        if van < tot:
            groep = (w_sleutel, w_tarief, bisect_right(binnen, van), bisect_right(binnen, tot - 1))
            som = groepen.setdefault(groep, [0, 0, 0])
            som[0] += 1
            som[1] += van
            som[2] += tot
    uit = []
    for (sleutel, tarief, kb, ke), (aantal, som_van, som_tot) in groepen.items():
        soort, financier, code, gemeente = sleutel.split(_SCHEIDING)
        uit.append(Nachtgroep(soort, financier, code or None, gemeente or None, tarief, kb, ke,
                              aantal, som_van, som_tot))
    return uit


def postgroepen(conn: Connection, grenzen: list[date]) -> list[Postgroep] | None:
    """The cost posts in ``[grenzen[0], grenzen[-1])`` summed per interval, funding and
    binding; None when an amount is not stored as ``123.45`` or ``-123.45``."""
    params = {"begin": grenzen[0].isoformat(), "eind": grenzen[-1].isoformat()}
    interval, extra = _interval("k.datum", [g.isoformat() for g in grenzen[1:-1]], ">=")
    params.update(extra)
    cijfers = "CASE WHEN k.bedrag GLOB '-*' THEN substr(k.bedrag, 2) ELSE k.bedrag END"
    rijen = conn.execute(
        f"SELECT {interval}, k.landelijk, d.gemeente, "
        "sum(CAST(replace(k.bedrag, '.', '') AS INTEGER)), "
        f"total(NOT (({cijfers}) GLOB '*[0-9].[0-9][0-9]' AND length(k.bedrag) < 16 AND NOT "
        f"substr({cijfers}, 1, length({cijfers}) - 3) GLOB '*[^0-9]*')) "
        "FROM kostenpost k LEFT JOIN dossier d INDEXED BY dossier_binding "
        "ON d.uuid = k.dossier_uuid "
        f"WHERE k.datum >= :begin AND k.datum < :eind{_buiten(conn, 'k.dossier_uuid')} "
        "GROUP BY 1, 2, 3", params).fetchall()
    if any(r[4] for r in rijen):
        return None
    uit: dict[tuple[int, bool, str | None], int] = {}
    for i, landelijk, gemeente, centen_som, _vreemd in rijen:
        sleutel = (i, bool(landelijk), gemeente or None)  # 0/1 and ''/NULL: one group each
        uit[sleutel] = uit.get(sleutel, 0) + centen_som
    return [Postgroep(i, landelijk, binding, c) for (i, landelijk, binding), c in uit.items()]

