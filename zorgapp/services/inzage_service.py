"""Inzage and portability (art. 15 and 20 AVG): everything kept about one person.

One call collects the case document, placements, costs, attachments (names, types,
sizes), the meeting items about the case, the privacy events and the audit entries
about the case (who opened, changed, printed or exported it and when), then writes
``inzage-NR.pdf`` (readable, Dutch, codes in words) and ``inzage-NR.json``
(docs/cli-json.md, "Inzage") into the folder the user chose. The attachments' contents are
written as separate files only when asked (``bijlagen=True``). Nothing is written
anywhere else; the export itself is an audit entry (``export``, outcome ``inzage``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from zorgapp.domain import codes
from zorgapp.domain.bijlage import schone_naam
from zorgapp.domain.dossier import Dossier
from zorgapp.domain.kosten import KOSTENSOORT_LABELS
from zorgapp.domain.logboek import HANDELINGEN, UITKOMSTEN
from zorgapp.domain.opvang import FINANCIER_LABELS, OPVANG_LABELS, PLAATSING_STATUS_LABELS
from zorgapp.domain.partners import PARTNER_ROL_LABELS
from zorgapp.domain.privacy import PRIVACY_SOORT_LABELS, PrivacyEvent, is_beperkt
from zorgapp.exchange.opvang_parts import export_kosten, export_plaatsingen
from zorgapp.fileio import atomic_write
from zorgapp.i18n import _
from zorgapp.reports.inzage import inzage_pdf
from zorgapp.services.base import VaultService
from zorgapp.services.dossier_service import gemeente_namen
from zorgapp.services.logboek_service import LogRegel, leesbaar
from zorgapp.store import audit, audit_query
from zorgapp.store.audit_query import AuditFilter
from zorgapp.store.bijlagen import BijlageRepository
from zorgapp.store.connection import Connection
from zorgapp.store.dossiers import DossierRepository
from zorgapp.store.overleg import OverlegRepository
from zorgapp.store.privacy import PrivacyRepository

__all__ = ["FORMAAT", "Inzage", "InzageService", "codelijsten"]

FORMAAT = "zorgapp-inzage"
VERSIE = 1

_CODELIJSTEN: Mapping[str, Mapping[Any, str]] = {
    "fase": codes.FASE_LABELS,
    "sluitreden": codes.SLUITREDEN_LABELS,
    "uitbuitingsvorm": codes.UITBUITINGSVORM_LABELS,
    "geslacht": codes.GESLACHT_LABELS,
    "melder_type": codes.MELDER_LABELS,
    "indicator": codes.INDICATOR_LABELS,
    "toestemming_doel": codes.TOESTEMMING_DOEL_LABELS,
    "besluit_soort": codes.BESLUIT_SOORT_LABELS,
    "besluit_uitkomst": codes.BESLUIT_UITKOMST_LABELS,
    "partner_rol": PARTNER_ROL_LABELS,
    "opvang_type": OPVANG_LABELS,
    "plaatsing_status": PLAATSING_STATUS_LABELS,
    "financier": FINANCIER_LABELS,
    "kostensoort": KOSTENSOORT_LABELS,
    "privacy_soort": PRIVACY_SOORT_LABELS,
    "handeling": HANDELINGEN,
    "uitkomst": UITKOMSTEN,
}


def codelijsten() -> dict[str, dict[str, str]]:
    """Every code list the JSON uses, code -> label in the current language."""
    return {naam: {(k.value if isinstance(k, Enum) else str(k)): _(v) for k, v in lijst.items()}
            for naam, lijst in _CODELIJSTEN.items()}


@dataclass
class Inzage:
    """What is kept about one person, ready for the PDF and the JSON."""

    dossier: Dossier
    plaatsingen: list[dict[str, Any]]
    kosten: list[dict[str, Any]]
    bijlagen: list[dict[str, Any]]
    overleg: list[dict[str, Any]]
    privacy: list[PrivacyEvent]
    logboek: list[LogRegel]
    gemaakt_op: str
    demo: bool = False
    bestanden: dict[str, str] = field(default_factory=dict)  # attachment uuid -> file name

    @property
    def beperkt(self) -> bool:
        return is_beperkt(self.privacy)

    def to_dict(self) -> dict[str, Any]:
        bijlagen = [{**b, "bestand": self.bestanden.get(b["uuid"])} for b in self.bijlagen]
        return {
            "formaat": FORMAAT, "versie": VERSIE, "gemaakt_op": self.gemaakt_op,
            "dossiernummer": self.dossier.dossiernummer, "beperkt": self.beperkt,
            "dossier": self.dossier.to_dict(), "plaatsingen": self.plaatsingen,
            "kosten": self.kosten, "bijlagen": bijlagen, "overleg": self.overleg,
            "privacy": [e.to_dict() for e in self.privacy], "logboek": [r.to_dict() for r in self.logboek],
            "codelijsten": codelijsten(),
        }


def _overleg(db: Connection, uuid: str) -> list[dict[str, Any]]:
    """The agenda items about this case: date, what was discussed, decisions."""
    repo = OverlegRepository(db)
    result = []
    for datum, overleg_uuid in repo.voor_dossier(uuid):
        for punt in repo.get(overleg_uuid).agenda:
            if punt.dossier_uuid == uuid:
                result.append({"datum": datum.isoformat(), "besproken": punt.besproken,
                               "besluiten": [b.to_dict() for b in punt.besluiten]})
    return result


def _bestandsnamen(bijlagen: list[dict[str, Any]]) -> dict[str, str]:
    """A distinct, safe file name per attachment (``1-brief.pdf``)."""
    return {b["uuid"]: f"{i}-{schone_naam(b['naam']) or 'bijlage'}"
            for i, b in enumerate(bijlagen, start=1)}


class InzageService(VaultService):

    def verzamel(self, dossiernummer: str) -> Inzage:
        """Everything about the case, without writing or auditing anything."""
        with self.vault.read() as db:
            repo = DossierRepository(db)
            uuid = repo.uuid_for(dossiernummer)
            dossier = repo.get(uuid)
            bijlagen = [{"uuid": b.uuid, "naam": b.naam, "type": b.type, "grootte": b.grootte,
                         "toegevoegd_op": b.toegevoegd_op, "omschrijving": b.omschrijving,
                         "sha256": b.sha256} for b in BijlageRepository(db).voor_dossier(uuid)]
            events = PrivacyRepository(db).voor_dossier(uuid)
            return Inzage(
                dossier=dossier, plaatsingen=export_plaatsingen(db, uuid),
                kosten=export_kosten(db, uuid), bijlagen=bijlagen, overleg=_overleg(db, uuid),
                privacy=events,
                logboek=leesbaar(db, audit_query.entries(db, AuditFilter(dossier_uuid=uuid))),
                gemaakt_op=audit.utc_now(),
                demo=repo.is_demo(uuid) or self.vault.meta("demo") == "1")

    def schrijf(self, dossiernummer: str, map_: Path, *, bijlagen: bool = False) -> list[Path]:
        """Write the PDF and the JSON (and, when asked, the attachments) into ``map_``."""
        inzage = self.verzamel(dossiernummer)
        nummer = inzage.dossier.dossiernummer
        map_ = Path(map_)
        geschreven: list[Path] = []
        if bijlagen and inzage.bijlagen:
            inzage.bestanden = {u: f"inzage-{nummer}-bijlagen/{n}"
                                for u, n in _bestandsnamen(inzage.bijlagen).items()}
            (map_ / f"inzage-{nummer}-bijlagen").mkdir(mode=0o700, exist_ok=True)
            with self.vault.read() as db:
                repo = BijlageRepository(db)
                for b_uuid, naam in inzage.bestanden.items():
                    atomic_write(map_ / naam, repo.inhoud(b_uuid))
                    geschreven.append(map_ / naam)
        pdf = inzage_pdf(inzage, vandaag=self.vandaag, gemeente_namen=gemeente_namen())
        json_pad, pdf_pad = map_ / f"inzage-{nummer}.json", map_ / f"inzage-{nummer}.pdf"
        atomic_write(json_pad, (json.dumps(inzage.to_dict(), ensure_ascii=False, indent=2)
                                + "\n").encode("utf-8"))
        atomic_write(pdf_pad, pdf)
        with self.vault.transaction():
            self.vault.audit.record(
                audit.EXPORT, record_type="dossier", record_uuid=inzage.dossier.uuid,
                outcome="inzage", fields=["pdf", "json", *(["bijlagen"] if inzage.bestanden else [])],
                actor=self.actor)
        return [pdf_pad, json_pad, *geschreven]

