"""Use cases of a dossier's attachments: add, list, view, save as, delete.

The content goes straight from the chosen file into the (encrypted) vault and comes back
out only into memory (the viewer) or into the file the user names ("Opslaan als…").
Every add, view, print, save and delete is in the audit trail, as a ``bijlage`` record with
its dossier in the fields (``dossier:<uuid>``): who saw which client's document, never
its name or content.
"""

from __future__ import annotations

import os
from pathlib import Path

from zorgapp.domain.bijlage import Bijlage, controleer_grootte, nieuwe_bijlage, schone_naam
from zorgapp.domain.codes import nieuw_uuid
from zorgapp.errors import N_, KnownError, NotFoundError, UsageError, from_os_error
from zorgapp.fileio import atomic_write
from zorgapp.services.base import VaultService
from zorgapp.store import audit
from zorgapp.store.bijlagen import BijlageRepository
from zorgapp.store.connection import Connection
from zorgapp.store.dossiers import DossierRepository


def _bestaat(db: Connection, dossier_uuid: str) -> None:
    if db.execute("SELECT 1 FROM dossier WHERE uuid = ?", (dossier_uuid,)).fetchone() is None:
        raise NotFoundError(N_("Dossier niet gevonden."))


class BijlageService(VaultService):

    def _audit(self, action: str, bijlage: Bijlage) -> None:
        self.vault.audit.record(action, record_type="bijlage", record_uuid=bijlage.uuid,
                                fields=[f"dossier:{bijlage.dossier_uuid}"], actor=self.actor)

    def dossier_uuid(self, dossiernummer: str) -> str:
        with self.vault.read() as db:
            return DossierRepository(db).uuid_for(dossiernummer)

    def lijst(self, dossier_uuid: str) -> list[Bijlage]:
        """A dossier's attachments, oldest first (descriptions only, no content)."""
        with self.vault.read() as db:
            _bestaat(db, dossier_uuid)
            return BijlageRepository(db).voor_dossier(dossier_uuid)

    def voeg_toe(self, dossier_uuid: str, naam: str, data: bytes, omschrijving: str = "") -> Bijlage:
        """Store ``data`` as an attachment of the dossier; refused (nothing stored) when
        it breaks a rule, such as the size limit."""
        bijlage = nieuwe_bijlage(nieuw_uuid(), dossier_uuid, naam, data, omschrijving)
        with self.vault.transaction() as db:
            _bestaat(db, dossier_uuid)
            BijlageRepository(db).insert(bijlage, data)
            self._audit(audit.CREATE, bijlage)
        return bijlage

    def voeg_bestand_toe(self, dossier_uuid: str, pad: Path, omschrijving: str = "") -> Bijlage:
        """Read a file the user chose and attach it; its size is checked before reading,
        so a huge file is refused without filling memory."""
        pad = Path(pad)
        naam = schone_naam(pad.name)
        try:
            if not pad.is_file():
                raise UsageError(N_("Het bestand {bestand} bestaat niet."), bestand=str(pad))
            controleer_grootte(naam, pad.stat().st_size)
            with pad.open("rb") as handle:
                data = handle.read(os.path.getsize(pad) + 1)
        except OSError as exc:
            raise (from_os_error(exc, pad) or KnownError(
                N_("Het bestand {bestand} kan niet worden gelezen."), bestand=str(pad))) from None
        return self.voeg_toe(dossier_uuid, naam, data, omschrijving)

    def info(self, uuid: str) -> Bijlage:
        with self.vault.read() as db:
            return BijlageRepository(db).get(uuid)

    def bekijk(self, uuid: str) -> tuple[Bijlage, bytes]:
        """The attachment and its content, for the viewer (in memory only): audited."""
        with self.vault.transaction() as db:
            repo = BijlageRepository(db)
            bijlage = repo.get(uuid)
            data = repo.inhoud(uuid)
            self._audit(audit.OPEN, bijlage)
        return bijlage, data

    def bewaar_als(self, uuid: str, pad: Path) -> Path:
        """Write the content where the user said (atomic, mode 0600); audited as an export."""
        pad = Path(pad)
        with self.vault.read() as db:
            repo = BijlageRepository(db)
            bijlage = repo.get(uuid)
            data = repo.inhoud(uuid)
        atomic_write(pad, data)
        with self.vault.transaction():
            self._audit(audit.EXPORT, bijlage)
        return pad

    def afgedrukt(self, uuid: str) -> None:
        """Record that the user printed the attachment from the viewer."""
        with self.vault.transaction() as db:
            self._audit(audit.PRINT, BijlageRepository(db).get(uuid))

    def verwijder(self, uuid: str) -> Bijlage:
        """Remove an attachment from the vault (its content is overwritten: secure_delete)."""
        with self.vault.transaction() as db:
            repo = BijlageRepository(db)
            bijlage = repo.get(uuid)
            repo.delete(uuid)
            self._audit(audit.DELETE, bijlage)
        return bijlage
