"""The counts kept by triggers (``store.jaartelling``) equal the counts grouped from the
index rows, after a demo fill (which counts again at its end) and after inserts,
changes and deletions; the year figures and the statistics made from them equal those
made from the grouped rows."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from zorgapp.domain import jaarbeeld as jb
from zorgapp.domain import statistiek as st
from zorgapp.domain.codes import Geslacht, MelderType
from zorgapp.domain.dossier import Dossier, Melding
from zorgapp.domain.persoon import Persoon
from zorgapp.domain.traject import Traject
from zorgapp.services.demo import fill_demo
from zorgapp.services.report_service import _ZONDER_SIGNAAL_SQL, _groepen, _starts
from zorgapp.store import jaartelling
from zorgapp.store.doc_codec import decode
from zorgapp.store.dossiers import DossierRepository
from zorgapp.store.statistiek import dossier_rijen, plaatsing_rijen, zonder_signaal_rijen
from zorgapp.store.vault import Vault
from zorgapp.store.vernietigen import wis_rijen

VANDAAG = date(2026, 11, 22)
JAREN = [2023, 2024, 2025, 2026]


def _kept(db) -> set[tuple]:
    # no row is left of a count that went to 0 (nothing of a destroyed case stays)
    assert db.execute("SELECT count(*) FROM jaar_telling WHERE signalen <= 0 "
                      "OR slachtoffers < 0 OR geregistreerd < 0").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM plaatsing_start_telling "
                      "WHERE aantal <= 0").fetchone()[0] == 0
    return {tuple(r) for r in db.execute("SELECT * FROM jaar_telling")}


def _counted_again(db) -> set[tuple]:
    return {tuple(r) for r in db.execute(
        "SELECT jaar, soort, categorie, count(*), sum(slachtoffer), sum(geregistreerd) "
        "FROM jaar_telling_bron GROUP BY 1, 2, 3")}


def _check(vault) -> None:
    with vault.read() as db:
        assert _kept(db) == _counted_again(db)
        van, tot = date(JAREN[0], 1, 1), date(JAREN[-1] + 1, 1, 1)
        assert jaartelling.starts(db, JAREN[0], JAREN[-1] + 1) == _starts(db, van, tot)
        zonder = [jb.rij(decode(data)) for (data,) in db.execute(_ZONDER_SIGNAAL_SQL)]
        snel = jb.tel_marges(jaartelling.marges(db, JAREN[0], JAREN[-1] + 1), JAREN, zonder,
                             plaatsingen_per_jaar=jaartelling.starts(db, 2023, 2027),
                             aanmeldingen_per_jaar={})
        traag = jb.tel_groepen(_groepen(db, van, tot), JAREN,
                               plaatsingen_per_jaar=_starts(db, van, tot),
                               aanmeldingen_per_jaar={})
        assert sum(traag.totaal.values()) > 50
        assert snel == traag
        for jaar in JAREN:
            plaatsingen = list(plaatsing_rijen(db, jaar))
            uit_rijen = st.tel(dossier_rijen(db, jaar), plaatsingen, jaar, "R")
            uit_marges = st.tel(zonder_signaal_rijen(db, jaar), plaatsingen, jaar, "R",
                                marges=jaartelling.marges(db, jaar, jaar + 1))
            assert uit_marges.totaal == uit_rijen.totaal
            for maat in st.MATEN:
                assert uit_marges.per[maat] == uit_rijen.per[maat], maat
            assert st.onderdruk(uit_marges) == st.onderdruk(uit_rijen)


def _new_cases() -> list[Dossier]:
    """Cases on the edges of the age groups and of the columns."""
    personen = [
        Persoon(naam="Geschat", geschatte_leeftijd=17, leeftijd_geschat_op=date(2024, 3, 1)),
        Persoon(naam="Geschat zonder datum", geschatte_leeftijd=49),
        Persoon(naam="Later geboren", geboortedatum=date(2025, 6, 1)),
        Persoon(naam="Jarig", geboortedatum=date(2007, 2, 1), geslacht=Geslacht.VROUW,
                gemeente_van_binding="GM0363", nationaliteiten=["nl"]),
        Persoon(naam="Onbekend"),
    ]
    uit = []
    for n, persoon in enumerate(personen):
        dossier = Dossier(dossiernummer=f"HM-2025-90{n:02d}", persoon=persoon)
        dossier.meldingen.append(Melding(datum=date(2025, 2, 1), melder_type=MelderType.GGD))
        if n % 2:
            dossier.meldingen.append(Melding(datum=date(2024, 12, 31), melder_type=MelderType.POLITIE))
        dossier.traject = Traject.begin(date(2025, 2, 1), "Melding", "test", VANDAAG)
        uit.append(dossier)
    zonder = Dossier(dossiernummer="HM-2024-9099", persoon=Persoon(naam="Zonder melding"))
    zonder.traject = Traject.begin(date(2024, 6, 1), "Doorverwezen", "test", VANDAAG)
    return [*uit, zonder]


def test_kept_counts_follow_every_change(vault) -> None:
    fill_demo(vault, 120, seed=5, vandaag=VANDAAG)
    _check(vault)
    with vault.transaction() as db:
        repo = DossierRepository(db)
        repo.insert_many([(d, None) for d in _new_cases()])
        uuids = [r[0] for r in db.execute("SELECT uuid FROM dossier ORDER BY id")]
        for uuid in uuids[:6]:  # changed through the repository
            dossier = repo.get(uuid)
            dossier.persoon.gemeente_van_binding = "GM0599"
            dossier.persoon.geslacht = Geslacht.MAN
            repo.update(dossier)
        db.execute("UPDATE dossier SET sluitreden = 'geen_mensenhandel' WHERE id % 5 = 0")
        db.execute("UPDATE dossier SET comensha = 1 - comensha WHERE id % 3 = 0")
        db.execute("UPDATE dossier SET melddatum = date(melddatum, '-1 year') WHERE id % 4 = 0")
        db.execute("UPDATE dossier SET vormen = '', gemeente = '' WHERE id % 7 = 0")
        db.execute("UPDATE dossier SET melddatum = NULL WHERE id = 11")
        db.execute("UPDATE plaatsing SET van = date(van, '+1 year') WHERE id % 3 = 0")
        db.execute("UPDATE plaatsing SET type = 'VO' WHERE id % 4 = 1")
        db.execute("UPDATE plaatsing SET van = NULL WHERE id % 5 = 2")
        for uuid in uuids[6:12]:
            wis_rijen(db, uuid)
    _check(vault)


def test_an_upgraded_vault_has_its_counts(tmp_path) -> None:
    old = Path(__file__).resolve().parents[2] / "data" / "schema-9.zorg"
    target = tmp_path / old.name
    for suffix in ("", ".key", ".head"):
        shutil.copy(Path(str(old) + suffix), Path(str(target) + suffix))
    vault = Vault.unlock(target, "oude kluis testzin")
    try:
        with vault.read() as db:
            assert _kept(db) == _counted_again(db) != set()
            assert jaartelling.starts(db, 1900, 3000) == _starts(db, date(1900, 1, 1),
                                                                date(3000, 1, 1))
    finally:
        vault.lock()
