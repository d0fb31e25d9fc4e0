"""Use cases of the privacy officer's view: who saw this case, and the trail filtered
and exported (CSV, PDF) with the result of the hash-chain check.

Rows are made readable here (``LogRegel``): the action in words, the case number
instead of an id, the time in local time. The export is itself an audit entry
(``export`` of ``audit``, with the filter's field names, never its values).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path

from zorgapp.domain.logboek import GEGEVENS, HANDELINGEN, UITKOMSTEN
from zorgapp.fileio import atomic_write
from zorgapp.i18n import _, format_datetime
from zorgapp.reports.logboek import logboek_pdf
from zorgapp.services.base import VaultService
from zorgapp.store import audit, audit_query
from zorgapp.store.audit import AuditEntry
from zorgapp.store.audit_query import AuditFilter
from zorgapp.store.connection import Connection
from zorgapp.store.dossiers import DossierRepository

__all__ = ["CSV_KOLOMMEN", "AuditFilter", "Controle", "LogRegel", "LogboekService"]

CSV_KOLOMMEN = ("volgnummer", "tijdstip_utc", "gebruiker", "handeling", "omschrijving",
                "gegeven", "dossiernummer", "uitkomst", "velden", "hash")


@dataclass(frozen=True)
class LogRegel:
    """One audit entry as a person reads it; ``handeling``/``uitkomst`` stay codes."""

    volgnummer: int
    tijdstip_utc: str
    tijd: str
    gebruiker: str
    handeling: str
    omschrijving: str
    gegeven: str
    dossiernummer: str
    uitkomst: str
    uitkomst_tekst: str
    velden: tuple[str, ...]
    hash: str

    def to_dict(self) -> dict[str, object]:
        d = asdict(self)
        d["velden"] = list(self.velden)
        return d


@dataclass(frozen=True)
class Controle:
    """The hash-chain check at the moment of an export."""

    in_orde: bool
    regels: int
    problemen: tuple[str, ...]
    tijdstip_utc: str

    def tekst(self) -> str:
        if self.in_orde:
            return _("Hash-keten gecontroleerd op {tijd}: het logboek is ongeschonden "
                     "({aantal} regels).").format(tijd=self.tijdstip_utc, aantal=self.regels)
        return _("Hash-keten gecontroleerd op {tijd}: het logboek is NIET in orde "
                 "({problemen}). Meld dit aan de privacyfunctionaris.").format(
                     tijd=self.tijdstip_utc, problemen=", ".join(self.problemen))


def _woord(labels: dict[str, str], code: str) -> str:
    return _(labels[code]) if code in labels else code


def _lokale_tijd(ts: str) -> str:
    try:
        moment = datetime.fromisoformat(ts.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return ts
    return format_datetime(moment.replace(tzinfo=None), "medium")


def leesbaar(db: Connection, items: Sequence[AuditEntry]) -> list[LogRegel]:
    """Entries in plain words, with the case number looked up."""
    nummers = audit_query.dossiernummers(db, items)
    return [LogRegel(
        volgnummer=e.seq, tijdstip_utc=e.ts, tijd=_lokale_tijd(e.ts), gebruiker=e.actor,
        handeling=e.action, omschrijving=_woord(HANDELINGEN, e.action),
        gegeven=_woord(GEGEVENS, e.record_type), dossiernummer=nummers.get(e.seq, ""),
        uitkomst=e.outcome, uitkomst_tekst=_woord(UITKOMSTEN, e.outcome),
        velden=tuple(audit_query.velden(e)), hash=e.hash) for e in items]


def csv_bytes(regels: Sequence[LogRegel]) -> bytes:
    """UTF-8 with BOM (spreadsheets on Windows read the accents right), ``;`` apart."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_KOLOMMEN)
    for r in regels:
        writer.writerow([r.volgnummer, r.tijdstip_utc, r.gebruiker, r.handeling,
                         r.omschrijving, r.gegeven, r.dossiernummer, r.uitkomst,
                         " ".join(r.velden), r.hash])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


class LogboekService(VaultService):

    def dossier_uuid(self, dossiernummer: str) -> str:
        with self.vault.read() as db:
            return DossierRepository(db).uuid_for(dossiernummer)

    def voor_dossier(self, dossier_uuid: str) -> list[LogRegel]:
        """"Wie heeft dit dossier ingezien": every entry about the case, oldest first."""
        with self.vault.read() as db:
            return leesbaar(db, audit_query.entries(db, AuditFilter(dossier_uuid=dossier_uuid)))

    def gebruikers(self) -> list[str]:
        with self.vault.read() as db:
            return audit_query.gebruikers(db)

    def zoek(self, flt: AuditFilter, limit: int | None = None) -> list[LogRegel]:
        with self.vault.read() as db:
            return leesbaar(db, audit_query.entries(db, flt, limit))

    def controle(self) -> Controle:
        with self.vault.read():
            problemen = self.vault.audit.verify()
            aantal = self.vault.audit.head()[0]
        return Controle(not problemen, aantal, tuple(problemen), audit.utc_now())

    def exporteer(self, flt: AuditFilter, *, csv_pad: Path | None = None,
                  pdf_pad: Path | None = None) -> tuple[list[LogRegel], Controle]:
        """Write the filtered trail where the user chose; recorded as an export."""
        regels = self.zoek(flt)
        controle = self.controle()
        if csv_pad is not None:
            atomic_write(Path(csv_pad), csv_bytes(regels))
        if pdf_pad is not None:
            nummer = ""
            if flt.dossier_uuid:
                with self.vault.read() as db:
                    nummer = audit_query.nummer_van(db, flt.dossier_uuid, {})
            atomic_write(Path(pdf_pad), logboek_pdf(
                regels, controle, van=flt.van, tot=flt.tot, dossiernummer=nummer,
                gebruiker=flt.gebruiker, handeling=flt.handeling,
                vandaag=self.vandaag, demo=self.vault.meta("demo") == "1"))
        soorten = [s for s, pad in (("csv", csv_pad), ("pdf", pdf_pad)) if pad is not None]
        gefilterd = [n for n, v in (("van", flt.van), ("tot", flt.tot),
                                    ("dossier", flt.dossier_uuid), ("gebruiker", flt.gebruiker),
                                    ("handeling", flt.handeling)) if v]
        with self.vault.transaction():
            self.vault.audit.record(audit.EXPORT, record_type="audit",
                                    record_uuid=self.vault.vault_id,
                                    outcome=f"{len(regels)}",
                                    fields=[*soorten, *(f"filter:{n}" for n in gefilterd)],
                                    actor=self.actor)
        return regels, controle


def datum_of_none(tekst: str | None) -> date | None:
    return None if not tekst else date.fromisoformat(tekst)
