"""Shelters, placements, cost posts and the region in the vault: rows <-> domain objects.

Money goes in and out as decimal text (``"123.45"``), dates as ISO text. Callers hold
the vault's transaction (writes) or read lock (reads); auditing is the services' job.
"""

from __future__ import annotations

import uuid as _uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from zorgapp.domain.allocation import Sleutel, Verdeelsleutel
from zorgapp.domain.kosten import Kostenpost, KostenSoort
from zorgapp.domain.opvang import (
    Financier,
    Locatie,
    OpvangType,
    Plaatsing,
    PlaatsingStatus,
    Tarief,
)
from zorgapp.domain.regio import Gemeente, Regio
from zorgapp.errors import N_, NotFoundError
from zorgapp.store.connection import Connection
from zorgapp.store.geld import bewaar_inwoners, wis_inwoners


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _geld(value: Decimal) -> str:
    """Money as text with exactly two decimals: what is stored is what was agreed."""
    return f"{value:.2f}"


# -- shelters ------------------------------------------------------------------------


@dataclass(frozen=True)
class LocatieRij:
    """A location with what the registry list shows besides the domain object."""

    locatie: Locatie
    organisatie_uuid: str
    actief: bool
    is_demo: bool


_LOCATIE_SQL = (
    "SELECT l.uuid, o.naam, l.naam, l.type, l.contact, l.capaciteit, l.adres_geheim, "
    "l.adres, l.organisatie_uuid, l.actief, l.is_demo "
    "FROM opvang_locatie l JOIN opvang_organisatie o ON o.uuid = l.organisatie_uuid"
)


