"""Use cases of a case file: record a signal, open, change, move along the path,
search, and the dashboard. Every read of a case and every change is audited here.

The service works on domain objects and lets the repository do rows; it never lets
history be rewritten: a save whose path is not an extension of the stored path is
refused.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from zorgapp.domain import verblijf
from zorgapp.domain.aanmelding import Aanmelding, controleer_toestemming
from zorgapp.domain.aanmelding import voorstel as aanmelding_voorstel
from zorgapp.domain.codes import BesluitSoort, BesluitUitkomst, Fase, MelderType, Sluitreden
from zorgapp.domain.deadlines import ALLEEN_ALS_VERLOPEN, BINNENKORT_DAGEN, Deadline, deadlines_voor
from zorgapp.domain.dossier import (
    Dossier,
    JournaalRegel,
    Melding,
    Partner,
    Taak,
    Toestemming,
    maak_dossiernummer,
)
from zorgapp.domain.opvang import Plaatsing
from zorgapp.domain.opvangbehoeften import Opvangbehoeften
from zorgapp.domain.partners import PartnerRol
from zorgapp.domain.persoon import Persoon
from zorgapp.domain.terugkoppeling import (
    TERUGKOPPELTERMIJN_SLEUTEL,
    terugkoppelen_voor,
    terugkoppeltermijn,
)
from zorgapp.domain.traject import Traject
from zorgapp.domain.verblijf_events import VerblijfEvent
from zorgapp.domain.verblijf_regels import verblijf_event_uit_besluit
from zorgapp.domain.zoeken import vouw
from zorgapp.errors import N_, ValidationError
from zorgapp.services.afsluiten import sluit_plaatsingen
from zorgapp.services.base import VaultService
from zorgapp.store import audit
from zorgapp.store.connection import Connection
from zorgapp.store.deadlines import FASE_TELLING
from zorgapp.store.dossiers import DossierRepository, DossierRij
from zorgapp.store.dossiers import Filter as Filter  # re-exported: the UI searches through this service
from zorgapp.store.opvang import PlaatsingRepository, RegioRepository

DEFAULT_PREFIX = "HM"

@dataclass
class Overzicht:
    """The dashboard: what is overdue, what is due soon, cases per stage, new signals."""

    vandaag: date
    achterstallig: list[tuple[Deadline, DossierRij]] = field(default_factory=list)
    binnenkort: list[tuple[Deadline, DossierRij]] = field(default_factory=list)
    per_fase: dict[str, int] = field(default_factory=dict)
    #: Open cases whose accepted bedenktijd runs today (the legal track, not the stage).
    in_bedenktijd: int = 0
    nieuw_deze_week: int = 0
    # Dossiers with a deadline in the window; the lists above show at most ``MAX_REGELS``.
    dossiers_achterstallig: int = 0
    dossiers_binnenkort: int = 0


MAX_REGELS = 200


class DossierService(VaultService):
    _lijst: tuple[tuple[Any, ...], list[int]] = ((), [])  # see ``zoek``
    # -- helpers ---------------------------------------------------------------------

    def _plaatsingen(self, db: Connection, uuid: str) -> list[Plaatsing]:
        """A case's placements: their evaluation and expected end dates are deadlines."""
        return PlaatsingRepository(db).voor_dossier(uuid)

    def deadlines(self, dossier: Dossier, db: Connection | None = None) -> list[Deadline]:
        if db is None:
            with self.vault.read() as conn:
                return deadlines_voor(dossier, self.vandaag, self._plaatsingen(conn, dossier.uuid))
        return deadlines_voor(dossier, self.vandaag, self._plaatsingen(db, dossier.uuid))

    def prefix(self) -> str:
        return self.vault.meta("dossier_prefix", DEFAULT_PREFIX)

    # -- recording -------------------------------------------------------------------

    def nieuwe_melding(self, persoon: Persoon, melding: Melding,
                       reden: str = "Melding ontvangen") -> Dossier:
        """A new dossier at stage ``signaal``, numbered per region and year."""
        today = self.vandaag
        persoon.valideer(today)
        melding.valideer(today)
        if melding.terugkoppelen_voor is None:  # the melder hears back within the region's term
            termijn = terugkoppeltermijn(self.vault.meta(TERUGKOPPELTERMIJN_SLEUTEL))
            melding.terugkoppelen_voor = terugkoppelen_voor(melding.datum, termijn)
        with self.vault.transaction() as db:
            repo = DossierRepository(db)
            nummer = maak_dossiernummer(self.prefix(), melding.datum.year,
                                        repo.next_volgnummer(melding.datum.year))
            dossier = Dossier(dossiernummer=nummer, persoon=persoon)
            dossier.voeg_melding_toe(melding, today)
            dossier.traject = Traject.begin(melding.datum, reden, self.actor, today)
            repo.insert(dossier, self.deadlines(dossier, db))
            self.vault.audit.record(audit.CREATE, record_type="dossier",
                                    record_uuid=dossier.uuid,
                                    fields=["persoon", "meldingen", "traject"])
        return dossier

    def opslaan(self, dossier: Dossier) -> list[str]:
        """Store a changed dossier; refuses a path that rewrites recorded history."""
        with self.vault.transaction() as db:
            return self._opslaan_in(db, dossier)

    def _opslaan_in(self, db: Connection, dossier: Dossier) -> list[str]:
        repo = DossierRepository(db)
        stored = repo.get(dossier.uuid)
        old_events = [e.to_dict() for e in stored.traject.events]
        new_events = [e.to_dict() for e in dossier.traject.events]
        if new_events[: len(old_events)] != old_events:
            raise ValidationError(N_("De geschiedenis van een traject kan niet worden overschreven; "
                                     "leg een correctie vast."))
        changed = repo.update(dossier, self.deadlines(dossier, db))
        if changed:
            self.vault.audit.record(audit.CHANGE, record_type="dossier",
                                    record_uuid=dossier.uuid, fields=changed)
        return changed

    def overgang(self, uuid: str, naar: Fase, datum: date, reden: str,
                 sluitreden: Sluitreden | None = None, *,
                 toestemming: Toestemming | None = None,
                 aangemeld_door: MelderType | None = None,
                 opvang_gevraagd: bool | None = None,
                 plaatsingen_beeindigen: bool = False) -> Dossier:
        """Move a case along its path, with the rules that look beyond the path.

        To ``aangemeld``: the registration set is stored (filled from the case when none
        is) and consent is checked (``aanmelding.controleer_toestemming``); a consent
        given on the spot comes in as ``toestemming`` and is recorded first. To
        ``afgesloten``: refused while a placement runs or a request is open, unless
        ``plaatsingen_beeindigen`` ends them on the closing date in the same transaction.
        """
        dossier = self.laad(uuid)
        if toestemming is not None:
            dossier.voeg_toestemming_toe(toestemming, self.vandaag)
        if naar is Fase.AANGEMELD:
            if dossier.aanmelding is None:
                dossier.aanmelding = aanmelding_voorstel(dossier, datum, self._regio_naam())
            if dossier.aanmelding.datum is None:
                dossier.aanmelding.datum = datum
            if aangemeld_door is not None:
                dossier.aanmelding.aangemeld_door = MelderType(aangemeld_door)
            if opvang_gevraagd is not None:
                dossier.aanmelding.opvang_gevraagd = opvang_gevraagd
            controleer_toestemming(dossier, datum)
        dossier.traject.overgang(naar, datum, reden, self.actor, self.vandaag, sluitreden=sluitreden)
        if naar is not Fase.AFGESLOTEN:
            self.opslaan(dossier)
            return dossier
        with self.vault.transaction() as db:
            sluit_plaatsingen(db, self.vault.audit, dossier.uuid, datum, sluitreden,
                              plaatsingen_beeindigen)
            self._opslaan_in(db, dossier)
        return dossier

    def _regio_naam(self) -> str:
        with self.vault.read() as db:
            return RegioRepository(db).naam() or ""

    def heropen(self, uuid: str, datum: date, reden: str, naar: Fase | None = None) -> Dossier:
        """Reopen a closed case: by default in the stage before closing, or at intake."""
        dossier = self.laad(uuid)
        dossier.traject.heropen(datum, reden, self.actor, self.vandaag, naar=naar)
        self.opslaan(dossier)
        return dossier

    # -- changes of one case (each one audited through ``opslaan``) -------------------

    def persoon_opslaan(self, uuid: str, persoon: Persoon) -> list[str]:
        """Replace the client's details; the person's id stays the same."""
        persoon.valideer(self.vandaag)
        dossier = self.laad(uuid)
        persoon.uuid = dossier.persoon.uuid
        dossier.persoon = persoon
        return self.opslaan(dossier)

    def opvangbehoeften_opslaan(self, uuid: str, behoeften: Opvangbehoeften) -> list[str]:
        """Replace what the shelter needs to know (children, safety, care, CoMensha)."""
        behoeften.valideer(self.vandaag)
        dossier = self.laad(uuid)
        dossier.opvangbehoeften = behoeften
        return self.opslaan(dossier)

    def aanmelding_opslaan(self, uuid: str, aanmelding: Aanmelding,
                           comensha_kenmerk: str | None = None) -> list[str]:
        """Store the CoMensha registration set (and the reference that came back)."""
        if aanmelding.datum is not None and aanmelding.datum > self.vandaag:
            raise ValidationError(N_("Een datum in de toekomst kan niet: {datum}."),
                                  datum=aanmelding.datum.isoformat())
        if not aanmelding.regio:
            aanmelding.regio = self._regio_naam()
        dossier = self.laad(uuid)
        dossier.aanmelding = aanmelding
        if comensha_kenmerk is not None:
            dossier.opvangbehoeften.comensha_kenmerk = comensha_kenmerk.strip()
        return self.opslaan(dossier)

    def aanmelding_of_voorstel(self, dossier: Dossier) -> tuple[Aanmelding, bool]:
        """The stored registration set, or one filled from the case (``False``)."""
        if dossier.aanmelding is not None:
            return dossier.aanmelding, True
        stap = next((s for s in dossier.traject.stappen() if s.fase is Fase.AANGEMELD), None)
        op = stap.datum if stap else self.vandaag
        return aanmelding_voorstel(dossier, op, self._regio_naam()), False

    def besluit(self, uuid: str, soort: BesluitSoort, uitkomst: BesluitUitkomst,
                datum: date, toelichting: str = "", geldig_tot: date | None = None) -> Dossier:
        """Record a decision (aangifte, verblijfsvergunning) as an event on the path; the
        legal track reads it from there, so it is first held to the track's order rules
        (no permanent permit without aangifte and a temporary permit before it)."""
        dossier = self.laad(uuid)
        stap = verblijf_event_uit_besluit(soort, uitkomst, datum, self.actor, toelichting,
                                          geldig_tot)
        if stap is not None:
            verblijf.toets(dossier, stap, self.vandaag)
        dossier.traject.besluit(soort, uitkomst, datum, self.actor, self.vandaag,
                                toelichting=toelichting, geldig_tot=geldig_tot)
        self.opslaan(dossier)
        return dossier

    def verblijf_stap(self, uuid: str, event: VerblijfEvent) -> tuple[Dossier, list[str]]:
        """Add a step to the legal track; returns the dossier and warnings (msgids) that
        did not stop it, such as bedenktijd for a Dutch or EU citizen."""
        dossier = self.laad(uuid)
        event = dataclasses.replace(event, auteur=self.actor)
        warnings = verblijf.voeg_toe(dossier, event, self.vandaag)
        self.opslaan(dossier)
        return dossier, warnings

    def corrigeer(self, uuid: str, event_uuid: str, reden: str,
                  nieuwe_datum: date | None = None, nieuwe_reden: str | None = None,
                  nieuwe_sluitreden: Sluitreden | None = None,
                  vervalt: bool = False) -> Dossier:
        """A correction is a new event pointing at the original; nothing is overwritten."""
        dossier = self.laad(uuid)
        dossier.traject.corrigeer(event_uuid, reden, self.actor, self.vandaag,
                                  nieuwe_datum=nieuwe_datum, nieuwe_reden=nieuwe_reden,
                                  nieuwe_sluitreden=nieuwe_sluitreden, vervalt=vervalt)
        self.opslaan(dossier)
        return dossier

    def journaal_toevoegen(self, uuid: str, datum: date, tekst: str, soort: str = "") -> Dossier:
        if not tekst.strip():
            raise ValidationError(N_("Schrijf iets in de journaalregel."))
        if datum > self.vandaag:
            raise ValidationError(N_("Een datum in de toekomst kan niet: {datum}."),
                                  datum=datum.isoformat())
        dossier = self.laad(uuid)
        dossier.journaal.append(JournaalRegel(datum=datum, tekst=tekst.strip(),
                                              soort=soort.strip(), auteur=self.actor))
        self.opslaan(dossier)
        return dossier

    def taak_toevoegen(self, uuid: str, omschrijving: str, deadline: date,
                       eigenaar: str = "") -> Dossier:
        if not omschrijving.strip():
            raise ValidationError(N_("Beschrijf de taak."))
        dossier = self.laad(uuid)
        dossier.taken.append(Taak(omschrijving=omschrijving.strip(), deadline=deadline,
                                  auteur=self.actor, eigenaar=eigenaar.strip()))
        self.opslaan(dossier)
        return dossier

    def taak_afvinken(self, uuid: str, taak_uuid: str, datum: date | None = None) -> Dossier:
        dossier = self.laad(uuid)
        taak = next((t for t in dossier.taken if t.uuid == taak_uuid), None)
        if taak is None:
            raise ValidationError(N_("Deze taak hoort niet bij het dossier."))
        taak.afvinken(datum or self.vandaag, self.vandaag)
        self.opslaan(dossier)
        return dossier

    def partner_toevoegen(self, uuid: str, naam: str, rol: PartnerRol | str = PartnerRol.ANDERS,
                          contact: str = "") -> Dossier:
        """A partner that is not in the address book (``PartnerService.koppel`` links
        one that is); a text role is mapped onto the nearest fixed role."""
        if not naam.strip():
            raise ValidationError(N_("Vul de naam van de partner in."))
        dossier = self.laad(uuid)
        dossier.partners.append(Partner.from_dict({"naam": naam.strip(), "rol": str(rol),
                                                   "contact": contact.strip()}))
        self.opslaan(dossier)
        return dossier

    def toestemming_toevoegen(self, uuid: str, toestemming: Toestemming) -> Dossier:
        """Validated against the client's age on the day of consent."""
        dossier = self.laad(uuid)
        dossier.voeg_toestemming_toe(toestemming, self.vandaag)
        self.opslaan(dossier)
        return dossier

    def toestemming_intrekken(self, uuid: str, toestemming_uuid: str, datum: date) -> Dossier:
        dossier = self.laad(uuid)
        toestemming = next((t for t in dossier.toestemmingen if t.uuid == toestemming_uuid), None)
        if toestemming is None:
            raise ValidationError(N_("Deze toestemming hoort niet bij het dossier."))
        toestemming.trek_in(datum, self.vandaag)
        self.opslaan(dossier)
        return dossier

    # -- reading ---------------------------------------------------------------------

    def laad(self, uuid: str) -> Dossier:
        """Without an audit entry: for changes that are audited themselves."""
        with self.vault.read() as db:
            return DossierRepository(db).get(uuid)

    def open(self, uuid: str) -> Dossier:
        """Open a case file for reading: recorded in the audit trail."""
        with self.vault.transaction() as db:
            dossier = DossierRepository(db).get(uuid)
            self.vault.audit.record(audit.OPEN, record_type="dossier", record_uuid=uuid)
        return dossier

    def uuid_voor(self, dossiernummer: str) -> str:
        with self.vault.read() as db:
            return DossierRepository(db).uuid_for(dossiernummer)

    def is_demo(self, uuid: str) -> bool:
        with self.vault.read() as db:
            return DossierRepository(db).is_demo(uuid)

    def zoek(self, flt: Filter, sort: str = "dossiernummer", descending: bool = True,
             audit_search: bool = True) -> list[int]:
        """Ids in display order; a text search is recorded (which fields, not the text). The
        last list without search text is kept until a write (all: 60-150 ms at 100,000)."""
        if flt.zoek.strip() and audit_search:
            with self.vault.transaction() as db:
                ids = DossierRepository(db).ids(flt, sort, descending)
                self.vault.audit.record(audit.SEARCH, record_type="dossier",
                                        fields=["zoektekst"], outcome=f"{len(ids)}")
            return ids
        with self.vault.read() as db:
            repo = DossierRepository(db)
            if flt.zoek.strip():
                return repo.ids(flt, sort, descending)
            key = (dataclasses.astuple(flt), sort, descending, self.vault.stamp())
            if self._lijst[0] != key:
                self._lijst = (key, repo.ids(flt, sort, descending))
            return list(self._lijst[1])

    def noteer_zoekopdracht(self, aantal: int) -> None:
        """The audit entry of a text search that found ``aantal`` (which fields, not the
        text). The list runs ``zoek(audit_search=False)`` and queues this right behind
        it on the one worker, so rows show without waiting for the entry's commit."""
        with self.vault.transaction():
            self.vault.audit.record(audit.SEARCH, record_type="dossier",
                                    fields=["zoektekst"], outcome=f"{aantal}")

    def rijen(self, ids: Sequence[int]) -> dict[int, DossierRij]:
        with self.vault.read() as db:
            return DossierRepository(db).rows(ids)

    def verwarm(self, na: int, aantal: int) -> int | None:
        """Warm the page cache with dossier rows after id ``na`` (see ``DossierRepository.verwarm``)."""
        with self.vault.read() as db:
            return DossierRepository(db).verwarm(na, aantal)

    def rijen_exporteren(self, ids: Sequence[int], velden: Sequence[str]) -> dict[int, DossierRij]:
        """Rows for a list that leaves the app (``case list``): names on a terminal or in
        a script are an export, recorded like a PDF or a bundle (field names and count)."""
        with self.vault.transaction() as db:
            rows = DossierRepository(db).rows(ids)
            self.vault.audit.record(audit.EXPORT, record_type="dossier", fields=velden,
                                    outcome=f"{len(rows)}")
        return rows

    def aantal(self) -> int:
        with self.vault.read() as db:
            return DossierRepository(db).count()

    def vergelijkbaar(self, naam: str, geboortedatum: date | None) -> list[DossierRij]:
        """Dossiers of people with a similar name (and the same birth date, if known)."""
        words = [w for w in vouw(naam).split() if len(w) >= 2]
        if not words:
            return []
        with self.vault.read() as db:
            repo = DossierRepository(db)
            ids = repo.ids(Filter(zoek=" ".join(words)))
            if not ids and len(words) > 1:  # any of the names, if all together find nothing
                ids = sorted({i for w in words for i in repo.ids(Filter(zoek=w))})
            rows = repo.rows(ids[:200])
        found = list(rows.values())
        if geboortedatum is not None:
            same = [r for r in found if r.geboortedatum == geboortedatum.isoformat()]
            if same:
                return same
            return [r for r in found if r.geboortedatum is None][:20]
        return found[:20]

    def overzicht(self, dagen: int = BINNENKORT_DAGEN) -> Overzicht:
        """Dashboard figures, from index columns and the stored deadline rows only (no
        document is opened): the earliest ``MAX_REGELS`` overdue deadlines and those
        due within ``dagen`` days, as ``achterstallig`` and ``binnenkort`` select them."""
        today = self.vandaag
        result = Overzicht(vandaag=today)
        horizon = (today + timedelta(days=dagen)).isoformat()
        week_start = (today - timedelta(days=today.weekday())).isoformat()
        with self.vault.read() as db:
            repo = DossierRepository(db)
            result.per_fase = dict(db.execute(FASE_TELLING))
            result.in_bedenktijd = int(db.execute(
                "SELECT count(*) FROM dossier WHERE bedenktijd_tot >= ? AND bedenktijd_van <= ? "
                "AND fase != 'afgesloten'", (today.isoformat(), today.isoformat())).fetchone()[0])
            result.nieuw_deze_week = int(db.execute(
                "SELECT count(*) FROM dossier WHERE melddatum >= ?", (week_start,)).fetchone()[0])
            today_iso = today.isoformat()
            result.dossiers_achterstallig = int(db.execute(
                "SELECT count(*) FROM dossier WHERE deadline < ?", (today_iso,)).fetchone()[0])
            result.dossiers_binnenkort = int(db.execute(
                "SELECT count(*) FROM dossier WHERE deadline >= ? AND deadline <= ?",
                (today_iso, horizon)).fetchone()[0])
            result.achterstallig = repo.deadlines_tussen(None, today, limit=MAX_REGELS)
            result.binnenkort = repo.deadlines_tussen(
                today, today + timedelta(days=dagen + 1), zonder=ALLEEN_ALS_VERLOPEN,
                limit=MAX_REGELS)
        return result


def fase_geschiedenis(dossier: Dossier) -> list[dict[str, Any]]:
    """The effective stage history as JSON-safe dicts (CLI, bundles, reports)."""
    return [{"fase": fase.value, "datum": datum.isoformat(), "reden": reden}
            for fase, datum, reden in dossier.traject.geschiedenis()]


@functools.lru_cache(maxsize=1)
def gemeente_namen() -> dict[str, str]:
    """CBS code ("GM0546") -> name of every municipality, for lists and pickers."""
    from zorgapp.domain.regio import lees_gemeenten_csv
    from zorgapp.paths import resource

    gemeenten = lees_gemeenten_csv(resource("data", "gemeenten_2025.csv"))
    return {code: g.naam for code, g in sorted(gemeenten.items(), key=lambda kv: kv[1].naam)}
