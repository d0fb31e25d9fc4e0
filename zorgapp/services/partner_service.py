"""Use cases of the partner address book and of partners on a case: keep organisations
and their contact persons once, link them to a dossier in a fixed role, see a partner's
caseload. Every change is audited here.

A dossier keeps the name and contact line of its partners (what a letter prints); when
an organisation changes in the address book, the dossiers that link it are updated too.
"""

from __future__ import annotations

from zorgapp.domain.dossier import Dossier, Partner
from zorgapp.domain.partners import Caseload, Organisatie, PartnerRol
from zorgapp.errors import N_, ValidationError
from zorgapp.services.dossier_service import DossierService
from zorgapp.store import audit
from zorgapp.store.connection import Connection
from zorgapp.store.dossiers import DossierRepository
from zorgapp.store.partners import PartnerRepository

RECORD_TYPE = "partner"


class PartnerService(DossierService):
    """The address book, and the partner links of dossiers (a ``DossierService`` so that
    a link is saved with the same checks and audit as any change of a case)."""

    # -- the address book ----------------------------------------------------------

    def adresboek(self) -> list[Organisatie]:
        with self.vault.read() as db:
            return PartnerRepository(db).alle()

    def namen(self) -> list[tuple[str, str]]:
        """(uuid, naam) of every organisation: for the filter of the dossier list."""
        with self.vault.read() as db:
            return PartnerRepository(db).namen()

    def organisatie(self, uuid: str) -> Organisatie:
        with self.vault.read() as db:
            return PartnerRepository(db).get(uuid)

    def bewaar_organisatie(self, organisatie: Organisatie) -> Organisatie:
        """Add or change an organisation; linked dossiers get its new name and contact."""
        organisatie.naam = organisatie.naam.strip()
        organisatie.valideer()
        with self.vault.transaction() as db:
            repo = PartnerRepository(db)
            andere = repo.op_naam(organisatie.naam)
            if andere is not None and andere != organisatie.uuid:
                raise ValidationError(N_("Er staat al een partner met deze naam in het adresboek."))
            nieuw = not repo.bestaat(organisatie.uuid)
            repo.bewaar(organisatie)
            self.vault.audit.record(audit.CREATE if nieuw else audit.CHANGE,
                                    record_type=RECORD_TYPE, record_uuid=organisatie.uuid,
                                    fields=["organisatie"])
            if not nieuw:
                self._werk_dossiers_bij(db, organisatie)
        return organisatie

    def _werk_dossiers_bij(self, db: Connection, organisatie: Organisatie) -> None:
        dossiers = DossierRepository(db)
        for uuid in PartnerRepository(db).dossier_uuids(organisatie.uuid):
            dossier = dossiers.get(uuid)
            for partner in dossier.partners:
                if partner.organisatie == organisatie.uuid:
                    if organisatie.contactpersoon(partner.contactpersoon) is None:
                        partner.contactpersoon = ""
                    partner.naam = organisatie.naam
                    partner.contact = organisatie.bereikbaar(partner.contactpersoon)
            changed = dossiers.update(dossier, self.deadlines(dossier, db))
            if changed:
                self.vault.audit.record(audit.CHANGE, record_type="dossier",
                                        record_uuid=uuid, fields=changed)

    def verwijder_organisatie(self, uuid: str) -> None:
        """Only an organisation that no dossier links (a case's history stays whole)."""
        with self.vault.transaction() as db:
            repo = PartnerRepository(db)
            repo.get(uuid)
            if repo.in_gebruik(uuid):
                raise ValidationError(N_("Deze partner staat nog bij een of meer dossiers en "
                                         "kan niet uit het adresboek."))
            repo.verwijder(uuid)
            self.vault.audit.record(audit.CHANGE, record_type=RECORD_TYPE, record_uuid=uuid,
                                    fields=["verwijderd"])

    def caseload(self, uuid: str) -> Caseload:
        with self.vault.read() as db:
            return PartnerRepository(db).caseload(uuid)

    # -- partners on a case ----------------------------------------------------------

    def koppel(self, dossier_uuid: str, organisatie_uuid: str, rol: PartnerRol,
               contactpersoon: str = "", toelichting: str = "") -> Dossier:
        """Link an address-book organisation (and one of its people) in a role."""
        org = self.organisatie(organisatie_uuid)
        if contactpersoon and org.contactpersoon(contactpersoon) is None:
            raise ValidationError(N_("Deze contactpersoon hoort niet bij de gekozen partner."))
        dossier = self.laad(dossier_uuid)
        for p in dossier.partners:
            if (p.organisatie, p.rol, p.contactpersoon) == (org.uuid, rol, contactpersoon):
                raise ValidationError(N_("Deze partner staat al in deze rol bij het dossier."))
        dossier.partners.append(Partner(
            naam=org.naam, rol=PartnerRol(rol), contact=org.bereikbaar(contactpersoon),
            organisatie=org.uuid, contactpersoon=contactpersoon,
            toelichting=toelichting.strip()))
        self.opslaan(dossier)
        return dossier

    def ontkoppel(self, dossier_uuid: str, partner_uuid: str) -> Dossier:
        """Remove a partner from a case, unless a consent names it."""
        dossier = self.laad(dossier_uuid)
        partner = next((p for p in dossier.partners if p.uuid == partner_uuid), None)
        if partner is None:
            raise ValidationError(N_("Deze partner hoort niet bij het dossier."))
        if any(t.partner == partner_uuid for t in dossier.toestemmingen):
            raise ValidationError(N_("Er is toestemming vastgelegd voor deze partner; de "
                                     "partner blijft bij het dossier."))
        dossier.partners.remove(partner)
        self.opslaan(dossier)
        return dossier
