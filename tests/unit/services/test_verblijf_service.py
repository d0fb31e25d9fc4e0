"""The legal track through the services: dashboard count, decisions, year figures."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from zorgapp.domain import jaarbeeld as jb
from zorgapp.domain.codes import BesluitSoort, BesluitUitkomst, Fase, MelderType, Sluitreden
from zorgapp.domain.dossier import Melding
from zorgapp.domain.errors import DomainError
from zorgapp.domain.persoon import Persoon
from zorgapp.domain.verblijf_events import Uitkomst, VerblijfEvent, VerblijfSoort
from zorgapp.services.dossier_service import DossierService
from zorgapp.services.report_service import _aanmeldingen, _groepen

VANDAAG = date(2026, 6, 1)


def service(vault) -> DossierService:
    return DossierService(vault, actor="zc", vandaag=lambda: VANDAAG)


def nieuw(s: DossierService, datum: date, nationaliteit: str = "NG") -> str:
    d = s.nieuwe_melding(Persoon(naam="Test", nationaliteiten=[nationaliteit]),
                         Melding(datum=datum, melder_type=MelderType.POLITIE))
    s.overgang(d.uuid, Fase.INTAKE, datum, "intake")
    return d.uuid


def bedenktijd(s: DossierService, uuid: str, datum: date) -> None:
    for soort, uitkomst in ((VerblijfSoort.BEDENKTIJD_AANGEBODEN, Uitkomst.POLITIE),
                            (VerblijfSoort.BEDENKTIJD_BESLUIT, Uitkomst.AANVAARD)):
        s.verblijf_stap(uuid, VerblijfEvent(soort, datum, "zc", s_now(), uitkomst))


def s_now():
    from datetime import UTC, datetime

    return datetime(2026, 6, 1, tzinfo=UTC)


def test_dashboard_counts_bedenktijd_from_the_track_whatever_the_stage(vault) -> None:
    """Seen: the dashboard counted 3 clients in bedenktijd (the stage) when 11 were."""
    s = service(vault)
    start = VANDAAG - timedelta(days=20)
    for i in range(4):
        uuid = nieuw(s, start)
        bedenktijd(s, uuid, start)
        if i < 3:  # placed during bedenktijd: the normal route
            s.overgang(uuid, Fase.GEPLAATST, start + timedelta(days=1), "geplaatst")
    oud = nieuw(s, date(2025, 1, 2))
    bedenktijd(s, oud, date(2025, 1, 2))  # long over
    stage_only = nieuw(s, start)
    s.overgang(stage_only, Fase.BEDENKTIJD, start, "bedenktijd (oude route)")
    overzicht = s.overzicht()
    assert overzicht.per_fase.get("bedenktijd", 0) == 1  # the stage alone said 1
    assert overzicht.in_bedenktijd == 5
    # the deadline stays on placed clients
    dossier = s.laad(s.uuid_voor("HM-" + str(start.year) + "-0001"))
    assert any(d.soort.value == "bedenktijd_einde" for d in s.deadlines(dossier))


def test_a_permanent_permit_without_aangifte_is_refused(vault) -> None:
    """Seen: a permanent permit was accepted with no aangifte and no temporary permit."""
    s = service(vault)
    uuid = nieuw(s, date(2026, 1, 5))
    with pytest.raises(DomainError):
        s.besluit(uuid, BesluitSoort.VERBLIJFSVERGUNNING, BesluitUitkomst.VERLEEND_PERMANENT,
                  date(2026, 2, 1))
    s.besluit(uuid, BesluitSoort.AANGIFTE, BesluitUitkomst.JA, date(2026, 1, 10))
    s.besluit(uuid, BesluitSoort.VERBLIJFSVERGUNNING, BesluitUitkomst.VERLEEND_TIJDELIJK,
              date(2026, 2, 1), geldig_tot=date(2027, 2, 1))
    s.besluit(uuid, BesluitSoort.VERBLIJFSVERGUNNING, BesluitUitkomst.VERLEEND_PERMANENT,
              date(2026, 5, 1))


def test_bedenktijd_for_a_dutch_minor_warns(vault) -> None:
    """Seen: a 15-year-old Dutch national was given bedenktijd without a word."""
    s = service(vault)
    uuid = nieuw(s, date(2026, 1, 5), "NL")
    _d, warnings = s.verblijf_stap(uuid, VerblijfEvent(
        VerblijfSoort.BEDENKTIJD_AANGEBODEN, date(2026, 1, 6), "zc", s_now(), Uitkomst.POLITIE))
    assert warnings


def test_year_figures_from_the_index_leave_out_no_trafficking(vault) -> None:
    """Seen: 24 of 127 dossiers closed as geen_mensenhandel counted as victims."""
    s = service(vault)
    for i in range(8):
        uuid = nieuw(s, date(2025, 3, 1))
        if i < 3:
            s.overgang(uuid, Fase.AFGESLOTEN, date(2025, 3, 2), "geen mensenhandel",
                       Sluitreden.GEEN_MENSENHANDEL)
        else:
            s.overgang(uuid, Fase.AANGEMELD, date(2025, 3, 3), "aangemeld")
    with vault.read() as db:
        van, tot = date(2025, 1, 1), date(2026, 1, 1)
        cijfers = jb.tel_groepen(_groepen(db, van, tot), [2025],
                                 aanmeldingen_per_jaar=_aanmeldingen(db, van, tot))
    assert cijfers.kern[jb.SIGNALEN] == {2025: 8}
    assert cijfers.kern[jb.SLACHTOFFERS] == {2025: 5}
    assert cijfers.kern[jb.AANMELDINGEN] == {2025: 5}
    assert cijfers.totaal == {2025: 5}
