"""Use cases of the signaleringsoverleg: plan a meeting, put cases on its agenda
("bespreken in overleg"), record the minutes per case, and print agenda and minutes.

Recording the minutes of a case changes its dossier in the same transaction: each new
decision becomes a task (owner and due date), and the discussion is a line in the
journal (kept up to date when the minutes are corrected). Everything is audited here:
the meeting as record type ``overleg``, the dossier as ``dossier``; never a value.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from zorgapp.domain.dossier import Dossier, JournaalRegel
from zorgapp.domain.overleg import (
    Agendapunt,
    Overleg,
    OverlegBesluit,
    besluit_taak,
    datum_nieuw_overleg,
    volgende_overleg,
)
from zorgapp.errors import N_, ValidationError
from zorgapp.i18n import _, format_date
from zorgapp.reports.overleg import agenda_pdf, verslag_pdf
from zorgapp.services.dossier_service import DossierService
from zorgapp.services.report_service import Rapport, ReportService
from zorgapp.store import audit
from zorgapp.store.connection import Connection
from zorgapp.store.dossiers import DossierRepository
from zorgapp.store.overleg import OverlegRepository

RECORD = "overleg"
AGENDA = "overleg_agenda"
VERSLAG = "overleg_verslag"
#: the journal's kind of line, as the journal tab offers it
JOURNAAL_SOORT = "overleg"


class OverlegService(ReportService):
    """A ``ReportService`` so that the preview prints and saves its PDFs (audited)."""

    # -- meetings ----------------------------------------------------------------------

    def lijst(self) -> list[tuple[Overleg, int]]:
        """Dates, organisations and agenda sizes: no case data, so not audited."""
        with self.vault.read() as db:
            return OverlegRepository(db).lijst()

    def open(self, uuid: str) -> Overleg:
        """A meeting with its agenda and minutes; a read of case data, audited."""
        with self.vault.transaction() as db:
            overleg = OverlegRepository(db).get(uuid)
            self.vault.audit.record(audit.OPEN, record_type=RECORD, record_uuid=uuid,
                                    actor=self.actor)
        return overleg

    def nieuw(self, datum: date, organisaties: Sequence[str] = ()) -> Overleg:
        overleg = Overleg(datum=datum, organisaties=list(organisaties))
        overleg.valideer()
        with self.vault.transaction() as db:
            OverlegRepository(db).insert(overleg)
            self.vault.audit.record(audit.CREATE, record_type=RECORD, record_uuid=overleg.uuid,
                                    fields=["datum", "organisaties"], actor=self.actor)
        return overleg

    def wijzig(self, uuid: str, datum: date, organisaties: Sequence[str]) -> Overleg:
        with self.vault.transaction() as db:
            repo = OverlegRepository(db)
            overleg = repo.get(uuid)
            fields = [n for n, changed in (("datum", overleg.datum != datum),
                                           ("organisaties", overleg.organisaties != list(organisaties)))
                      if changed]
            overleg.datum, overleg.organisaties = datum, list(organisaties)
            overleg.valideer()
            if fields:
                repo.update(overleg)
                self.vault.audit.record(audit.CHANGE, record_type=RECORD, record_uuid=uuid,
                                        fields=fields, actor=self.actor)
        return overleg

    # -- the agenda --------------------------------------------------------------------

    def agenderen(self, overleg_uuid: str, dossiernummer: str) -> Agendapunt:
        """Put a case (by its number) on a meeting's agenda."""
        with self.vault.transaction() as db:
            dossier_uuid = DossierRepository(db).uuid_for(dossiernummer)
            return self._agenderen(db, OverlegRepository(db).get(overleg_uuid), dossier_uuid)

    def bespreken_in_overleg(self, dossier_uuid: str) -> Overleg:
        """From a dossier: onto the agenda of the next meeting, planned if there is none."""
        with self.vault.transaction() as db:
            repo = OverlegRepository(db)
            overleg = volgende_overleg(repo.komende(self.vandaag), self.vandaag)
            if overleg is None:
                overleg = Overleg(datum=datum_nieuw_overleg(repo.data(), self.vandaag))
                repo.insert(overleg)
                self.vault.audit.record(audit.CREATE, record_type=RECORD,
                                        record_uuid=overleg.uuid, fields=["datum"],
                                        actor=self.actor)
            overleg = repo.get(overleg.uuid)
            self._agenderen(db, overleg, dossier_uuid)
        return overleg

    def _agenderen(self, db: Connection, overleg: Overleg, dossier_uuid: str) -> Agendapunt:
        nummer = DossierRepository(db).get(dossier_uuid).dossiernummer
        punt = overleg.agenderen(Agendapunt(dossier_uuid=dossier_uuid, dossiernummer=nummer))
        OverlegRepository(db).insert_punt(overleg.uuid, punt)
        self.vault.audit.record(audit.CHANGE, record_type=RECORD, record_uuid=overleg.uuid,
                                fields=["agenda"], actor=self.actor)
        return punt

    def van_agenda(self, overleg_uuid: str, punt_uuid: str) -> None:
        """Take a case off the agenda; a discussed case stays (its minutes are history)."""
        with self.vault.transaction() as db:
            repo = OverlegRepository(db)
            punt = _punt(repo.get(overleg_uuid), punt_uuid)
            if punt.is_besproken:
                raise ValidationError(N_("Dit dossier is al besproken; het blijft op de agenda."))
            repo.delete_punt(punt_uuid)
            self.vault.audit.record(audit.CHANGE, record_type=RECORD, record_uuid=overleg_uuid,
                                    fields=["agenda"], actor=self.actor)

    # -- the minutes -------------------------------------------------------------------

    def verslag(self, overleg_uuid: str, punt_uuid: str, besproken: str,
                nieuwe_besluiten: Sequence[OverlegBesluit] = ()) -> Agendapunt:
        """Record what was discussed about one case and add decisions; each decision
        becomes a task on the dossier, and the journal shows the discussion."""
        with self.vault.transaction() as db:
            repo = OverlegRepository(db)
            overleg = repo.get(overleg_uuid)
            punt = _punt(overleg, punt_uuid)
            if overleg.datum > self.vandaag:
                raise ValidationError(N_("Het verslag kan pas vanaf de dag van het overleg "
                                         "worden vastgelegd ({datum})."),
                                      datum=format_date(overleg.datum))
            for besluit in nieuwe_besluiten:
                besluit.valideer(overleg.datum)
            if not besproken.strip() and not nieuwe_besluiten and not punt.besluiten:
                raise ValidationError(N_("Schrijf op wat er is besproken of leg een besluit vast."))
            dossiers = DossierRepository(db)
            dossier = dossiers.get(punt.dossier_uuid)
            for besluit in nieuwe_besluiten:
                taak = besluit_taak(besluit, self.actor)
                dossier.taken.append(taak)
                besluit.taak_uuid = taak.uuid
                punt.besluiten.append(besluit)
            punt.besproken = besproken.strip()
            self._journaal(dossier, overleg, punt)
            repo.update_punt(punt)
            found = DossierService(self.vault, self.actor, self._vandaag).deadlines(dossier, db)
            changed = dossiers.update(dossier, found)
            self.vault.audit.record(audit.CHANGE, record_type=RECORD, record_uuid=overleg_uuid,
                                    fields=["verslag"], actor=self.actor)
            if changed:
                self.vault.audit.record(audit.CHANGE, record_type="dossier",
                                        record_uuid=dossier.uuid, fields=changed,
                                        actor=self.actor)
        return punt

    def _journaal(self, dossier: Dossier, overleg: Overleg, punt: Agendapunt) -> None:
        """One journal line per discussion, rewritten when the minutes change."""
        tekst = journaal_tekst(overleg, punt)
        bestaand = next((j for j in dossier.journaal if j.uuid == punt.journaal_uuid), None)
        if bestaand is not None:
            bestaand.tekst = tekst
            return
        regel = JournaalRegel(datum=overleg.datum, tekst=tekst, soort=JOURNAAL_SOORT,
                              auteur=self.actor)
        dossier.journaal.append(regel)
        punt.journaal_uuid = regel.uuid

    # -- printing ----------------------------------------------------------------------

    def agenda(self, overleg_uuid: str) -> Rapport:
        """The agenda as PDF (pseudonymised); audited as reading the meeting."""
        overleg = self.open(overleg_uuid)
        pdf = agenda_pdf(overleg, self.briefhoofd, demo=self._demo_kluis(),
                         vandaag=self.vandaag)
        return Rapport(AGENDA, pdf, f"agenda-overleg-{overleg.datum.isoformat()}.pdf",
                       RECORD, overleg.uuid)

    def verslag_pdf(self, overleg_uuid: str) -> Rapport:
        """The minutes as PDF (pseudonymised); audited as reading the meeting."""
        overleg = self.open(overleg_uuid)
        pdf = verslag_pdf(overleg, self.briefhoofd, demo=self._demo_kluis(),
                          vandaag=self.vandaag)
        return Rapport(VERSLAG, pdf, f"verslag-overleg-{overleg.datum.isoformat()}.pdf",
                       RECORD, overleg.uuid)

    def voor_dossier(self, dossier_uuid: str) -> list[tuple[date, str]]:
        """The meetings where this case is (or was) on the agenda."""
        with self.vault.read() as db:
            return OverlegRepository(db).voor_dossier(dossier_uuid)


def journaal_tekst(overleg: Overleg, punt: Agendapunt) -> str:
    """The dossier's journal line about one discussion: when, what, and each decision."""
    regels = [_("Besproken in het signaleringsoverleg van {datum}.").format(
        datum=format_date(overleg.datum))]
    if punt.besproken:
        regels.append(punt.besproken)
    regels += [_("Besluit: {tekst} (door {eigenaar}, uiterlijk {datum})").format(
        tekst=b.tekst, eigenaar=b.eigenaar, datum=format_date(b.deadline))
        for b in punt.besluiten]
    return "\n".join(regels)


def _punt(overleg: Overleg, punt_uuid: str) -> Agendapunt:
    punt = next((a for a in overleg.agenda if a.uuid == punt_uuid), None)
    if punt is None:
        raise ValidationError(N_("Dit dossier staat niet op de agenda van dit overleg."))
    return punt
