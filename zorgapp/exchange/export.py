"""Collect dossiers (document plus registered parts, and attachments) for a bundle."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from zorgapp.exchange import (
    bijlage_parts,
    opvang_parts,  # noqa: F401 - registers placements and costs
    partner_parts,  # noqa: F401 - registers address-book entries
)
from zorgapp.exchange.format import DossierFile
from zorgapp.exchange.parts import export_parts
from zorgapp.store.connection import Connection
from zorgapp.store.dossiers import DossierRepository


def collect(db: Connection, uuids: Sequence[str],
            progress: Callable[[int, int], None] | None = None) -> list[DossierFile]:
    repo = DossierRepository(db)
    files: list[DossierFile] = []
    seen: set[str] = set()
    for index, uuid in enumerate(uuids, start=1):
        if uuid in seen:
            continue
        seen.add(uuid)
        doc = repo.document(uuid)
        files.append(DossierFile(uuid=uuid, dossiernummer=str(doc.get("dossiernummer", "")),
                                 dossier=doc, parts=export_parts(db, uuid), demo=repo.is_demo(uuid),
                                 bijlagen=bijlage_parts.bestanden(db, uuid)))
        if progress is not None and (index % 50 == 0 or index == len(uuids)):
            progress(index, len(uuids))
    return files
