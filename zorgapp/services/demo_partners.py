"""Demo partners: a fictional address book and its links to demo cases in fixed roles.

Every organisation and person here is made up and marked "(fictief)" (DOMAIN.md §10);
phone numbers are 0000 numbers. The links follow the rules a coordinator would: a
guardian (Nidos) only for a foreign minor, an interpreter only when the client needs
one, a lawyer from the reflection period on, a shelter contact once placed. Drawn from a
generator of its own per case, so the rest of the demo data stays the same.
"""

from __future__ import annotations

import random
import uuid as uuid_mod
from datetime import date

from zorgapp.domain.codes import Fase, uuid4_tekst
from zorgapp.domain.dossier import Dossier, Partner
from zorgapp.domain.partners import Contactpersoon, Organisatie, PartnerRol
from zorgapp.store.connection import Connection
from zorgapp.store.partners import PartnerRepository

_NAMESPACE = uuid_mod.UUID("6f1d2c1e-6a53-4d0e-9a53-5a1f0d3c2b10")

#: (role, organisation, phone, [(person, function)])
_ADRESBOEK: tuple[tuple[PartnerRol, str, str, tuple[tuple[str, str], ...]], ...] = (
    (PartnerRol.POLITIE, "Politie, team mensenhandel (fictief)", "0900-0000000",
     (("Rechercheur A. Jansen (fictief)", "AVIM-rechercheur"),
      ("Rechercheur B. de Boer (fictief)", "AVIM-rechercheur"))),
    (PartnerRol.ADVOCAAT, "Advocatenkantoor Voorbeeld (fictief)", "070-0000001",
     (("Mr. C. Visser (fictief)", "advocaat vreemdelingenrecht"),
      ("Mr. D. Smit (fictief)", "advocaat strafrecht"))),
    (PartnerRol.VOOGD, "Voogdij-instelling Voorbeeld (fictief, zoals Nidos)", "030-0000002",
     (("E. Bakker (fictief)", "jeugdbeschermer"),)),
    (PartnerRol.OPVANG, "Stichting Voorbeeldopvang (fictief)", "071-0000003",
     (("F. Mulder (fictief)", "persoonlijk begeleider"),
      ("G. Meijer (fictief)", "persoonlijk begeleider"))),
    (PartnerRol.CASEMANAGER, "Wijkteam Voorbeeld (fictief)", "071-0000004",
     (("H. de Vries (fictief)", "casemanager"),)),
    (PartnerRol.TOLK, "Tolkenbureau Voorbeeld (fictief)", "088-0000005", ()),
)


def _uuid(tekst: str) -> str:
    return str(uuid_mod.uuid5(_NAMESPACE, tekst))


def adresboek() -> dict[PartnerRol, Organisatie]:
    """The fictional organisations, one per role (the same uuids in every demo vault)."""
    return {rol: Organisatie(
        naam=naam, uuid=_uuid(naam), telefoon=telefoon,
        contactpersonen=[Contactpersoon(naam=p, uuid=_uuid(naam + p), functie=f,
                                        telefoon=telefoon) for p, f in personen])
        for rol, naam, telefoon, personen in _ADRESBOEK}


class DemoPartners:
    """Links demo cases to the fictional address book."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.organisaties = adresboek()
        # what a letter prints for (role, contact person): the same for every case
        self._bereikbaar: dict[tuple[PartnerRol, str], str] = {}

    def koppel(self, dossier: Dossier) -> None:
        """Add the partners this case would have by now (see the module docstring)."""
        rng = random.Random(f"{self.seed}-partners-{dossier.dossiernummer}")
        fasen = {s.fase for s in dossier.traject.stappen()}
        persoon = dossier.persoon
        melddatum = dossier.meldingen[0].datum if dossier.meldingen else date.today()
        buitenlands = not persoon.nationaliteiten or "NL" not in persoon.nationaliteiten
        rollen: list[PartnerRol] = []
        if fasen & {Fase.BEDENKTIJD, Fase.GEPLAATST} or rng.random() < 0.3:
            rollen.append(PartnerRol.POLITIE)
        if fasen & {Fase.BEDENKTIJD, Fase.GEPLAATST} and rng.random() < 0.6:
            rollen.append(PartnerRol.ADVOCAAT)
        if persoon.minderjarig_op(melddatum) and buitenlands:
            rollen.append(PartnerRol.VOOGD)
        if Fase.GEPLAATST in fasen:
            rollen.append(PartnerRol.OPVANG)
        if Fase.BEGELEIDING in fasen and rng.random() < 0.4:
            rollen.append(PartnerRol.CASEMANAGER)
        if persoon.tolk_nodig and rng.random() < 0.8:
            rollen.append(PartnerRol.TOLK)
        for rol in rollen:
            org = self.organisaties[rol]
            persoon_uuid = rng.choice(org.contactpersonen).uuid if org.contactpersonen else ""
            contact = self._bereikbaar.get((rol, persoon_uuid))
            if contact is None:
                contact = self._bereikbaar[rol, persoon_uuid] = org.bereikbaar(persoon_uuid)
            dossier.partners.append(Partner(
                naam=org.naam, rol=rol, contact=contact,
                organisatie=org.uuid, contactpersoon=persoon_uuid,
                uuid=uuid4_tekst(rng.getrandbits(128))))

    def bewaar(self, db: Connection) -> None:
        repo = PartnerRepository(db)
        for org in self.organisaties.values():
            repo.bewaar(org, is_demo=True)
