"""Use cases: export anonymised statistics for one year, and merge regions' exports.

The export is counted from the counts the schema keeps per year and dimension
(``store.jaartelling``) and the placements' index rows grouped in SQL
(``store.statistiek``), suppressed in the domain (``domain.statistiek``) and written
only where the user says, atomically and private; every export is an ``export`` entry
in the audit trail (record type ``statistiek``, the year as its id). Merging reads
files only, no vault.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from zorgapp.domain import statistiek as st
from zorgapp.domain import statistiek_bestand as sb
from zorgapp.errors import N_, UsageError
from zorgapp.fileio import atomic_write
from zorgapp.safejson import JsonLimitError, loads
from zorgapp.services.base import VaultService
from zorgapp.services.region_service import RegionService
from zorgapp.store import audit, jaartelling
from zorgapp.store.statistiek import plaatsing_rijen, zonder_signaal_rijen

#: A statistics file is a few tens of kilobytes; more is not one.
MAX_BYTES = 8 * 1024 * 1024
RECORD_TYPE = "statistiek"


class StatistiekService(VaultService):
    def maak(self, jaar: int) -> dict[str, Any]:
        """The export of ``jaar`` as it may leave the vault (nothing written yet)."""
        regio = RegionService(self.vault).regio()
        with self.vault.read() as db:
            telling = st.tel(zonder_signaal_rijen(db, jaar), plaatsing_rijen(db, jaar), jaar,
                             regio.naam if regio is not None and regio.naam else st.OVERIG,
                             marges=jaartelling.marges(db, jaar, jaar + 1))
        return sb.export(telling)

    def bewaar(self, data: dict[str, Any], json_pad: Path | None,
               csv_pad: Path | None = None) -> list[Path]:
        """Write JSON and/or CSV where the user chose; audited as one export."""
        geschreven: list[Path] = []
        if json_pad is not None:
            schrijf_json(data, Path(json_pad))
            geschreven.append(Path(json_pad))
        if csv_pad is not None:
            schrijf_csv(data, Path(csv_pad))
            geschreven.append(Path(csv_pad))
        with self.vault.transaction():
            self.vault.audit.record(audit.EXPORT, record_type=RECORD_TYPE,
                                    record_uuid=str(data["jaar"]), outcome="stats",
                                    fields=[p.suffix.lstrip(".") or "json"
                                            for p in geschreven],
                                    actor=self.actor)
        return geschreven

    def exporteer(self, jaar: int, json_pad: Path | None,
                  csv_pad: Path | None = None) -> dict[str, Any]:
        data = self.maak(jaar)
        self.bewaar(data, json_pad, csv_pad)
        return data


def schrijf_json(data: dict[str, Any], pad: Path) -> None:
    tekst = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    atomic_write(pad, tekst.encode("utf-8"))


def schrijf_csv(data: dict[str, Any], pad: Path) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(sb.csv_rijen(data))
    atomic_write(pad, buffer.getvalue().encode("utf-8"))


def lees(pad: Path) -> object:
    """A file's JSON, or a plain message when it is missing or no JSON at all."""
    try:
        ruw = Path(pad).read_bytes()
    except OSError:
        raise UsageError(N_("Kan {bestand} niet lezen."), bestand=str(pad)) from None
    try:
        return loads(ruw, max_bytes=MAX_BYTES)
    except JsonLimitError:
        raise UsageError(N_("{bestand} is geen statistiekexport van Zorgapp."),
                         bestand=str(pad)) from None


def samenvoegen(paden: Sequence[Path]) -> dict[str, Any]:
    """Several regions' exports into one national picture (see ``statistiek_bestand``)."""
    return sb.samenvoegen([(str(p), lees(p)) for p in paden])
