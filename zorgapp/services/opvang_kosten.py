"""A dossier's costs: extra cost posts (interpreter, travel) and the nights of its
placements at their agreed rates. Every change of a cost post is audited."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from zorgapp.domain.codes import nieuw_uuid
from zorgapp.domain.errors import DomainError
from zorgapp.domain.geld import euro, som
from zorgapp.domain.kosten import Kostenpost, KostenSoort
from zorgapp.domain.opvang import Kostenregel, kosten_plaatsing
from zorgapp.services.base import VaultService
from zorgapp.services.opvang_validatie import validatie
from zorgapp.store import audit
from zorgapp.store.dossiers import DossierRepository
from zorgapp.store.opvang import KostenpostRepository, PlaatsingRepository


@dataclass(frozen=True)
class DossierKosten:
    """Costs of one dossier up to a day: nights per rate, cost posts, and the totals."""

    regels: list[Kostenregel] = field(default_factory=list)
    posten: list[Kostenpost] = field(default_factory=list)
    fouten: list[str] = field(default_factory=list)

    @property
    def totaal_nachten(self) -> Decimal:
        return som(r.bedrag for r in self.regels)

    @property
    def totaal_posten(self) -> Decimal:
        return som(p.bedrag for p in self.posten)

    @property
    def totaal(self) -> Decimal:
        return self.totaal_nachten + self.totaal_posten

    @property
    def landelijk(self) -> Decimal:
        return som([r.bedrag for r in self.regels if r.landelijk]
                   + [p.bedrag for p in self.posten if p.landelijk])


class KostenService(VaultService):
    """Use cases of a dossier's costs."""

    def kostenposten(self, dossier_uuid: str) -> list[Kostenpost]:
        with self.vault.read() as db:
            return KostenpostRepository(db).voor_dossier(dossier_uuid)

    def voeg_kostenpost_toe(self, dossier_uuid: str, soort: KostenSoort | str, datum: date,
                            bedrag: Decimal | str, omschrijving: str = "",
                            landelijk: bool = False) -> Kostenpost:
        try:
            post = Kostenpost(uuid=nieuw_uuid(), dossier_uuid=dossier_uuid,
                              soort=KostenSoort(soort), datum=datum, bedrag=euro(bedrag),
                              omschrijving=omschrijving.strip(), landelijk=landelijk)
        except DomainError as exc:
            raise validatie(exc) from None
        with self.vault.transaction() as db:
            repos = DossierRepository(db)
            repos.document(dossier_uuid)  # refuses an unknown dossier
            KostenpostRepository(db).insert(post)
            self.vault.audit.record(audit.CREATE, record_type="kostenpost",
                                    record_uuid=post.uuid,
                                    fields=["soort", "datum", "bedrag", "omschrijving",
                                            "landelijk"])
        return post

    def verwijder_kostenpost(self, uuid: str) -> None:
        with self.vault.transaction() as db:
            repo = KostenpostRepository(db)
            repo.get(uuid)
            repo.delete(uuid)
            self.vault.audit.record("delete", record_type="kostenpost", record_uuid=uuid)

    def kosten(self, dossier_uuid: str, tot: date | None = None) -> DossierKosten:
        """A dossier's costs up to ``tot`` (exclusive; default today: tonight not yet)."""
        einde = tot or self.vandaag
        with self.vault.read() as db:
            plaatsingen = PlaatsingRepository(db).voor_dossier(dossier_uuid)
            posten = [p for p in KostenpostRepository(db).voor_dossier(dossier_uuid)
                      if p.datum < einde]
        regels: list[Kostenregel] = []
        fouten: list[str] = []
        for p in plaatsingen:
            if not p.telt or p.van is None:
                continue
            try:
                regels += kosten_plaatsing(p, p.van, max(einde, p.van), peildatum=einde)
            except DomainError as exc:
                fouten.append(validatie(exc).user_message())
        return DossierKosten(regels=regels, posten=posten, fouten=fouten)

