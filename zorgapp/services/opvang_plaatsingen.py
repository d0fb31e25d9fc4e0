"""Placements: request a place, place somebody, end a stay, change its rate.

Every change is audited (field names only). Placing somebody moves the dossier's
path to ``geplaatst`` through ``DossierService.overgang`` when the current stage
allows it; ending a placement never forces a stage (what comes next is the
coordinator's call). Allocation never blocks a placement: costs are only read later.
After every change the dossier's deadlines (the list's next-deadline column and the
dashboard's rows) are recomputed, because a placement's evaluation and expected end
dates are deadlines of its dossier.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from zorgapp.domain.codes import Fase, nieuw_uuid
from zorgapp.domain.dossier import JournaalRegel
from zorgapp.domain.errors import DomainError
from zorgapp.domain.geld import NUL
from zorgapp.domain.opvang import (
    LANDELIJK_GEFINANCIERD,
    Financier,
    OpvangType,
    Plaatsing,
    PlaatsingStatus,
    Tarief,
    controleer_overlap,
    sorteer_tarieven,
)
from zorgapp.domain.plaatsing_datums import niet_na_vandaag
from zorgapp.domain.plaatsing_regels import (
    BevestigingNodig,
    Bezwaar,
    capaciteit_bezwaar,
    controleer_bezwaren,
    controleer_niet_afgesloten,
    cosm_bezwaar,
    max_bezetting,
)
from zorgapp.errors import N_, ValidationError
from zorgapp.i18n import format_date
from zorgapp.services.base import VaultService
from zorgapp.services.dossier_service import DossierService
from zorgapp.services.opvang_validatie import maak_tarief, validatie
from zorgapp.store import audit
from zorgapp.store.connection import Connection
from zorgapp.store.dossiers import DossierRepository
from zorgapp.store.opvang import OpvangRepository, PlaatsingRepository

#: Reason recorded on the path when a placement moves a case to ``geplaatst``
#: (stored data, like every path reason: not translated).
REDEN_GEPLAATST = "Geplaatst in opvang"
#: Journal line of an override (stored data, like path reasons: not translated).
JOURNAAL_OVERSCHRIJDING = "Plaatsing ondanks bezwaar ({bezwaren}): {reden}"


class OverschrijdingNodigError(ValidationError):
    """Placing needs an explicit override: the location is full, or COSM does not fit
    the client. ``bezwaren`` lists the codes (``capaciteit``, ``cosm``); the message
    explains the first one."""

    def __init__(self, exc: BevestigingNodig) -> None:
        base = validatie(exc)
        super().__init__(base.msgid, **base.params)
        self.bezwaren = exc.bezwaren
        self.codes = tuple(b.code for b in exc.bezwaren)


@dataclass(frozen=True)
class PlaatsResultaat:
    """What placing did: the placement, and whether the dossier's path moved."""

    plaatsing: Plaatsing
    fase_gewijzigd: bool
    fase: Fase | None


