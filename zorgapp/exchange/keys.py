"""This vault's keys and card, made on first use (existing vaults get them then)."""

from __future__ import annotations

from zorgapp.exchange.card import ContactCard, OwnKeys
from zorgapp.store.connection import Connection
from zorgapp.store.identity import IdentityRepository


def ensure_identity(db: Connection, naam: str = "", organisatie: str = "",
                    regio: str = "") -> tuple[OwnKeys, ContactCard]:
    """The keys and card of this vault; creates them when missing (caller holds a transaction)."""
    repo = IdentityRepository(db)
    row = repo.get()
    if row is None:
        keys = OwnKeys.generate()
        row = repo.create(keys.age_identity, keys.signing_key_hex, naam, organisatie, regio)
    keys = OwnKeys(row.age_identity, row.signing_key)
    return keys, keys.card(row.naam, row.organisatie, row.regio)


def load_identity(db: Connection) -> tuple[OwnKeys, ContactCard] | None:
    row = IdentityRepository(db).get()
    if row is None:
        return None
    keys = OwnKeys(row.age_identity, row.signing_key)
    return keys, keys.card(row.naam, row.organisatie, row.regio)
