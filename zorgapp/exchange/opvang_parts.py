"""Bundle parts for placements (``plaatsingen``) and other costs (``kosten``).

A placement travels with the name, organisation and type of its shelter location, never
the address (shelter addresses are secret, DOMAIN.md section 3). A location the
receiving vault does not know is added to its registry as inactive, without address,
so the placement keeps its name and rates but is not offered for new placements.
"""

from __future__ import annotations

import re
import uuid as uuid_mod
from datetime import date
from decimal import Decimal
from typing import Any

from zorgapp.domain.kosten import Kostenpost, KostenSoort
from zorgapp.domain.opvang import (
    Financier,
    Locatie,
    OpvangType,
    Plaatsing,
    PlaatsingStatus,
    Tarief,
)
from zorgapp.exchange.parts import BundlePart, register
from zorgapp.store.connection import Connection
from zorgapp.store.opvang import (
    KostenpostRepository,
    OpvangRepository,
    PlaatsingRepository,
)

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_MONEY = re.compile(r"-?[0-9]{1,9}(\.[0-9]{1,2})?")


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def export_plaatsingen(db: Connection, dossier_uuid: str) -> list[dict[str, Any]]:
    locaties = OpvangRepository(db)
    result = []
    for p in PlaatsingRepository(db).voor_dossier(dossier_uuid):
        locatie = None
        if p.locatie_uuid:
            loc = locaties.get(p.locatie_uuid).locatie
            locatie = {"uuid": loc.uuid, "naam": loc.naam, "organisatie": loc.organisatie,
                       "type": str(loc.type)}
        result.append({
            "uuid": p.uuid, "locatie": locatie, "type": str(p.type), "status": str(p.status),
            "aangevraagd_op": _iso(p.aangevraagd_op), "van": _iso(p.van), "tot": _iso(p.tot),
            "einde_reden": p.einde_reden, "financier": str(p.financier) if p.financier else None,
            "gemeente_code": p.gemeente_code, "evaluatiedatum": _iso(p.evaluatiedatum),
            "verwachte_einddatum": _iso(p.verwachte_einddatum),
            "tarieven": [{"geldig_vanaf": t.geldig_vanaf.isoformat(), "dagtarief": f"{t.dagtarief:.2f}"}
                         for t in p.tarieven],
        })
    return result


def _uuid(value: Any) -> str:
    text = str(value)
    if not _UUID.fullmatch(text):
        raise ValueError("uuid")
    return text


def _money(value: Any) -> Decimal:
    """Money travels as a decimal string ("123.45"), never a number or "NaN"."""
    if not isinstance(value, str) or not _MONEY.fullmatch(value):
        raise ValueError("amount")
    return Decimal(value)


def _build_plaatsingen(db: Connection, dossier_uuid: str, value: Any,
                       fresh_ids: bool) -> tuple[list[Plaatsing], list[Locatie]]:
    """The placements of ``value`` and the locations this vault does not know yet."""
    plaatsingen: list[Plaatsing] = []
    nieuwe: list[Locatie] = []
    for item in list(value or []):
        loc = item.get("locatie")
        loc_uuid = None
        if loc:
            loc_uuid = _uuid(loc["uuid"])
            known = db.execute("SELECT 1 FROM opvang_locatie WHERE uuid = ?", (loc_uuid,)).fetchone()
            if not known and loc_uuid not in {n.uuid for n in nieuwe}:
                nieuwe.append(Locatie(uuid=loc_uuid, organisatie=str(loc.get("organisatie") or "?"),
                                      naam=str(loc.get("naam") or "?"), type=OpvangType(loc["type"]),
                                      adres_geheim=True, adres=""))
        plaatsingen.append(Plaatsing(
            uuid=str(uuid_mod.uuid4()) if fresh_ids else _uuid(item["uuid"]),
            dossier_uuid=dossier_uuid, locatie_uuid=loc_uuid, type=OpvangType(item["type"]),
            status=PlaatsingStatus(item["status"]), aangevraagd_op=_date(item.get("aangevraagd_op")),
            van=_date(item.get("van")), tot=_date(item.get("tot")), einde_reden=item.get("einde_reden"),
            financier=Financier(item["financier"]) if item.get("financier") else None,
            gemeente_code=item.get("gemeente_code"), evaluatiedatum=_date(item.get("evaluatiedatum")),
            verwachte_einddatum=_date(item.get("verwachte_einddatum")),
            tarieven=[Tarief(_money(t["dagtarief"]), date.fromisoformat(t["geldig_vanaf"]))
                      for t in item.get("tarieven", [])]))
        tarieven = [t.geldig_vanaf for t in plaatsingen[-1].tarieven]
        if len(set(tarieven)) != len(tarieven):
            raise ValueError("two rates from the same day")
    return plaatsingen, nieuwe


