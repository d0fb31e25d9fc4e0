"""Use cases of case handover: identity and address book, export, preview, import.

Export and import are recorded twice: in the audit trail (``export`` / ``import`` per
dossier) and in the case's handover history ("overgedragen aan …", "ontvangen van …",
table ``overdracht``), which the dossier view shows beside the path. The handover
history lives beside the dossier document, so a case reads the same in both vaults.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from zorgapp.domain.codes import ToestemmingDoel
from zorgapp.domain.deadlines import Deadline
from zorgapp.domain.dossier import Dossier
from zorgapp.errors import N_, UsageError
from zorgapp.exchange import export as export_mod
from zorgapp.exchange import format as fmt
from zorgapp.exchange import importer
from zorgapp.exchange.card import ContactCard, OwnKeys, check_recipient
from zorgapp.exchange.keys import ensure_identity
from zorgapp.fileio import atomic_write
from zorgapp.services.base import VaultService
from zorgapp.services.privacy_service import BUNDEL, INLEZEN, controleer_niet_beperkt
from zorgapp.store import audit, keyfile
from zorgapp.store.audit import local_user
from zorgapp.store.connection import Connection
from zorgapp.store.dossiers import DossierRepository
from zorgapp.store.identity import ContactRij, IdentityRepository, OverdrachtRij, now
from zorgapp.store.vault import Vault

Progress = Callable[[int, int], None]

__all__ = ["BundleService", "ContactCard", "ExportResultaat", "ImportResultaat", "Voorbeeld"]

Voorbeeld = importer.Voorbeeld
ImportResultaat = importer.ImportResultaat


@dataclass
class ExportResultaat:
    pad: Path
    aantal: int
    bundle_id: str
    ontvangers: list[str]
    zonder_toestemming: list[str] = field(default_factory=list)  # dossiernummers


def ensure_identity_for(vault: Vault) -> ContactCard:
    """Give a vault its keys (at creation, or lazily for vaults made before schema 4)."""
    with vault.transaction() as db:
        return ensure_identity(db, naam=local_user())[1]


class BundleService(VaultService):

    # -- identity and address book ---------------------------------------------------

    def kaart(self) -> ContactCard:
        """This vault's contact card (keys are made on first use)."""
        from zorgapp.exchange.keys import load_identity

        with self.vault.read() as db:
            found = load_identity(db)
        if found is not None:
            return found[1]
        return ensure_identity_for(self.vault)

    def stel_identiteit_in(self, naam: str, organisatie: str, regio: str) -> ContactCard:
        with self.vault.transaction() as db:
            ensure_identity(db)
            IdentityRepository(db).set_details(naam.strip(), organisatie.strip(), regio.strip())
            return ensure_identity(db)[1]

    def adresboek(self) -> list[ContactRij]:
        with self.vault.read() as db:
            return IdentityRepository(db).contacts()

    def voeg_contact_toe(self, kaart: ContactCard | str, geverifieerd: bool = False) -> ContactRij:
        card = ContactCard.parse(kaart) if isinstance(kaart, str) else kaart
        own = self.kaart()
        if card.signing_key == own.signing_key or card.age_recipient == own.age_recipient:
            raise UsageError(N_("Dit is de contactkaart van deze kluis zelf."))
        with self.vault.transaction() as db:
            return IdentityRepository(db).add_contact(
                card.name, card.organisation, card.region, card.age_recipient, card.signing_key,
                card.fingerprint, geverifieerd)

    def markeer_geverifieerd(self, contact_id: int, geverifieerd: bool = True) -> None:
        with self.vault.transaction() as db:
            IdentityRepository(db).set_verified(contact_id, geverifieerd)

    def verwijder_contact(self, contact_id: int) -> None:
        with self.vault.transaction() as db:
            IdentityRepository(db).remove_contact(contact_id)

    def contact_voor(self, tekst: str) -> ContactRij:
        """A contact by fingerprint (any spacing) or age recipient."""
        from zorgapp.exchange.card import normalise_fingerprint

        wanted = tekst.strip()
        for contact in self.adresboek():
            if wanted == contact.age_recipient or (
                    normalise_fingerprint(wanted) == contact.fingerprint and len(wanted) >= 8):
                return contact
        raise UsageError(N_("Geen contact met {sleutel} in het adresboek."), sleutel=wanted[:80])

    def kaart_pdf(self, card: ContactCard) -> bytes:
        """The printable contact card (PDF bytes, made in memory)."""
        from zorgapp.reports.contact_card import contactkaart

        return contactkaart(card.name, card.organisation, card.region, card.age_recipient,
                            card.signing_key, card.fingerprint, card.to_text(),
                            demo=self.vault.meta("demo") == "1")

    def kaart_afgedrukt(self) -> None:
        """Record that the contact card went to a printer."""
        with self.vault.transaction():
            self.vault.audit.record(audit.PRINT, record_type="contactkaart")

    def bewaar_kaart_pdf(self, pdf: bytes, pad: Path) -> Path:
        """Save the printable card (from ``kaart_pdf``) where the user chose: atomic,
        private, audited as an export."""
        pad = Path(pad)
        atomic_write(pad, pdf)
        with self.vault.transaction():
            self.vault.audit.record(audit.EXPORT, record_type="contactkaart")
        return pad

    @staticmethod
    def bewaar_kaart_tekst(card: ContactCard, pad: Path) -> Path:
        """Save the card as text to hand to a colleague (public keys only, not audited)."""
        pad = Path(pad)
        atomic_write(pad, card.to_text().encode("utf-8"))
        return pad

    def overdrachten(self, dossier_uuid: str) -> list[OverdrachtRij]:
        """The handover history of a case, oldest first."""
        with self.vault.read() as db:
            return IdentityRepository(db).handovers(dossier_uuid)

    # -- export ----------------------------------------------------------------------

    def zonder_toestemming(self, uuids: Sequence[str]) -> list[str]:
        """Dossiernummers of cases without a valid consent for sharing today."""
        today = self._vandaag()
        missing: list[str] = []
        with self.vault.read() as db:
            repo = DossierRepository(db)
            for uuid in uuids:
                dossier = repo.get(uuid)
                if not dossier.toestemming_geldig(ToestemmingDoel.DELEN_PARTNER, today):
                    missing.append(dossier.dossiernummer)
        return missing

    def exporteer(self, uuids: Sequence[str], doel: Path, ontvangers: Sequence[str] = (),
                  wachtwoordzin: str | None = None, progress: Progress | None = None) -> ExportResultaat:
        """Write a bundle of these dossiers for these recipients (age1…) or a passphrase."""
        uuids = list(dict.fromkeys(uuids))
        if not uuids:
            raise UsageError(N_("Kies minstens één dossier om over te dragen."))
        if wachtwoordzin is not None:
            if ontvangers:
                raise UsageError(N_("Kies ontvangers of een wachtwoordzin, niet allebei."))
            keyfile.check_passphrase(wachtwoordzin)
        recipients = [check_recipient(r) for r in dict.fromkeys(ontvangers)]
        if wachtwoordzin is None and not recipients:
            raise UsageError(N_("Kies minstens één ontvanger of een wachtwoordzin."))
        with self.vault.read() as db:  # a restricted case (art. 18 AVG) is not shared
            controleer_niet_beperkt(db, uuids, BUNDEL)
        keys, card = self._keys()
        with self.vault.read() as db:
            files = export_mod.collect(db, uuids, progress)
            labels, fingerprints = self._labels(db, recipients)
        missing = self.zonder_toestemming(uuids)
        written = fmt.write_bundle(files, card, keys, recipients, wachtwoordzin)
        doel = Path(doel)
        if doel.suffix != fmt.SUFFIX:
            doel = doel.with_name(doel.name + fmt.SUFFIX)
        atomic_write(doel, written.data)
        stamp = now()
        tegenpartij = ", ".join(labels)
        keuze = "passphrase" if wachtwoordzin is not None else "x25519"
        with self.vault.transaction() as db:
            IdentityRepository(db).record_handover([
                OverdrachtRij(f.uuid, "export", tegenpartij, fingerprints, written.bundle_id, keuze,
                              "", stamp, self.actor)
                for f in files])
            for f in files:
                self.vault.audit.record(audit.EXPORT, record_type="dossier", record_uuid=f.uuid,
                                        fields=["bundle"])
        return ExportResultaat(pad=doel, aantal=len(files), bundle_id=written.bundle_id,
                               ontvangers=labels, zonder_toestemming=missing)

    def _keys(self) -> tuple[OwnKeys, ContactCard]:
        with self.vault.transaction() as db:
            keys, card = ensure_identity(db, naam=local_user())
        return keys, card

    @staticmethod
    def _labels(db: Connection, recipients: Sequence[str]) -> tuple[list[str], str]:
        """Names of the recipients (for the history) and their fingerprints."""
        repo = IdentityRepository(db)
        labels, prints = [], []
        for recipient in recipients:
            contact = repo.contact_by_recipient(recipient)
            if contact is None:
                labels.append(recipient[:16] + "…")
                continue
            prints.append(contact.fingerprint)
            if contact.organisatie and contact.naam:
                labels.append(f"{contact.naam} ({contact.organisatie})")
            else:
                labels.append(contact.naam or contact.organisatie or contact.fingerprint)
        return labels, ", ".join(prints)

    # -- import ----------------------------------------------------------------------

    def lees(self, bron: Path | bytes, wachtwoordzin: str | None = None,
             allow_unknown_sender: bool = False) -> fmt.OpenedBundle:
        """Decrypt and check a bundle (no changes to the vault).

        The signature, the recipients and the sender are checked before any dossier
        file is read; from a sender not in the address book the dossier files are read
        only with ``allow_unknown_sender`` (else the result is incomplete).
        """
        keys, _card = self._keys()
        own = keys.age_recipient()

        def sender_check(bundle: fmt.OpenedBundle) -> bool:
            importer.check_recipient(bundle, own)
            with self.vault.read() as db:
                known = importer.sender_known(db, bundle.sender)[0]
            return known or allow_unknown_sender

        return fmt.open_bundle(bron, [keys.identity()], wachtwoordzin, sender_check)

    def bekijk(self, bron: Path | bytes, wachtwoordzin: str | None = None,
               progress: Progress | None = None,
               allow_unknown_sender: bool = False) -> importer.Voorbeeld:
        """The preview of an import: sender, signature, and per dossier new/same/differs."""
        bundle = self.lees(bron, wachtwoordzin, allow_unknown_sender)
        keys, _card = self._keys()
        with self.vault.read() as db:
            return importer.preview(db, bundle, keys.age_recipient(), self.vandaag)

    def importeer(self, voorbeeld: importer.Voorbeeld, keuzes: Mapping[str, str] | None = None,
                  allow_unknown_sender: bool = False) -> importer.ImportResultaat:
        """Carry out the user's choices in one transaction; nothing changes before this."""
        from zorgapp.services.dossier_service import DossierService

        if not voorbeeld.bundle.complete:
            voorbeeld = self._read_rest(voorbeeld, allow_unknown_sender)
        dossiers = DossierService(self.vault, self.actor, self._vandaag)

        def deadline_for(db: Connection, dossier: Dossier) -> list[Deadline]:
            return dossiers.deadlines(dossier, db)

        with self.vault.transaction() as db:
            result = importer.apply(db, voorbeeld, keuzes or {}, prefix=dossiers.prefix(),
                                    deadline_for=deadline_for, actor=self.actor,
                                    allow_unknown_sender=allow_unknown_sender, vandaag=self.vandaag)
            if result.al_ontvangen:
                return result
            # a restricted case here is kept as it is: refused, the transaction rolls back
            controleer_niet_beperkt(db, result.vervangen, INLEZEN)
            for uuid in result.nieuw:
                self.vault.audit.record(audit.IMPORT, record_type="dossier", record_uuid=uuid,
                                        outcome="new", fields=["bundle"])
            for uuid in result.vervangen:
                self.vault.audit.record(audit.IMPORT, record_type="dossier", record_uuid=uuid,
                                        outcome="theirs", fields=["bundle"])
            for _bron, uuid, _nummer in result.kopie:
                self.vault.audit.record(audit.IMPORT, record_type="dossier", record_uuid=uuid,
                                        outcome="both", fields=["bundle"])
            self.vault.audit.record(audit.IMPORT, record_type="bundle",
                                    record_uuid=voorbeeld.bundle.manifest.get("bundle_uuid", ""),
                                    outcome=str(result.gewijzigd))
        return result

    def _read_rest(self, voorbeeld: importer.Voorbeeld, allow_unknown_sender: bool) -> importer.Voorbeeld:
        """The dossier files of a bundle from a sender the user has now allowed."""
        bundle = voorbeeld.bundle
        if not allow_unknown_sender or bundle.reopen is None:
            raise importer.unknown_sender(bundle)
        full = bundle.reopen()
        if full.bundle_id != bundle.bundle_id:
            raise fmt.damaged("changed since the preview")
        with self.vault.read() as db:
            return importer.preview(db, full, self._keys()[0].age_recipient(), self.vandaag)


def lees_zonder_kluis(bron: Path | bytes, wachtwoordzin: str | None) -> fmt.OpenedBundle:
    """Check a passphrase bundle without a vault (``bundle inspect`` without ``--vault``)."""
    return fmt.open_bundle(bron, [], wachtwoordzin)