class OpvangRepository:
    """Organisations, locations and their default rates."""

    def __init__(self, conn: Connection) -> None:
        self.db = conn

    def organisatie_uuid(self, naam: str, contact: str = "", is_demo: bool = False) -> str:
        """The organisation with this name, created when new."""
        naam = naam.strip()
        row = self.db.execute(
            "SELECT uuid FROM opvang_organisatie WHERE naam = ?", (naam,)).fetchone()
        if row:
            return str(row[0])
        nieuw = str(_uuid.uuid4())
        self.db.execute(
            "INSERT INTO opvang_organisatie (uuid, naam, contact, is_demo, gewijzigd_op) "
            "VALUES (?, ?, ?, ?, ?)", (nieuw, naam, contact, int(is_demo), _now()))
        return nieuw

    def bewaar(self, locatie: Locatie, *, actief: bool = True, is_demo: bool = False) -> None:
        """Insert or update a location and replace its rates."""
        org = self.organisatie_uuid(locatie.organisatie, is_demo=is_demo)
        values = (org, locatie.naam.strip(), str(locatie.type), locatie.contact,
                  locatie.capaciteit, int(locatie.adres_geheim), locatie.adres,
                  int(actief), _now())
        exists = self.db.execute(
            "SELECT 1 FROM opvang_locatie WHERE uuid = ?", (locatie.uuid,)).fetchone()
        if exists:
            self.db.execute(
                "UPDATE opvang_locatie SET organisatie_uuid = ?, naam = ?, type = ?, "
                "contact = ?, capaciteit = ?, adres_geheim = ?, adres = ?, actief = ?, "
                "gewijzigd_op = ? WHERE uuid = ?", (*values, locatie.uuid))
        else:
            self.db.execute(
                "INSERT INTO opvang_locatie (organisatie_uuid, naam, type, contact, "
                "capaciteit, adres_geheim, adres, actief, gewijzigd_op, uuid, is_demo) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*values, locatie.uuid, int(is_demo)))
        self.db.execute("DELETE FROM opvang_locatie_tarief WHERE locatie_uuid = ?",
                        (locatie.uuid,))
        self.db.executemany(
            "INSERT INTO opvang_locatie_tarief (locatie_uuid, geldig_vanaf, dagtarief) "
            "VALUES (?, ?, ?)",
            [(locatie.uuid, t.geldig_vanaf.isoformat(), _geld(t.dagtarief))
             for t in locatie.tarieven])

    def _tarieven(self, uuids: Sequence[str]) -> dict[str, list[Tarief]]:
        result: dict[str, list[Tarief]] = {u: [] for u in uuids}
        for start in range(0, len(uuids), 500):
            chunk = list(uuids[start:start + 500])
            marks = ",".join("?" for _ in chunk)
            for loc, vanaf, tarief in self.db.execute(
                    "SELECT locatie_uuid, geldig_vanaf, dagtarief FROM opvang_locatie_tarief "
                    f"WHERE locatie_uuid IN ({marks})", chunk):
                result[loc].append(Tarief(Decimal(tarief), date.fromisoformat(vanaf)))
        return result

    def _rijen(self, where: str = "", params: Sequence[Any] = ()) -> list[LocatieRij]:
        rows = self.db.execute(f"{_LOCATIE_SQL} {where} ORDER BY l.type, l.naam",
                               tuple(params)).fetchall()
        tarieven = self._tarieven([r[0] for r in rows])
        return [
            LocatieRij(
                locatie=Locatie(uuid=r[0], organisatie=r[1], naam=r[2], type=OpvangType(r[3]),
                                contact=r[4], capaciteit=r[5], adres_geheim=bool(r[6]),
                                adres=r[7], tarieven=tarieven[r[0]]),
                organisatie_uuid=r[8], actief=bool(r[9]), is_demo=bool(r[10]))
            for r in rows
        ]

    def alle(self, alleen_actief: bool = False) -> list[LocatieRij]:
        return self._rijen("WHERE l.actief = 1" if alleen_actief else "")

    def get(self, uuid: str) -> LocatieRij:
        rows = self._rijen("WHERE l.uuid = ?", (uuid,))
        if not rows:
            raise NotFoundError(N_("Opvanglocatie niet gevonden."))
        return rows[0]

    def namen(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT uuid, naam FROM opvang_locatie"))

    def organisaties(self) -> list[str]:
        return [r[0] for r in self.db.execute(
            "SELECT naam FROM opvang_organisatie ORDER BY naam COLLATE NOCASE")]


# -- placements ------------------------------------------------------------------------

_PLAATSING_COLUMNS = ("uuid, dossier_uuid, locatie_uuid, type, status, aangevraagd_op, van, "
                      "tot, einde_reden, financier, gemeente_code, evaluatiedatum, "
                      "verwachte_einddatum")


def _plaatsing_waarden(p: Plaatsing) -> tuple[Any, ...]:
    return (p.uuid, p.dossier_uuid, p.locatie_uuid, str(p.type), str(p.status),
            _iso(p.aangevraagd_op), _iso(p.van), _iso(p.tot), p.einde_reden,
            str(p.financier), p.gemeente_code, _iso(p.evaluatiedatum),
            _iso(p.verwachte_einddatum))


#: A rate (from, per day, placement uuid), keyed by the placement's row id (schema 18).
_TARIEF_INSERT = ("INSERT INTO plaatsing_tarief (plaatsing_id, geldig_vanaf, dagtarief) "
                  "SELECT id, ?, ? FROM plaatsing WHERE uuid = ?")


class PlaatsingRepository:
    def __init__(self, conn: Connection, tarieven: bool = True) -> None:
        """``tarieven=False``: placements without their rates, for a migration step that
        runs before schema 18 gave the rates' table its present shape."""
        self.db = conn
        self.tarieven = tarieven

    def insert(self, p: Plaatsing, is_demo: bool = False) -> None:
        self.insert_many([p], is_demo=is_demo)

    def insert_many(self, plaatsingen: Iterable[Plaatsing], is_demo: bool = False) -> int:
        """Bulk insert (demo vaults): one executemany per table."""
        now = _now()
        rows, rates = [], []
        for p in plaatsingen:
            rows.append((*_plaatsing_waarden(p), int(is_demo), now))
            rates += [(t.geldig_vanaf.isoformat(), _geld(t.dagtarief), p.uuid)
                      for t in p.tarieven]
        self.db.executemany(
            f"INSERT INTO plaatsing ({_PLAATSING_COLUMNS}, is_demo, gewijzigd_op) "
            f"VALUES ({', '.join('?' * 15)})", rows)
        self.db.executemany(_TARIEF_INSERT, rates)
        return len(rows)

    def update(self, p: Plaatsing) -> None:
        names = _PLAATSING_COLUMNS.split(", ")[1:]
        waarden = _plaatsing_waarden(p)[1:]
        assignments = ", ".join(f"{n} = ?" for n in names)
        self.db.execute(f"UPDATE plaatsing SET {assignments}, gewijzigd_op = ? WHERE uuid = ?",
                        (*waarden, _now(), p.uuid))
        self.db.execute("DELETE FROM plaatsing_tarief WHERE plaatsing_id = "
                        "(SELECT id FROM plaatsing WHERE uuid = ?)", (p.uuid,))
        self.db.executemany(
            _TARIEF_INSERT,
            [(t.geldig_vanaf.isoformat(), _geld(t.dagtarief), p.uuid) for t in p.tarieven])

    def _lees(self, where: str, params: Sequence[Any]) -> list[Plaatsing]:
        rows = self.db.execute(
            f"SELECT {_PLAATSING_COLUMNS} FROM plaatsing {where}", tuple(params)).fetchall()
        uuids = [r[0] for r in rows]
        tarieven: dict[str, list[Tarief]] = {u: [] for u in uuids}
        for start in range(0, len(uuids) if self.tarieven else 0, 500):
            chunk = uuids[start:start + 500]
            marks = ",".join("?" for _ in chunk)
            for pu, vanaf, tarief in self.db.execute(
                    "SELECT p.uuid, t.geldig_vanaf, t.dagtarief FROM plaatsing p "
                    f"JOIN plaatsing_tarief t ON t.plaatsing_id = p.id WHERE p.uuid IN ({marks})",
                    chunk):
                tarieven[pu].append(Tarief(Decimal(tarief), date.fromisoformat(vanaf)))
        return [
            Plaatsing(uuid=r[0], dossier_uuid=r[1], locatie_uuid=r[2], type=OpvangType(r[3]),
                      status=PlaatsingStatus(r[4]), aangevraagd_op=_d(r[5]), van=_d(r[6]),
                      tot=_d(r[7]), einde_reden=r[8], financier=Financier(r[9]),
                      gemeente_code=r[10], evaluatiedatum=_d(r[11]),
                      verwachte_einddatum=_d(r[12]), tarieven=tarieven[r[0]])
            for r in rows
        ]

    def get(self, uuid: str) -> Plaatsing:
        found = self._lees("WHERE uuid = ?", (uuid,))
        if not found:
            raise NotFoundError(N_("Plaatsing niet gevonden."))
        return found[0]

    def voor_dossier(self, dossier_uuid: str) -> list[Plaatsing]:
        """A dossier's placements, oldest first (requests without a date last)."""
        return self._lees("WHERE dossier_uuid = ? ORDER BY van IS NULL, van, aangevraagd_op, id",
                          (dossier_uuid,))

    def in_periode(self, van: date, tot: date) -> list[Plaatsing]:
        """Placements with nights in ``[van, tot)`` (requests never have nights)."""
        return self._lees(
            "WHERE status != 'aangevraagd' AND van IS NOT NULL AND van < ? "
            "AND (tot IS NULL OR tot > ?) ORDER BY van, id",
            (tot.isoformat(), van.isoformat()))

    def lopend_op(self, dag: date) -> list[Plaatsing]:
        """Placements whose client sleeps there the night of ``dag``."""
        return self._lees(
            "WHERE status = 'geplaatst' AND van <= ? AND (tot IS NULL OR tot > ?) ORDER BY van",
            (dag.isoformat(), dag.isoformat()))

    def lopend_vanaf(self, locatie_uuid: str, dag: date) -> list[Plaatsing]:
        """Stays at one location with a night on or after ``dag`` (capacity checks)."""
        return self._lees(
            "WHERE locatie_uuid = ? AND status != 'aangevraagd' AND van IS NOT NULL "
            "AND (tot IS NULL OR tot > ?) ORDER BY van", (locatie_uuid, dag.isoformat()))

    def open_met_einde_voor(self, horizon: date) -> list[Plaatsing]:
        """Running placements expected to end (or to be evaluated) on or before ``horizon``."""
        return self._lees(
            "WHERE status = 'geplaatst' AND verwachte_einddatum IS NOT NULL "
            "AND verwachte_einddatum <= ? ORDER BY verwachte_einddatum, id",
            (horizon.isoformat(),))


# -- cost posts ------------------------------------------------------------------------


class KostenpostRepository:
    def __init__(self, conn: Connection) -> None:
        self.db = conn

    def insert_many(self, posten: Iterable[Kostenpost], is_demo: bool = False) -> int:
        now = _now()
        rows = [(p.uuid, p.dossier_uuid, str(p.soort), p.datum.isoformat(), _geld(p.bedrag),
                 p.omschrijving, int(p.landelijk), int(is_demo), now) for p in posten]
        self.db.executemany(
            "INSERT INTO kostenpost (uuid, dossier_uuid, soort, datum, bedrag, omschrijving, "
            "landelijk, is_demo, gewijzigd_op) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        return len(rows)

    def insert(self, post: Kostenpost) -> None:
        self.insert_many([post])

    def delete(self, uuid: str) -> None:
        self.db.execute("DELETE FROM kostenpost WHERE uuid = ?", (uuid,))

    def _lees(self, where: str, params: Sequence[Any]) -> list[Kostenpost]:
        return [
            Kostenpost(uuid=r[0], dossier_uuid=r[1], soort=KostenSoort(r[2]),
                       datum=date.fromisoformat(r[3]), bedrag=Decimal(r[4]),
                       omschrijving=r[5], landelijk=bool(r[6]))
            for r in self.db.execute(
                "SELECT uuid, dossier_uuid, soort, datum, bedrag, omschrijving, landelijk "
                f"FROM kostenpost {where}", tuple(params))
        ]

    def get(self, uuid: str) -> Kostenpost:
        found = self._lees("WHERE uuid = ?", (uuid,))
        if not found:
            raise NotFoundError(N_("Kostenpost niet gevonden."))
        return found[0]

    def voor_dossier(self, dossier_uuid: str) -> list[Kostenpost]:
        return self._lees("WHERE dossier_uuid = ? ORDER BY datum, id", (dossier_uuid,))

    def in_periode(self, van: date, tot: date) -> list[Kostenpost]:
        return self._lees("WHERE datum >= ? AND datum < ? ORDER BY datum, id",
                          (van.isoformat(), tot.isoformat()))


# -- region ----------------------------------------------------------------------------


class RegioRepository:
    """The vault's one region, its municipalities and its allocation key per year."""

    def __init__(self, conn: Connection) -> None:
        self.db = conn

    def naam(self) -> str | None:
        row = self.db.execute("SELECT naam FROM regio WHERE id = 1").fetchone()
        return str(row[0]) if row else None

    def zet_naam(self, naam: str) -> None:
        self.db.execute(
            "INSERT INTO regio (id, naam, gewijzigd_op) VALUES (1, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET naam = excluded.naam, "
            "gewijzigd_op = excluded.gewijzigd_op", (naam, _now()))

    def gemeenten(self, alleen_regio: bool = False) -> dict[str, Gemeente]:
        where = "WHERE in_regio = 1 OR opgegaan_in IS NOT NULL" if alleen_regio else ""
        return {
            r[0]: Gemeente(cbs_code=r[0], naam=r[1], inwoners=r[2], peildatum=_d(r[3]),
                           opgegaan_in=r[4], veiligheidsregio=r[5])
            for r in self.db.execute(
                "SELECT cbs_code, naam, inwoners, peildatum, opgegaan_in, veiligheidsregio "
                f"FROM gemeente {where} ORDER BY cbs_code")
        }

    def in_regio(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT cbs_code FROM gemeente WHERE in_regio = 1")}

    def bronnen(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self.db.execute("SELECT cbs_code, bron FROM gemeente")}

    def regio(self) -> Regio | None:
        naam = self.naam()
        if naam is None:
            return None
        alle = self.gemeenten()
        leden = self.in_regio()
        # Members plus every municipality that merged into a member (chains included),
        # so a case bound to an old code finds its successor inside the region.
        gekozen = {c: g for c, g in alle.items() if c in leden}
        veranderd = True
        while veranderd:
            veranderd = False
            for code, gemeente in alle.items():
                if code not in gekozen and gemeente.opgegaan_in in gekozen:
                    gekozen[code] = gemeente
                    veranderd = True
        return Regio(naam, gekozen)

    def bewaar_gemeente(self, g: Gemeente, *, in_regio: bool = True, bron: str = "") -> None:
        self.db.execute(
            "INSERT INTO gemeente (cbs_code, naam, inwoners, peildatum, opgegaan_in, "
            "veiligheidsregio, in_regio, bron) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(cbs_code) DO UPDATE SET naam = excluded.naam, "
            "inwoners = excluded.inwoners, peildatum = excluded.peildatum, "
            "opgegaan_in = excluded.opgegaan_in, veiligheidsregio = excluded.veiligheidsregio, "
            "in_regio = excluded.in_regio, bron = excluded.bron",
            (g.cbs_code, g.naam, g.inwoners, _iso(g.peildatum), g.opgegaan_in,
             g.veiligheidsregio, int(in_regio and g.actief), bron))
        if g.inwoners is not None:  # the figure of its year (schema 6: per year)
            bewaar_inwoners(self.db, g.cbs_code, g.inwoners, g.peildatum, bron)

    def leeg(self) -> None:
        self.db.execute("DELETE FROM gemeente")
        wis_inwoners(self.db)
        self.db.execute("DELETE FROM regio_vast_percentage")

    def sleutel(self, jaar: int) -> Verdeelsleutel | None:
        """The key of ``jaar``, else the default (year 0), else None."""
        for j in (jaar, 0):
            row = self.db.execute(
                "SELECT sleutel, mix_inwoners_pct FROM regio_sleutel WHERE jaar = ?",
                (j,)).fetchone()
            if row:
                return self._sleutel(j, Sleutel(row[0]), row[1])
        return None

    def _sleutel(self, jaar: int, soort: Sleutel, mix: str | None) -> Verdeelsleutel:
        vast = {c: Decimal(p) for c, p in self.db.execute(
            "SELECT cbs_code, percentage FROM regio_vast_percentage WHERE jaar = ?", (jaar,))}
        return Verdeelsleutel(soort, vaste_percentages=vast or None,
                              mix_inwoners_pct=Decimal(mix) if mix else None)

    def vaste_percentages(self, jaar: int) -> dict[str, Decimal]:
        for j in (jaar, 0):
            vast = {c: Decimal(p) for c, p in self.db.execute(
                "SELECT cbs_code, percentage FROM regio_vast_percentage WHERE jaar = ?", (j,))}
            if vast:
                return vast
        return {}

    def zet_sleutel(self, sleutel: Verdeelsleutel, jaar: int = 0) -> None:
        self.db.execute(
            "INSERT INTO regio_sleutel (jaar, sleutel, mix_inwoners_pct) VALUES (?, ?, ?) "
            "ON CONFLICT(jaar) DO UPDATE SET sleutel = excluded.sleutel, "
            "mix_inwoners_pct = excluded.mix_inwoners_pct",
            (jaar, str(sleutel.soort),
             None if sleutel.mix_inwoners_pct is None else str(sleutel.mix_inwoners_pct)))
        if sleutel.vaste_percentages is not None:
            self.db.execute("DELETE FROM regio_vast_percentage WHERE jaar = ?", (jaar,))
            self.db.executemany(
                "INSERT INTO regio_vast_percentage (jaar, cbs_code, percentage) VALUES (?, ?, ?)",
                [(jaar, c, str(p)) for c, p in sleutel.vaste_percentages.items()])


def dossier_info(conn: Connection, uuids: Iterable[str]) -> dict[str, tuple[str, str]]:
    """``uuid -> (dossiernummer, gemeente van binding)`` without reading documents."""
    lijst = list(dict.fromkeys(uuids))
    result: dict[str, tuple[str, str]] = {}
    for start in range(0, len(lijst), 500):
        chunk = lijst[start:start + 500]
        marks = ",".join("?" for _ in chunk)
        for uuid, nummer, gemeente in conn.execute(
                f"SELECT uuid, dossiernummer, gemeente FROM dossier WHERE uuid IN ({marks})",
                chunk):
            result[uuid] = (nummer, gemeente or "")
    return result