def replace_plaatsingen(db: Connection, dossier_uuid: str, value: Any, fresh_ids: bool) -> None:
    db.execute("DELETE FROM plaatsing WHERE dossier_uuid = ?", (dossier_uuid,))
    plaatsingen, nieuwe = _build_plaatsingen(db, dossier_uuid, value, fresh_ids)
    locaties = OpvangRepository(db)
    for locatie in nieuwe:
        locaties.bewaar(locatie, actief=False)
    PlaatsingRepository(db).insert_many(plaatsingen)


def check_plaatsingen(db: Connection, dossier_uuid: str, value: Any) -> list[str]:
    """Reads only: the placements the domain accepts, their uuids free or this case's."""
    plaatsingen, _nieuwe = _build_plaatsingen(db, dossier_uuid, value, fresh_ids=False)
    uuids = [p.uuid for p in plaatsingen]
    _free(db, "plaatsing", dossier_uuid, uuids)
    return uuids


def _free(db: Connection, table: str, dossier_uuid: str, uuids: list[str]) -> None:
    for uuid in uuids:
        row = db.execute(f"SELECT dossier_uuid FROM {table} WHERE uuid = ?", (uuid,)).fetchone()
        if row is not None and row[0] != dossier_uuid:
            raise RowTakenError(uuid)


class RowTakenError(ValueError):
    """A row uuid in the bundle belongs to another case in this vault."""

    def __init__(self, uuid: str) -> None:
        super().__init__(uuid)
        self.uuid = uuid


def export_kosten(db: Connection, dossier_uuid: str) -> list[dict[str, Any]]:
    return [{"uuid": k.uuid, "soort": str(k.soort), "datum": k.datum.isoformat(),
             "bedrag": f"{k.bedrag:.2f}", "omschrijving": k.omschrijving, "landelijk": k.landelijk}
            for k in KostenpostRepository(db).voor_dossier(dossier_uuid)]


def _build_kosten(dossier_uuid: str, value: Any, fresh_ids: bool) -> list[Kostenpost]:
    return [Kostenpost(uuid=str(uuid_mod.uuid4()) if fresh_ids else _uuid(k["uuid"]),
                       dossier_uuid=dossier_uuid, soort=KostenSoort(k["soort"]),
                       datum=date.fromisoformat(k["datum"]), bedrag=_money(k["bedrag"]),
                       omschrijving=str(k.get("omschrijving", "")),
                       landelijk=bool(k.get("landelijk", False)))
            for k in value or []]


def replace_kosten(db: Connection, dossier_uuid: str, value: Any, fresh_ids: bool) -> None:
    db.execute("DELETE FROM kostenpost WHERE dossier_uuid = ?", (dossier_uuid,))
    KostenpostRepository(db).insert_many(_build_kosten(dossier_uuid, value, fresh_ids))


def check_kosten(db: Connection, dossier_uuid: str, value: Any) -> list[str]:
    uuids = [k.uuid for k in _build_kosten(dossier_uuid, value, fresh_ids=False)]
    _free(db, "kostenpost", dossier_uuid, uuids)
    return uuids


register(BundlePart("plaatsingen", export_plaatsingen, replace_plaatsingen, check_plaatsingen))
register(BundlePart("kosten", export_kosten, replace_kosten, check_kosten))

__all__ = ["RowTakenError", "check_kosten", "check_plaatsingen", "export_kosten", "export_plaatsingen",
           "replace_kosten", "replace_plaatsingen"]
