"""Bundle part ``partnerorganisaties``: the address-book entries a case's partners link
to (organisation, phone, e-mail, note, contact persons), so that the receiving vault
can keep the links.

On import an organisation this vault does not know is added to its address book; one it
knows (same uuid) stays as it is here: the address book belongs to the receiving
organisation. A bundle without this part (from before the address book) still imports;
its partners keep their role, name and contact line, without an address-book link.
"""

from __future__ import annotations

import re
from typing import Any

from zorgapp.domain.partners import Organisatie
from zorgapp.exchange.parts import BundlePart, register
from zorgapp.store.connection import Connection
from zorgapp.store.partners import PartnerRepository

NAME = "partnerorganisaties"
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def export_organisaties(db: Connection, dossier_uuid: str) -> list[dict[str, Any]]:
    """The organisations this case links, by uuid (deterministic); from the index."""
    repo = PartnerRepository(db)
    uuids = [str(r[0]) for r in db.execute(
        "SELECT DISTINCT s.uuid FROM dossier_partner p JOIN dossier d ON d.id = p.dossier_id "
        "JOIN partner_sleutel s ON s.id = p.organisatie_id WHERE d.uuid = ? ORDER BY s.uuid",
        (dossier_uuid,))]
    return [repo.get(uuid).to_dict() for uuid in uuids if repo.bestaat(uuid)]


def _build(value: Any) -> list[Organisatie]:
    organisaties = []
    for item in list(value or []):
        if not isinstance(item, dict):
            raise ValueError("organisation")
        org = Organisatie.from_dict(item)
        if not _UUID.fullmatch(org.uuid) or any(
                not _UUID.fullmatch(p.uuid) for p in org.contactpersonen):
            raise ValueError("uuid")
        org.valideer()
        organisaties.append(org)
    return organisaties


def replace_organisaties(db: Connection, dossier_uuid: str, value: Any, fresh_ids: bool) -> None:
    """Add the organisations this vault does not know; never change one it knows."""
    repo = PartnerRepository(db)
    for org in _build(value):
        if not repo.bestaat(org.uuid):
            repo.bewaar(org)


def check_organisaties(db: Connection, dossier_uuid: str, value: Any) -> list[str]:
    """Reads only. Address-book rows are shared by cases, so no uuids are claimed."""
    _build(value)
    return []


register(BundlePart(NAME, export_organisaties, replace_organisaties, check_organisaties))

__all__ = ["NAME", "check_organisaties", "export_organisaties", "replace_organisaties"]
