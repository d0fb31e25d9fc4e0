"""This vault's identity for case bundles, the address book, and the bundle log.

The identity holds two secret keys: an age X25519 identity (others encrypt bundles to
it) and an Ed25519 private key (this vault signs the bundles it sends). Both live only
in the encrypted vault; what leaves it is the public contact card (``exchange.card``).

The store knows rows, not cryptography: the exchange package makes the keys and turns
rows into cards. Callers hold the vault's transaction or read lock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from zorgapp.errors import N_, KnownError
from zorgapp.store.connection import Connection


@dataclass(frozen=True)
class IdentiteitRij:
    naam: str
    organisatie: str
    regio: str
    age_identity: str
    signing_key: str
    aangemaakt_op: str


@dataclass(frozen=True)
class ContactRij:
    id: int
    naam: str
    organisatie: str
    regio: str
    age_recipient: str
    signing_key: str
    fingerprint: str
    geverifieerd: bool
    toegevoegd_op: str


@dataclass(frozen=True)
class OverdrachtRij:
    dossier_uuid: str
    richting: str
    tegenpartij: str
    fingerprint: str
    bundel_id: str
    keuze: str
    bron_uuid: str
    ts: str
    actor: str


_CONTACT_COLUMNS = ("id, naam, organisatie, regio, age_recipient, signing_key, fingerprint, "
                    "geverifieerd, toegevoegd_op")


def now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


class IdentityRepository:
    def __init__(self, conn: Connection) -> None:
        self.db = conn

    # -- own identity ----------------------------------------------------------------

    def get(self) -> IdentiteitRij | None:
        row = self.db.execute(
            "SELECT naam, organisatie, regio, age_identity, signing_key, aangemaakt_op "
            "FROM identiteit WHERE id = 1").fetchone()
        return IdentiteitRij(*row) if row else None

    def create(self, age_identity: str, signing_key: str, naam: str = "",
               organisatie: str = "", regio: str = "") -> IdentiteitRij:
        self.db.execute(
            "INSERT INTO identiteit (id, naam, organisatie, regio, age_identity, signing_key, "
            "aangemaakt_op) VALUES (1, ?, ?, ?, ?, ?, ?)",
            (naam, organisatie, regio, age_identity, signing_key, now()))
        found = self.get()
        assert found is not None
        return found

    def set_details(self, naam: str, organisatie: str, regio: str) -> None:
        self.db.execute("UPDATE identiteit SET naam = ?, organisatie = ?, regio = ? WHERE id = 1",
                        (naam, organisatie, regio))

    # -- address book ----------------------------------------------------------------

    def contacts(self) -> list[ContactRij]:
        return [_contact(r) for r in self.db.execute(
            f"SELECT {_CONTACT_COLUMNS} FROM contactkaart ORDER BY naam COLLATE NOCASE, id")]

    def contact_by_signing_key(self, signing_key: str) -> ContactRij | None:
        row = self.db.execute(f"SELECT {_CONTACT_COLUMNS} FROM contactkaart WHERE signing_key = ?",
                              (signing_key,)).fetchone()
        return _contact(row) if row else None

    def contact_by_recipient(self, age_recipient: str) -> ContactRij | None:
        row = self.db.execute(f"SELECT {_CONTACT_COLUMNS} FROM contactkaart WHERE age_recipient = ?",
                              (age_recipient,)).fetchone()
        return _contact(row) if row else None

    def contact(self, contact_id: int) -> ContactRij:
        row = self.db.execute(f"SELECT {_CONTACT_COLUMNS} FROM contactkaart WHERE id = ?",
                              (contact_id,)).fetchone()
        if row is None:
            raise KnownError(N_("Deze contactkaart staat niet in het adresboek."))
        return _contact(row)

    def add_contact(self, naam: str, organisatie: str, regio: str, age_recipient: str,
                    signing_key: str, fingerprint: str, geverifieerd: bool) -> ContactRij:
        """Add a card, or update the names (and verified flag) of the same keys."""
        existing = self.contact_by_signing_key(signing_key)
        other = self.contact_by_recipient(age_recipient)
        if existing is None and other is None:
            cursor = self.db.execute(
                "INSERT INTO contactkaart (naam, organisatie, regio, age_recipient, signing_key, "
                "fingerprint, geverifieerd, toegevoegd_op) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (naam, organisatie, regio, age_recipient, signing_key, fingerprint,
                 int(geverifieerd), now()))
            return self.contact(int(cursor.lastrowid or 0))
        if existing is None or other is None or existing.id != other.id:
            raise KnownError(N_("Een van de sleutels op deze kaart hoort al bij een ander contact in het adresboek."))
        self.db.execute(
            "UPDATE contactkaart SET naam = ?, organisatie = ?, regio = ?, "
            "geverifieerd = max(geverifieerd, ?) WHERE id = ?",
            (naam, organisatie, regio, int(geverifieerd), existing.id))
        return self.contact(existing.id)

    def set_verified(self, contact_id: int, geverifieerd: bool) -> None:
        self.db.execute("UPDATE contactkaart SET geverifieerd = ? WHERE id = ?",
                        (int(geverifieerd), contact_id))

    def remove_contact(self, contact_id: int) -> None:
        self.db.execute("DELETE FROM contactkaart WHERE id = ?", (contact_id,))

    # -- bundles received ------------------------------------------------------------

    def received(self, bundel_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM ontvangen_bundel WHERE bundel_id = ?",
                               (bundel_id,)).fetchone() is not None

    def record_received(self, bundel_id: str, afzender: str, afzender_naam: str,
                        aangemaakt_op: str, aantal: int) -> None:
        self.db.execute(
            "INSERT INTO ontvangen_bundel (bundel_id, afzender, afzender_naam, aangemaakt_op, "
            "ontvangen_op, aantal) VALUES (?, ?, ?, ?, ?, ?)",
            (bundel_id, afzender, afzender_naam, aangemaakt_op, now(), aantal))

    # -- handover history ------------------------------------------------------------

    def record_handover(self, rows: Sequence[OverdrachtRij]) -> None:
        self.db.executemany(
            "INSERT INTO overdracht (dossier_uuid, richting, tegenpartij, fingerprint, bundel_id, "
            "keuze, bron_uuid, ts, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(r.dossier_uuid, r.richting, r.tegenpartij, r.fingerprint, r.bundel_id, r.keuze,
              r.bron_uuid, r.ts, r.actor) for r in rows])

    def handovers(self, dossier_uuid: str) -> list[OverdrachtRij]:
        return [OverdrachtRij(*r) for r in self.db.execute(
            "SELECT dossier_uuid, richting, tegenpartij, fingerprint, bundel_id, keuze, bron_uuid, "
            "ts, actor FROM overdracht WHERE dossier_uuid = ? ORDER BY ts, id", (dossier_uuid,))]


def _contact(row: Sequence[object]) -> ContactRij:
    values = list(row)
    values[7] = bool(values[7])
    return ContactRij(*values)  # type: ignore[arg-type]
