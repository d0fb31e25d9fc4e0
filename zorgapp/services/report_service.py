"""Use cases: make a printed document from the vault, print it, save it.

Documents are made in memory; a PDF reaches the disk only through ``bewaar`` (the
user chose "Opslaan als PDF" and a place, or passed ``--out``), written atomically
and private. Making a letter or a case summary counts as opening the case (audited
``open``); every print is audited ``print`` and every save ``export``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zorgapp.domain import jaarbeeld as jb
from zorgapp.domain.dossier import Dossier
from zorgapp.fileio import atomic_write
from zorgapp.services.base import VaultService
from zorgapp.services.region_service import RegionService
from zorgapp.store import audit, jaartelling
from zorgapp.store.doc_codec import decode
from zorgapp.store.dossiers import DossierRepository
from zorgapp.store.opvang import OpvangRepository, PlaatsingRepository
from zorgapp.store.statistiek import _groep_sql, _leeftijd_sql
from zorgapp.store.vault import Vault

if TYPE_CHECKING:
    from zorgapp.reports.style import Briefhoofd

# Each document's module (and reportlab behind it) is imported by the method that
# makes it: ``zorgapp report annual`` needs neither the letter nor the allocation.

LETTER = "letter"
COMENSHA = "comensha"
SUMMARY = "summary"
ALLOCATION = "allocation"
ANNUAL = "annual"

Progress = Callable[[float], None]


@dataclass(frozen=True)
class Rapport:
    """A made document. ``bestandsnaam`` is a suggestion without personal data."""

    soort: str
    pdf: bytes
    bestandsnaam: str
    record_type: str
    record_uuid: str


# The case documents live in dossier_doc, compressed; opening (decrypting, inflating,
# parsing) every one of them costs more than the whole report may take, so the year
# figures read the counts the schema keeps per year, dimension and category
# (``store.jaartelling``, a few hundred rows). A document is opened only for a case
# without signals (rare: the year is then the date of its path). ``_groepen`` and
# ``_starts`` count the same from the index columns, grouped in SQL per year, gender,
# age group (``store.statistiek``'s SQL of ``jaarbeeld._leeftijd``), binding, melder,
# forms and victim or not: the reference the tests and the benchmark compare with
# (1.5 s of the report's time at 100,000 cases).
_GROEPEN_SQL = (
    f"SELECT substr(d.melddatum, 1, 4), d.geslacht, {_groep_sql(_leeftijd_sql('d.melddatum'))}, "
    "d.gemeente, d.melder_type, d.vormen, coalesce(d.sluitreden, '') != ?, count(*) "
    "FROM dossier d WHERE d.melddatum >= ? AND d.melddatum < ? GROUP BY 1, 2, 3, 4, 5, 6, 7"
)
_ZONDER_SIGNAAL_SQL = ("SELECT c.data FROM dossier d JOIN dossier_doc c ON c.id = d.id "
                       "WHERE d.melddatum IS NULL")


def _groepen(db: Any, van: date, tot: date) -> Iterator[tuple[jb.Rij, int]]:
    """What the year figures read of the cases whose first signal falls in ``[van, tot)``
    (equal rows counted together; of the date, the year), and of each case without
    signals, as ``jaarbeeld`` rows with their number."""
    for jaar, geslacht, groep, gemeente, melder, vormen, slachtoffer, aantal in db.execute(
            _GROEPEN_SQL, (jb.GEEN_MENSENHANDEL, van.isoformat(), tot.isoformat())):
        yield (jaar, geslacht or jb.ONBEKEND, groep, gemeente or "", melder or jb.ONBEKEND,
               tuple((vormen or "").split()), bool(slachtoffer), None), int(aantal)
    for (data,) in db.execute(_ZONDER_SIGNAAL_SQL):
        yield jb.rij(decode(data)), 1


def _aanmeldingen(db: Any, van: date, tot: date) -> dict[int, int]:
    """CoMensha registrations made in ``[van, tot)``, per year, from the index: a count
    of an index range per year (grouping the years of 60,000 entries took ten times as
    long)."""
    uit, jaar = {}, van.year
    while date(jaar, 1, 1) < tot:
        begin, eind = max(van, date(jaar, 1, 1)), min(tot, date(jaar + 1, 1, 1))
        (aantal,) = db.execute("SELECT count(*) FROM dossier WHERE aangemeld_op >= ? "
                               "AND aangemeld_op < ?", (begin.isoformat(), eind.isoformat())
                               ).fetchone()
        if aantal:
            uit[jaar] = int(aantal)
        jaar += 1
    return uit


def _starts(db: Any, van: date, tot: date) -> dict[tuple[str, int], int]:
    """Placements that started in ``[van, tot)``, counted per type and year in SQL;
    loading whole placements with their rates took longer (2 s at 100,000 cases) than
    the rest of the year report."""
    return {(str(soort), int(jaar)): int(aantal) for soort, jaar, aantal in db.execute(
        "SELECT type, CAST(substr(van, 1, 4) AS INTEGER), count(*) FROM plaatsing "
        "WHERE van >= ? AND van < ? GROUP BY 1, 2", (van.isoformat(), tot.isoformat()))}


class ReportService(VaultService):
    def __init__(self, vault: Vault, briefhoofd: Briefhoofd | None = None,
                 actor: str | None = None, vandaag: Callable[[], date] = date.today) -> None:
        super().__init__(vault, actor, vandaag)
        self._briefhoofd = briefhoofd

    @property
    def briefhoofd(self) -> Briefhoofd:
        if self._briefhoofd is None:  # the vault's own (copied once from settings.json)
            from zorgapp.services.organisatie_service import OrganisatieService

            self._briefhoofd = OrganisatieService(self.vault).briefhoofd()
        return self._briefhoofd

    def _demo_kluis(self) -> bool:
        return self.vault.meta("demo") == "1"

    def _gemeente_namen(self) -> dict[str, str]:
        return {code: g.naam for code, g in RegionService(self.vault).alle_gemeenten().items()}

    # -- making ------------------------------------------------------------------------

    def plaatsingsbrief(self, plaatsing_uuid: str, *, alias: bool = False,
                        afzender: str = "") -> Rapport:
        """The placement letter of one placement; audited as opening its case."""
        from zorgapp.reports.letter import plaatsingsbrief
        from zorgapp.services.betaler_tekst import betaler_tekst
        from zorgapp.services.privacy_service import BRIEF, controleer_niet_beperkt

        with self.vault.transaction() as db:
            plaatsing = PlaatsingRepository(db).get(plaatsing_uuid)
            controleer_niet_beperkt(db, [plaatsing.dossier_uuid], BRIEF)
            repo = DossierRepository(db)
            dossier = repo.get(plaatsing.dossier_uuid)
            demo = repo.is_demo(dossier.uuid) or self._demo_kluis()
            locatie = None
            if plaatsing.locatie_uuid:
                locatie = OpvangRepository(db).get(plaatsing.locatie_uuid).locatie
            self.vault.audit.record(audit.OPEN, record_type="dossier",
                                    record_uuid=dossier.uuid, outcome=LETTER,
                                    actor=self.actor)
        pdf = plaatsingsbrief(dossier, plaatsing, locatie, self.briefhoofd, demo=demo,
                              vandaag=self._vandaag(), alias=alias, afzender=afzender,
                              betaler=betaler_tekst(self.vault, plaatsing,
                                                   dossier.persoon.gemeente_van_binding))
        return Rapport(LETTER, pdf, f"plaatsingsbrief-{dossier.dossiernummer}.pdf",
                       "plaatsing", plaatsing.uuid)

    def dossieroverzicht(self, dossiernummer: str) -> Rapport:
        """The case summary; audited as opening the case."""
        from zorgapp.reports.summary import dossieroverzicht

        with self.vault.transaction() as db:
            repo = DossierRepository(db)
            uuid = repo.uuid_for(dossiernummer)
            dossier: Dossier = repo.get(uuid)
            demo = repo.is_demo(uuid) or self._demo_kluis()
            plaatsingen = PlaatsingRepository(db).voor_dossier(uuid)
            opvang = OpvangRepository(db)
            locaties = {}
            for p in plaatsingen:
                if p.locatie_uuid and p.locatie_uuid not in locaties:
                    locaties[p.locatie_uuid] = opvang.get(p.locatie_uuid).locatie
            self.vault.audit.record(audit.OPEN, record_type="dossier", record_uuid=uuid,
                                    outcome=SUMMARY, actor=self.actor)
        pdf = dossieroverzicht(dossier, self.briefhoofd, plaatsingen=plaatsingen,
                               locaties=locaties, gemeente_namen=self._gemeente_namen(),
                               demo=demo, vandaag=self._vandaag())
        return Rapport(SUMMARY, pdf, f"dossieroverzicht-{dossier.dossiernummer}.pdf",
                       "dossier", uuid)

    def aanmelding_comensha(self, dossiernummer: str) -> Rapport:
        """The CoMensha registration form (the stored set, or one filled from the case
        when none is stored yet); audited as opening the case."""
        from zorgapp.reports.aanmelding import aanmelding_comensha
        from zorgapp.services.dossier_service import DossierService
        from zorgapp.services.privacy_service import BRIEF, controleer_niet_beperkt

        with self.vault.transaction() as db:
            repo = DossierRepository(db)
            uuid = repo.uuid_for(dossiernummer)
            controleer_niet_beperkt(db, [uuid], BRIEF)
            dossier: Dossier = repo.get(uuid)
            demo = repo.is_demo(uuid) or self._demo_kluis()
            self.vault.audit.record(audit.OPEN, record_type="dossier", record_uuid=uuid,
                                    outcome=COMENSHA, actor=self.actor)
        aanmelding, _opgeslagen = DossierService(
            self.vault, self.actor, self._vandaag).aanmelding_of_voorstel(dossier)
        pdf = aanmelding_comensha(dossier, aanmelding, self.briefhoofd, demo=demo,
                                  vandaag=self._vandaag())
        return Rapport(COMENSHA, pdf, f"aanmelding-comensha-{dossier.dossiernummer}.pdf",
                       "dossier", uuid)

    def kostenverdeling(self, jaar: int, kwartaal: int | None = None,
                        maand: int | None = None) -> Rapport:
        from zorgapp.reports.allocation import kostenverdeling
        from zorgapp.reports.allocation_vaststelling import Vaststelling
        from zorgapp.services.allocation_service import AllocationService

        uitkomst = AllocationService(self.vault, self._vandaag).bereken(jaar, kwartaal, maand)
        pdf = kostenverdeling(uitkomst.verdeling, uitkomst.dossiernummers, self.briefhoofd,
                              demo=self._demo_kluis(), vandaag=self._vandaag(),
                              vaststelling=Vaststelling(uitkomst.vastgesteld,
                                                        uitkomst.correcties,
                                                        uitkomst.verrekening,
                                                        uitkomst.elders_betaald))
        periode = f"{jaar}" + (f"-Q{kwartaal}" if kwartaal else "") + (
            f"-{maand:02d}" if maand else "")
        return Rapport(ALLOCATION, pdf, f"kostenverdeling-{periode}.pdf", "allocation",
                       periode)

    def jaarbeeld(self, jaar: int, *, aantal_jaren: int = 4,
                  progress: Progress | None = None) -> Rapport:
        """Year figures for ``jaar`` and the years before it, side by side."""
        from zorgapp.reports.annual import jaarbeeld

        jaren = list(range(jaar - aantal_jaren + 1, jaar + 1))
        van, tot = date(jaren[0], 1, 1), date(jaar + 1, 1, 1)

        def deel(begin: float, eind: float) -> Progress | None:
            if progress is None:
                return None
            return lambda f: progress(begin + (eind - begin) * f)

        with self.vault.read() as db:
            cijfers = jb.tel_marges(
                jaartelling.marges(db, jaren[0], jaar + 1), jaren,
                (jb.rij(decode(data)) for (data,) in db.execute(_ZONDER_SIGNAAL_SQL)),
                plaatsingen_per_jaar=jaartelling.starts(db, jaren[0], jaar + 1),
                aanmeldingen_per_jaar=_aanmeldingen(db, van, tot), progress=deel(0.0, 0.8))
        regio = RegionService(self.vault).regio()
        pdf = jaarbeeld(cijfers, self.briefhoofd, jaar=jaar,
                        regio="" if regio is None else regio.naam,
                        gemeente_namen=self._gemeente_namen(), demo=self._demo_kluis(),
                        vandaag=self._vandaag(), progress=deel(0.8, 1.0))
        return Rapport(ANNUAL, pdf, f"jaarbeeld-{jaar}.pdf", "annual", str(jaar))

    # -- printing and saving -------------------------------------------------------------

    def afgedrukt(self, rapport: Rapport) -> None:
        """Record that the user printed the document (called after the print dialog)."""
        with self.vault.transaction():
            self.vault.audit.record(audit.PRINT, record_type=rapport.record_type,
                                    record_uuid=rapport.record_uuid, outcome=rapport.soort,
                                    actor=self.actor)

    def bewaar(self, rapport: Rapport, pad: Path) -> Path:
        """Save where the user chose: atomic, mode 0600, audited as an export."""
        pad = Path(pad)
        atomic_write(pad, rapport.pdf)
        with self.vault.transaction():
            self.vault.audit.record(audit.EXPORT, record_type=rapport.record_type,
                                    record_uuid=rapport.record_uuid, outcome=rapport.soort,
                                    fields=["pdf"], actor=self.actor)
        return pad
