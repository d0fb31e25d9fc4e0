"""A dossier's attachments in a bundle: collected for export, compared, checked and
written on import.

Attachments are not a ``BundlePart`` (parts.py) because their content travels as
members of its own (``bijlagen/<uuid>``), not inside the dossier file. What is compared
between "mine" and "theirs" is the description and the SHA-256 of each attachment.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from zorgapp.domain import bijlage as regels
from zorgapp.domain.bijlage import Bijlage
from zorgapp.domain.codes import nieuw_uuid
from zorgapp.domain.errors import DomainError
from zorgapp.errors import N_
from zorgapp.exchange.spec import BijlageBestand, BundleContentError, DossierFile, DossierRuleError
from zorgapp.store.bijlagen import BijlageRepository
from zorgapp.store.connection import Connection


def bestanden(db: Connection, dossier_uuid: str) -> list[BijlageBestand]:
    """A dossier's attachments with their content, for a bundle."""
    repo = BijlageRepository(db)
    return [BijlageBestand(b, repo.inhoud(b.uuid)) for b in repo.voor_dossier(dossier_uuid)]


def _beschrijf(b: Bijlage) -> dict[str, Any]:
    return {"uuid": b.uuid, "naam": b.naam, "type": b.type, "grootte": b.grootte,
            "toegevoegd": b.toegevoegd_op, "omschrijving": b.omschrijving, "sha256": b.sha256}


def beschrijving(items: Sequence[BijlageBestand]) -> list[dict[str, Any]]:
    """What is compared (and shown as a difference) of the bundle's attachments."""
    return sorted((_beschrijf(item.bijlage) for item in items), key=lambda d: d["uuid"])


def hier(db: Connection, dossier_uuid: str) -> list[dict[str, Any]]:
    """The same for the attachments this vault has."""
    return sorted((_beschrijf(b) for b in BijlageRepository(db).voor_dossier(dossier_uuid)),
                  key=lambda d: d["uuid"])


def controleer(db: Connection, item: DossierFile, seen: set[str]) -> None:
    """Each attachment obeys the rules of one added here, and none has the uuid of
    another case's attachment (here or earlier in the bundle). Reads only."""
    for bestand in item.bijlagen:
        try:
            regels.controleer(bestand.bijlage, bestand.data)
        except DomainError as exc:
            raise DossierRuleError(item.dossiernummer, exc) from None
    uuids = [b.bijlage.uuid for b in item.bijlagen]
    elders = {u for u, d in BijlageRepository(db).dossier_van(uuids).items() if d != item.uuid}
    if elders or seen.intersection(uuids) or len(set(uuids)) != len(uuids):
        raise BundleContentError(
            N_("Een bijlage van dossier {nummer} in de bundel heeft dezelfde sleutel als een bijlage "
               "van een ander dossier. De bundel wordt niet ingelezen; er is niets veranderd."),
            nummer=item.dossiernummer)
    seen.update(uuids)


def vervang(db: Connection, dossier_uuid: str, items: Sequence[BijlageBestand],
            fresh_ids: bool) -> None:
    """The dossier's attachments become the bundle's (``fresh_ids``: as copies with new
    uuids, for "keep both")."""
    repo = BijlageRepository(db)
    repo.delete_voor_dossier(dossier_uuid)
    for item in items:
        b = item.bijlage
        repo.insert(Bijlage(uuid=nieuw_uuid() if fresh_ids else b.uuid, dossier_uuid=dossier_uuid,
                            naam=b.naam, type=b.type, grootte=len(item.data),
                            toegevoegd_op=b.toegevoegd_op, omschrijving=b.omschrijving,
                            sha256=b.sha256), item.data)