class PlaatsingService(VaultService):
    """Use cases of one client's placements."""

    def _dossiers(self) -> DossierService:
        return DossierService(self.vault, self.actor, self._vandaag)

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
                  verwachte_einddatum: date | None = None,
                  overschrijding_reden: str | None = None) -> Plaatsing:
        """Record a request for a place; ``van`` is the planned start, if known.
        COSM for a client it does not fit needs ``overschrijding_reden``."""
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
            self._regels(db, plaatsing, plaatsing.van or plaatsing.aangevraagd_op or self.vandaag,
                         overschrijding_reden, capaciteit=False)
            PlaatsingRepository(db).insert(plaatsing,
                                           is_demo=DossierRepository(db).is_demo(dossier_uuid))
            self._ververs_deadline(db, dossier_uuid)
            self.vault.audit.record(audit.CREATE, record_type="plaatsing",
                                    record_uuid=plaatsing.uuid, fields=_plaatsing_velden())
        return plaatsing

    def plaats(self, plaatsing_uuid: str, van: date, *,
               dagtarief: Decimal | str | None = None, locatie_uuid: str | None = None,
               evaluatiedatum: date | None = None,
               verwachte_einddatum: date | None = None,
               overschrijding_reden: str | None = None) -> PlaatsResultaat:
        """The client arrives: the request becomes a stay from ``van`` (first night).

        The daily rate is the one given, else the location's rates from ``van`` on.
        Overlap with another stay of the same person is refused with a clear message;
        a full location or a COSM place that does not fit the client needs
        ``overschrijding_reden`` (recorded in the journal and the audit trail).
        """
        self._niet_na_vandaag(van, None)
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
            bezwaren = self._regels(db, nieuw, van, overschrijding_reden, capaciteit=True)
            repo.update(nieuw)
            self._ververs_deadline(db, nieuw.dossier_uuid)
            self.vault.audit.record(audit.CHANGE, record_type="plaatsing",
                                    record_uuid=nieuw.uuid,
                                    fields=["status", "van", "tarieven", "locatie",
                                            *_overschrijding_velden(bezwaren)])
        fase_gewijzigd = self._naar_geplaatst(nieuw.dossier_uuid, van)
        return PlaatsResultaat(nieuw, fase_gewijzigd, self._fase(nieuw.dossier_uuid))

    def plaats_direct(self, dossier_uuid: str, type: OpvangType | str, van: date, *,
                      locatie_uuid: str | None = None,
                      dagtarief: Decimal | str | None = None,
                      financier: Financier | str | None = None,
                      gemeente_code: str | None = None, evaluatiedatum: date | None = None,
                      verwachte_einddatum: date | None = None,
                      overschrijding_reden: str | None = None) -> PlaatsResultaat:
        """Request and place at once (a crisis bed tonight has no separate request);
        the same rules as ``plaats``."""
        self._niet_na_vandaag(van, None)
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
            bezwaren = self._regels(db, nieuw, van, overschrijding_reden, capaciteit=True)
            repo.insert(nieuw, is_demo=DossierRepository(db).is_demo(dossier_uuid))
            self._ververs_deadline(db, dossier_uuid)
            self.vault.audit.record(audit.CREATE, record_type="plaatsing",
                                    record_uuid=nieuw.uuid,
                                    fields=[*_plaatsing_velden(),
                                            *_overschrijding_velden(bezwaren)])
        fase_gewijzigd = self._naar_geplaatst(dossier_uuid, van)
        return PlaatsResultaat(nieuw, fase_gewijzigd, self._fase(dossier_uuid))

    def beeindig(self, plaatsing_uuid: str, tot: date | None, reden: str) -> Plaatsing:
        """End a stay on ``tot`` (the day the client leaves: that night is not paid),
        or withdraw a request (no dates, no costs). The path's stage is left alone."""
        self._niet_na_vandaag(None, tot)
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
        nieuw_tarief = maak_tarief(dagtarief, geldig_vanaf)
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

    def _tarieven_voor(self, db: Connection, plaatsing: Plaatsing, van: date,
                       dagtarief: Decimal | str | None) -> list[Tarief]:
        """The rates of a new stay: the one given, else the location's from ``van`` on."""
        if dagtarief is not None and str(dagtarief).strip() != "":
            return [maak_tarief(dagtarief, van)]
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
        """An existing, open dossier (no new placement on a closed case) and location."""
        dossier = DossierRepository(db).get(plaatsing.dossier_uuid)  # refuses an unknown one
        try:
            controleer_niet_afgesloten(dossier.traject.afgesloten_op)
        except DomainError as exc:
            raise validatie(exc) from None
        if plaatsing.locatie_uuid:
            OpvangRepository(db).get(plaatsing.locatie_uuid)

    def _niet_na_vandaag(self, van: date | None, tot: date | None) -> None:
        try:
            niet_na_vandaag(van, tot, self.vandaag)
        except DomainError as exc:
            raise validatie(exc) from None

    def _regels(self, db: Connection, plaatsing: Plaatsing, op: date,
                reden: str | None, capaciteit: bool) -> list[Bezwaar]:
        """Capacity (when a bed is taken) and COSM: refused without an override reason;
        with one, the reason goes into the dossier's journal (the audit trail gets the
        field names from the caller)."""
        dossiers = DossierRepository(db)
        dossier = dossiers.get(plaatsing.dossier_uuid)
        bezwaren: list[Bezwaar | None] = [cosm_bezwaar(plaatsing.type, dossier.persoon, op)]
        if capaciteit and plaatsing.locatie_uuid:
            locatie = OpvangRepository(db).get(plaatsing.locatie_uuid).locatie
            tot = max(self.vandaag, op) + timedelta(days=1)
            if plaatsing.tot is not None:
                tot = min(tot, plaatsing.tot)
            anderen = [p for p in PlaatsingRepository(db).lopend_vanaf(locatie.uuid, op)
                       if p.uuid != plaatsing.uuid]
            bezwaren.append(capaciteit_bezwaar(
                locatie, max_bezetting(anderen, locatie.uuid, op, tot)))
        try:
            gevonden = controleer_bezwaren(bezwaren, reden)
        except BevestigingNodig as exc:
            raise OverschrijdingNodigError(exc) from None
        if gevonden:
            dossier.journaal.append(JournaalRegel(
                datum=self.vandaag, soort="opvang", auteur=self.actor,
                tekst=JOURNAAL_OVERSCHRIJDING.format(
                    bezwaren=", ".join(b.code for b in gevonden), reden=(reden or "").strip())))
            dossiers.update(dossier, None)
            self.vault.audit.record(audit.CHANGE, record_type="dossier",
                                    record_uuid=dossier.uuid, fields=["journaal"])
        return gevonden

    def _ververs_deadline(self, db: Connection, dossier_uuid: str) -> None:
        """Keep the dossier's stored deadlines in step with the placements."""
        repo = DossierRepository(db)
        dossier = repo.get(dossier_uuid)
        repo.zet_deadlines(dossier_uuid, self._dossiers().deadlines(dossier, db))

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


def _overschrijding_velden(bezwaren: list[Bezwaar]) -> list[str]:
    """Audit field names of the overrides given (never the reason's text)."""
    return [f"overschrijding_{b.code}" for b in bezwaren]


def _plaatsing_velden() -> list[str]:
    return ["type", "status", "locatie", "van", "financier", "gemeente_code",
            "evaluatiedatum", "verwachte_einddatum", "tarieven"]

