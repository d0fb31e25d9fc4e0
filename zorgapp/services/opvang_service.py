"""Use cases of shelter (opvang): the shelter registry, placements and cost posts.

Every change is audited (field names only). Placing somebody moves the dossier's
path to ``geplaatst`` through ``DossierService.overgang`` when the current stage
allows it; ending a placement never forces a stage (what comes next is the
coordinator's call). Allocation never blocks a placement: costs are only read later.

Importing this module registers the placements as a source of deadlines
(evaluation and expected end dates) with ``dossier_service.PLAATSINGEN_VOOR``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from zorgapp.domain.codes import Fase, nieuw_uuid
from zorgapp.domain.errors import DomainError
from zorgapp.domain.geld import NUL, euro, som
from zorgapp.domain.kosten import Kostenpost, KostenSoort
from zorgapp.domain.opvang import (
    LANDELIJK_GEFINANCIERD,
    Financier,
    Kostenregel,
    Locatie,
    OpvangType,
    Plaatsing,
    PlaatsingStatus,
    Tarief,
    controleer_overlap,
    kosten_plaatsing,
    nachten,
    sorteer_tarieven,
)
from zorgapp.errors import N_, KnownError, ValidationError
from zorgapp.i18n import format_date
from zorgapp.services import dossier_service
from zorgapp.services.base import VaultService
from zorgapp.services.dossier_service import DossierService
from zorgapp.store import audit
from zorgapp.store.connection import Connection
from zorgapp.store.dossiers import DossierRepository
from zorgapp.store.opvang import (
    KostenpostRepository,
    LocatieRij,
    OpvangRepository,
    PlaatsingRepository,
    dossier_info,
)
from zorgapp.store.vault import Vault

#: Reason recorded on the path when a placement moves a case to ``geplaatst``
#: (stored data, like every path reason: not translated).
REDEN_GEPLAATST = "Geplaatst in opvang"


def _plaatsingen_voor(db: Connection, dossier_uuid: str) -> list[Plaatsing]:
    return PlaatsingRepository(db).voor_dossier(dossier_uuid)


def registreer_deadlines() -> None:
    """Let the dossier's deadlines include placement evaluations and expected ends."""
    if _plaatsingen_voor not in dossier_service.PLAATSINGEN_VOOR:
        dossier_service.PLAATSINGEN_VOOR.append(_plaatsingen_voor)


registreer_deadlines()


def _toon(value: Any) -> Any:
    return format_date(value) if isinstance(value, date) else value


def validatie(exc: DomainError) -> ValidationError:
    """A domain refusal as a ValidationError with dates ready to show."""
    return ValidationError(exc.msgid, **{k: _toon(v) for k, v in exc.params.items()})


@dataclass(frozen=True)
class PlaatsResultaat:
    """What placing did: the placement, and whether the dossier's path moved."""

    plaatsing: Plaatsing
    fase_gewijzigd: bool
    fase: Fase | None


@dataclass(frozen=True)
class Bezetting:
    locatie: Locatie
    bezet: int
    actief: bool = True

    @property
    def vrij(self) -> int | None:
        if self.locatie.capaciteit is None:
            return None
        return self.locatie.capaciteit - self.bezet


@dataclass(frozen=True)
class EindigendePlaatsing:
    plaatsing: Plaatsing
    dossiernummer: str
    locatie: str


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


class OpvangService(VaultService):

    def _dossiers(self) -> DossierService:
        return DossierService(self.vault, self.actor, self._vandaag)

    # -- shelter registry -------------------------------------------------------------

    def locaties(self, alleen_actief: bool = False) -> list[LocatieRij]:
        with self.vault.read() as db:
            return OpvangRepository(db).alle(alleen_actief)

    def locatie(self, uuid: str) -> LocatieRij:
        with self.vault.read() as db:
            return OpvangRepository(db).get(uuid)

    def organisaties(self) -> list[str]:
        with self.vault.read() as db:
            return OpvangRepository(db).organisaties()

    def nieuwe_locatie(self, organisatie: str, naam: str, type: OpvangType | str, *,
                       contact: str = "", capaciteit: int | None = None,
                       adres_geheim: bool = True, adres: str = "",
                       dagtarief: Decimal | str | None = None,
                       geldig_vanaf: date | None = None) -> Locatie:
        tarieven = []
        if dagtarief is not None and str(dagtarief).strip() != "":
            tarieven.append(self._tarief(dagtarief, geldig_vanaf or self.vandaag))
        locatie = self._locatie(uuid=nieuw_uuid(), organisatie=organisatie, naam=naam,
                                type=type, contact=contact, capaciteit=capaciteit,
                                adres_geheim=adres_geheim, adres=adres, tarieven=tarieven)
        with self.vault.transaction() as db:
            OpvangRepository(db).bewaar(locatie)
            self.vault.audit.record(audit.CREATE, record_type="opvanglocatie",
                                    record_uuid=locatie.uuid, fields=_locatie_velden(locatie))
        return locatie

    def wijzig_locatie(self, locatie: Locatie, actief: bool = True) -> list[str]:
        """Store changed registry data; the rates go through ``zet_locatie_tarief``."""
        locatie = self._locatie(**{f.name: getattr(locatie, f.name)
                                   for f in dataclasses.fields(locatie)})
        with self.vault.transaction() as db:
            repo = OpvangRepository(db)
            oud = repo.get(locatie.uuid)
            veranderd = [f for f in ("organisatie", "naam", "type", "contact", "capaciteit",
                                     "adres_geheim", "adres", "tarieven")
                         if getattr(oud.locatie, f) != getattr(locatie, f)]
            if oud.actief != actief:
                veranderd.append("actief")
            if veranderd:
                repo.bewaar(locatie, actief=actief, is_demo=oud.is_demo)
                self.vault.audit.record(audit.CHANGE, record_type="opvanglocatie",
                                        record_uuid=locatie.uuid, fields=veranderd)
        return veranderd

    def zet_locatie_tarief(self, locatie_uuid: str, dagtarief: Decimal | str,
                           geldig_vanaf: date) -> Locatie:
        """A new default rate from ``geldig_vanaf`` (replaces one starting the same day).

        Running placements keep their own rates: a shelter's new price is agreed per
        placement with ``wijzig_tarief``, so old invoices never change silently.
        """
        nieuw = self._tarief(dagtarief, geldig_vanaf)
        with self.vault.transaction() as db:
            repo = OpvangRepository(db)
            rij = repo.get(locatie_uuid)
            tarieven = [t for t in rij.locatie.tarieven if t.geldig_vanaf != geldig_vanaf]
            locatie = dataclasses.replace(rij.locatie, tarieven=[*tarieven, nieuw])
            repo.bewaar(locatie, actief=rij.actief, is_demo=rij.is_demo)
            self.vault.audit.record(audit.CHANGE, record_type="opvanglocatie",
                                    record_uuid=locatie_uuid, fields=["tarieven"])
        return locatie

    # -- placements -------------------------------------------------------------------

    def plaatsingen(self, dossier_uuid: str) -> list[Plaatsing]:
        with self.vault.read() as db:
            return PlaatsingRepository(db).voor_dossier(dossier_uuid)

    def plaatsing(self, uuid: str) -> Plaatsing:
        with self.vault.read() as db:
            return PlaatsingRepository(db).get(uuid)

    def vraag_aan(self, dossier_uuid: str, type: OpvangType | str, *,
                  locatie_uuid: str | None = None, aangevraagd_op: date | None = None,
                  van: date | None = None, financier: Financier | str | None = None,
                  gemeente_code: str | None = None, evaluatiedatum: date | None = None,
                  verwachte_einddatum: date | None = None) -> Plaatsing:
        """Record a request for a place; ``van`` is the planned start, if known."""
        try:
            plaatsing = Plaatsing(
                uuid=nieuw_uuid(), dossier_uuid=dossier_uuid, locatie_uuid=locatie_uuid,
                type=OpvangType(type), status=PlaatsingStatus.AANGEVRAAGD,
                aangevraagd_op=aangevraagd_op or self.vandaag, van=van,
                financier=Financier(financier) if financier else None,
                gemeente_code=gemeente_code or None, evaluatiedatum=evaluatiedatum,
                verwachte_einddatum=verwachte_einddatum)
        except DomainError as exc:
            raise validatie(exc) from None
        with self.vault.transaction() as db:
            self._controleer_dossier_en_locatie(db, plaatsing)
            PlaatsingRepository(db).insert(plaatsing,
                                           is_demo=DossierRepository(db).is_demo(dossier_uuid))
            self._ververs_deadline(db, dossier_uuid)
            self.vault.audit.record(audit.CREATE, record_type="plaatsing",
                                    record_uuid=plaatsing.uuid, fields=_plaatsing_velden())
        return plaatsing

    def plaats(self, plaatsing_uuid: str, van: date, *,
               dagtarief: Decimal | str | None = None, locatie_uuid: str | None = None,
               evaluatiedatum: date | None = None,
               verwachte_einddatum: date | None = None) -> PlaatsResultaat:
        """The client arrives: the request becomes a stay from ``van`` (first night).

        The daily rate is the one given, else the location's rates from ``van`` on.
        Overlap with another stay of the same person is refused with a clear message.
        """
        if van > self.vandaag:
            raise ValidationError(N_(
                "Een plaatsing kan niet in de toekomst beginnen ({datum}). Leg de geplande "
                "datum vast bij de aanvraag en plaats op de dag van aankomst."),
                datum=format_date(van))
        with self.vault.transaction() as db:
            repo = PlaatsingRepository(db)
            oud = repo.get(plaatsing_uuid)
            if locatie_uuid is not None:
                oud = dataclasses.replace(oud, locatie_uuid=locatie_uuid)
            tarieven = self._tarieven_voor(db, oud, van, dagtarief)
            try:
                nieuw = dataclasses.replace(
                    oud.plaats(van), tarieven=tarieven,
                    evaluatiedatum=evaluatiedatum or oud.evaluatiedatum,
                    verwachte_einddatum=verwachte_einddatum or oud.verwachte_einddatum)
                controleer_overlap(repo.voor_dossier(oud.dossier_uuid), nieuw)
            except DomainError as exc:
                raise validatie(exc) from None
            self._controleer_dossier_en_locatie(db, nieuw)
            repo.update(nieuw)
            self._ververs_deadline(db, nieuw.dossier_uuid)
            self.vault.audit.record(audit.CHANGE, record_type="plaatsing",
                                    record_uuid=nieuw.uuid,
                                    fields=["status", "van", "tarieven", "locatie"])
        fase_gewijzigd = self._naar_geplaatst(nieuw.dossier_uuid, van)
        return PlaatsResultaat(nieuw, fase_gewijzigd, self._fase(nieuw.dossier_uuid))

    def plaats_direct(self, dossier_uuid: str, type: OpvangType | str, van: date, *,
                      locatie_uuid: str | None = None,
                      dagtarief: Decimal | str | None = None,
                      financier: Financier | str | None = None,
                      gemeente_code: str | None = None, evaluatiedatum: date | None = None,
                      verwachte_einddatum: date | None = None) -> PlaatsResultaat:
        """Request and place at once (a crisis bed tonight has no separate request)."""
        if van > self.vandaag:
            raise ValidationError(N_(
                "Een plaatsing kan niet in de toekomst beginnen ({datum}). Leg de geplande "
                "datum vast bij de aanvraag en plaats op de dag van aankomst."),
                datum=format_date(van))
        try:
            aanvraag = Plaatsing(
                uuid=nieuw_uuid(), dossier_uuid=dossier_uuid, locatie_uuid=locatie_uuid,
                type=OpvangType(type), aangevraagd_op=van,
                financier=Financier(financier) if financier else None,
                gemeente_code=gemeente_code or None, evaluatiedatum=evaluatiedatum,
                verwachte_einddatum=verwachte_einddatum)
        except DomainError as exc:
            raise validatie(exc) from None
        with self.vault.transaction() as db:
            repo = PlaatsingRepository(db)
            tarieven = self._tarieven_voor(db, aanvraag, van, dagtarief)
            try:
                nieuw = dataclasses.replace(aanvraag.plaats(van), tarieven=tarieven)
                controleer_overlap(repo.voor_dossier(dossier_uuid), nieuw)
            except DomainError as exc:
                raise validatie(exc) from None
            self._controleer_dossier_en_locatie(db, nieuw)
            repo.insert(nieuw, is_demo=DossierRepository(db).is_demo(dossier_uuid))
            self._ververs_deadline(db, dossier_uuid)
            self.vault.audit.record(audit.CREATE, record_type="plaatsing",
                                    record_uuid=nieuw.uuid, fields=_plaatsing_velden())
        fase_gewijzigd = self._naar_geplaatst(dossier_uuid, van)
        return PlaatsResultaat(nieuw, fase_gewijzigd, self._fase(dossier_uuid))

    def beeindig(self, plaatsing_uuid: str, tot: date | None, reden: str) -> Plaatsing:
        """End a stay on ``tot`` (the day the client leaves: that night is not paid),
        or withdraw a request (no dates, no costs). The path's stage is left alone."""
        if tot is not None and tot > self.vandaag:
            raise ValidationError(N_(
                "De einddatum {datum} ligt in de toekomst. Leg een verwachte einddatum vast "
                "en beëindig de plaatsing op de dag van vertrek."), datum=format_date(tot))
        with self.vault.transaction() as db:
            repo = PlaatsingRepository(db)
            oud = repo.get(plaatsing_uuid)
            try:
                nieuw = oud.beeindig(tot, reden.strip())
            except DomainError as exc:
                raise validatie(exc) from None
            repo.update(nieuw)
            self._ververs_deadline(db, nieuw.dossier_uuid)
            self.vault.audit.record(audit.CHANGE, record_type="plaatsing",
                                    record_uuid=nieuw.uuid,
                                    fields=["status", "tot", "einde_reden"])
        return nieuw

    def wijzig_tarief(self, plaatsing_uuid: str, dagtarief: Decimal | str,
                      geldig_vanaf: date) -> Plaatsing:
        """A new daily rate inside a placement from ``geldig_vanaf`` on.

        Nights before that date keep their rate; a rate starting the same day as an
        existing one replaces it (a correction, recorded in the audit trail).
        """
        nieuw_tarief = self._tarief(dagtarief, geldig_vanaf)
        with self.vault.transaction() as db:
            repo = PlaatsingRepository(db)
            oud = repo.get(plaatsing_uuid)
            if oud.status is PlaatsingStatus.AANGEVRAAGD or oud.van is None:
                raise ValidationError(N_(
                    "Het dagtarief van een plaatsing kan pas worden gewijzigd als de cliënt "
                    "geplaatst is."))
            if geldig_vanaf < oud.van or (oud.tot is not None and geldig_vanaf >= oud.tot):
                raise ValidationError(N_(
                    "Het nieuwe dagtarief moet ingaan binnen de plaatsing (vanaf {van})."),
                    van=format_date(oud.van))
            tarieven = [t for t in oud.tarieven if t.geldig_vanaf != geldig_vanaf]
            nieuw = dataclasses.replace(oud, tarieven=sorteer_tarieven([*tarieven, nieuw_tarief]))
            repo.update(nieuw)
            self.vault.audit.record(audit.CHANGE, record_type="plaatsing",
                                    record_uuid=nieuw.uuid, fields=["tarieven"])
        return nieuw

    def wijzig_plaatsing(self, plaatsing_uuid: str, *,
                         evaluatiedatum: date | None = None,
                         verwachte_einddatum: date | None = None,
                         financier: Financier | str | None = None,
                         gemeente_code: str | None = None,
                         locatie_uuid: str | None = None) -> Plaatsing:
        """Change planning and payment details; pass only what changes."""
        with self.vault.transaction() as db:
            repo = PlaatsingRepository(db)
            oud = repo.get(plaatsing_uuid)
            wijziging: dict[str, Any] = {}
            if evaluatiedatum is not None:
                wijziging["evaluatiedatum"] = evaluatiedatum
            if verwachte_einddatum is not None:
                wijziging["verwachte_einddatum"] = verwachte_einddatum
            if financier is not None:
                wijziging["financier"] = Financier(financier)
            if gemeente_code is not None:
                wijziging["gemeente_code"] = gemeente_code or None
            if locatie_uuid is not None:
                wijziging["locatie_uuid"] = locatie_uuid
            try:
                nieuw = dataclasses.replace(oud, **wijziging)
            except DomainError as exc:
                raise validatie(exc) from None
            veranderd = [k for k in wijziging if getattr(oud, k) != getattr(nieuw, k)]
            if veranderd:
                self._controleer_dossier_en_locatie(db, nieuw)
                repo.update(nieuw)
                self._ververs_deadline(db, nieuw.dossier_uuid)
                self.vault.audit.record(audit.CHANGE, record_type="plaatsing",
                                        record_uuid=nieuw.uuid, fields=veranderd)
        return nieuw

    # -- cost posts -------------------------------------------------------------------

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

    def wijzig_kostenpost(self, post: Kostenpost) -> list[str]:
        with self.vault.transaction() as db:
            repo = KostenpostRepository(db)
            oud = repo.get(post.uuid)
            veranderd = [f for f in ("soort", "datum", "bedrag", "omschrijving", "landelijk")
                         if getattr(oud, f) != getattr(post, f)]
            if veranderd:
                repo.update(post)
                self.vault.audit.record(audit.CHANGE, record_type="kostenpost",
                                        record_uuid=post.uuid, fields=veranderd)
        return veranderd

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

    # -- overviews --------------------------------------------------------------------

    def bezetting(self, dag: date | None = None) -> list[Bezetting]:
        """Occupied places per location tonight (residential placements only)."""
        dag = dag or self.vandaag
        with self.vault.read() as db:
            locaties = OpvangRepository(db).alle()
            tellingen: dict[str, int] = {}
            for p in PlaatsingRepository(db).lopend_op(dag):
                if p.locatie_uuid:
                    tellingen[p.locatie_uuid] = tellingen.get(p.locatie_uuid, 0) + 1
        return [Bezetting(r.locatie, tellingen.get(r.locatie.uuid, 0), r.actief)
                for r in locaties]

    def eindigend(self, dagen: int = 14) -> list[EindigendePlaatsing]:
        """Running placements expected to end within ``dagen`` days, overdue ones first."""
        horizon = self.vandaag + timedelta(days=dagen)
        with self.vault.read() as db:
            gevonden = PlaatsingRepository(db).open_met_einde_voor(horizon)
            info = dossier_info(db, [p.dossier_uuid for p in gevonden])
            namen = OpvangRepository(db).namen()
        return [EindigendePlaatsing(p, info.get(p.dossier_uuid, ("", ""))[0],
                                    namen.get(p.locatie_uuid or "", ""))
                for p in gevonden]

    def dossiernummers(self, uuids: Iterable[str]) -> dict[str, str]:
        with self.vault.read() as db:
            return {u: v[0] for u, v in dossier_info(db, uuids).items()}

    # -- helpers ----------------------------------------------------------------------

    def _tarief(self, dagtarief: Decimal | str, geldig_vanaf: date) -> Tarief:
        try:
            return Tarief(euro(dagtarief), geldig_vanaf)
        except DomainError as exc:
            raise validatie(exc) from None

    def _locatie(self, **velden: Any) -> Locatie:
        if not str(velden.get("naam", "")).strip():
            raise ValidationError(N_("Geef de opvanglocatie een naam."))
        if not str(velden.get("organisatie", "")).strip():
            raise ValidationError(N_("Geef de organisatie van de opvanglocatie op."))
        try:
            return Locatie(**velden)
        except (DomainError, ValueError) as exc:
            if isinstance(exc, DomainError):
                raise validatie(exc) from None
            raise ValidationError(N_("Onbekend soort opvang: {type}."),
                                  type=str(velden.get("type"))) from None

    def _tarieven_voor(self, db: Connection, plaatsing: Plaatsing, van: date,
                       dagtarief: Decimal | str | None) -> list[Tarief]:
        """The rates of a new stay: the one given, else the location's from ``van`` on."""
        if dagtarief is not None and str(dagtarief).strip() != "":
            return [self._tarief(dagtarief, van)]
        if plaatsing.tarieven:
            return plaatsing.tarieven
        tarieven: list[Tarief] = []
        if plaatsing.locatie_uuid:
            locatie = OpvangRepository(db).get(plaatsing.locatie_uuid).locatie
            in_kracht = locatie.tarief_op(van)
            if in_kracht is not None:
                tarieven.append(Tarief(in_kracht.dagtarief, van))
            tarieven += [t for t in locatie.tarieven if t.geldig_vanaf > van]
            if tarieven and tarieven[0].geldig_vanaf > van:
                tarieven = []  # the location's price starts later: ask for one
        if not tarieven:
            if plaatsing.type is OpvangType.AMBULANT:
                return []
            if plaatsing.type in LANDELIJK_GEFINANCIERD:
                return [Tarief(NUL, van)]  # paid nationally: nothing for the region
            raise ValidationError(N_(
                "Er is geen dagtarief bekend voor deze opvanglocatie op {datum}. Vul het "
                "dagtarief in."), datum=format_date(van))
        return tarieven

    def _controleer_dossier_en_locatie(self, db: Connection, plaatsing: Plaatsing) -> None:
        DossierRepository(db).document(plaatsing.dossier_uuid)  # refuses an unknown dossier
        if plaatsing.locatie_uuid:
            OpvangRepository(db).get(plaatsing.locatie_uuid)

    def _ververs_deadline(self, db: Connection, dossier_uuid: str) -> None:
        """Keep the dossier list's next-deadline column in step with the placements."""
        dossier = DossierRepository(db).get(dossier_uuid)
        found = self._dossiers().deadlines(dossier, db)
        db.execute("UPDATE dossier SET deadline = ? WHERE uuid = ?",
                   (found[0].datum.isoformat() if found else None, dossier_uuid))

    def _fase(self, dossier_uuid: str) -> Fase | None:
        return self._dossiers().laad(dossier_uuid).traject.huidige_fase

    def _naar_geplaatst(self, dossier_uuid: str, van: date) -> bool:
        """Move the path to ``geplaatst`` on ``van`` when the state machine allows it."""
        service = self._dossiers()
        proef = service.laad(dossier_uuid)
        if proef.traject.huidige_fase is Fase.GEPLAATST:
            return False
        try:
            proef.traject.overgang(Fase.GEPLAATST, van, REDEN_GEPLAATST, self.actor,
                                   self.vandaag)
        except DomainError:
            return False  # e.g. still a signal, closed, or the path has later steps
        service.overgang(dossier_uuid, Fase.GEPLAATST, van, REDEN_GEPLAATST)
        return True


def _locatie_velden(locatie: Locatie) -> list[str]:
    return ["organisatie", "naam", "type", "contact", "capaciteit", "adres_geheim",
            "adres", "tarieven"]


def _plaatsing_velden() -> list[str]:
    return ["type", "status", "locatie", "van", "financier", "gemeente_code",
            "evaluatiedatum", "verwachte_einddatum", "tarieven"]


def _tekst_bedrag(bedrag: Decimal) -> str:
    return f"{bedrag:.2f}"


def plaatsingen_json(vault: Vault, dossier_uuid: str,
                     vandaag: date | None = None) -> list[dict[str, Any]]:
    """A dossier's placements for ``zorgapp case show --json``.

    ``van`` is the first night, ``tot`` the day the client left (exclusive: that night
    is not paid), ``dagtarief`` the rate in force today or on the last night, as text
    with two decimals (no floats), ``tarieven`` every rate with its start date.
    """
    vandaag = vandaag or date.today()
    with vault.read() as db:
        plaatsingen = PlaatsingRepository(db).voor_dossier(dossier_uuid)
        namen = OpvangRepository(db).namen()
    result: list[dict[str, Any]] = []
    for p in plaatsingen:
        peil = vandaag
        if p.tot is not None:
            peil = min(vandaag, p.tot - timedelta(days=1))
        if p.van is not None:
            peil = max(peil, p.van)
        tarief = p.tarief_op(peil) if p.tarieven else None
        kosten = NUL
        if p.telt and p.van is not None:
            try:
                kosten = som(r.bedrag for r in kosten_plaatsing(
                    p, p.van, max(vandaag, p.van), peildatum=vandaag))
            except DomainError:
                kosten = NUL
        result.append({
            "id": p.uuid,
            "type": str(p.type),
            "locatie": namen.get(p.locatie_uuid or "", ""),
            "locatie_id": p.locatie_uuid,
            "status": str(p.status),
            "aangevraagd_op": p.aangevraagd_op.isoformat() if p.aangevraagd_op else None,
            "van": p.van.isoformat() if p.van else None,
            "tot": p.tot.isoformat() if p.tot else None,
            "einde_reden": p.einde_reden,
            "dagtarief": _tekst_bedrag(tarief.dagtarief) if tarief else None,
            "tarieven": [{"geldig_vanaf": t.geldig_vanaf.isoformat(),
                          "dagtarief": _tekst_bedrag(t.dagtarief)} for t in p.tarieven],
            "financier": str(p.financier),
            "landelijk": p.landelijk,
            "gemeente_code": p.gemeente_code,
            "evaluatiedatum": p.evaluatiedatum.isoformat() if p.evaluatiedatum else None,
            "verwachte_einddatum": (p.verwachte_einddatum.isoformat()
                                    if p.verwachte_einddatum else None),
            "nachten": nachten(p, p.van, max(vandaag, p.van), peildatum=vandaag)
            if p.telt and p.van else 0,
            "kosten_tot_nu": _tekst_bedrag(kosten),
        })
    return result


__all__ = [
    "REDEN_GEPLAATST",
    "Bezetting",
    "DossierKosten",
    "EindigendePlaatsing",
    "KnownError",
    "OpvangService",
    "PlaatsResultaat",
    "plaatsingen_json",
    "registreer_deadlines",
]
