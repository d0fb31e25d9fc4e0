"""Feedback to the melder (a due date per signal, on the dashboard when overdue) and
the RIEC question once a perpetrator is written down."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from zorgapp.domain.codes import MelderType
from zorgapp.domain.deadlines import DeadlineSoort
from zorgapp.domain.dossier import Dossier, Melding
from zorgapp.domain.errors import DomainError
from zorgapp.domain.opvangbehoeften import Opvangbehoeften
from zorgapp.domain.persoon import Persoon
from zorgapp.domain.terugkoppeling import (
    RiecVerwijzing,
    Terugkoppeling,
    TerugkoppelWijze,
    riec_vraag_open,
)
from zorgapp.services.terugkoppeling_service import TerugkoppelingService

VANDAAG = date(2026, 11, 24)


def _service(vault, vandaag: date = VANDAAG) -> TerugkoppelingService:
    return TerugkoppelingService(vault, actor="tester", vandaag=lambda: vandaag)


def _signaal(vault, datum: date, organisatie: str = "Politie Leiden") -> Dossier:
    return _service(vault).nieuwe_melding(
        Persoon(naam="Ana Ionescu"),
        Melding(datum=datum, melder_type=MelderType.POLITIE, melder_organisatie=organisatie))


def test_a_new_signal_is_due_for_feedback_after_the_region_term(vault) -> None:
    d = _signaal(vault, date(2026, 11, 20))
    assert d.meldingen[0].terugkoppelen_voor == date(2026, 12, 4)  # 14 days by default
    s = _service(vault)
    s.zet_termijn(21)
    assert s.termijn() == 21
    later = _signaal(vault, date(2026, 11, 20))
    assert later.meldingen[0].terugkoppelen_voor == date(2026, 12, 11)
    assert s.laad(d.uuid).meldingen[0].terugkoppelen_voor == date(2026, 12, 4)  # kept
    with pytest.raises(DomainError):
        s.zet_termijn(0)
    assert ("change", "instelling") in [(e.action, e.record_type) for e in vault.audit.entries()]


def test_overdue_feedback_appears_on_the_dashboard_until_given(vault) -> None:
    d = _signaal(vault, VANDAAG - timedelta(days=20))
    s = _service(vault)
    overdue = [(dl, rij) for dl, rij in s.overzicht().achterstallig
               if dl.soort is DeadlineSoort.TERUGKOPPELING]
    assert len(overdue) == 1
    deadline, rij = overdue[0]
    assert rij.uuid == d.uuid and deadline.params["melder"] == "Politie Leiden"
    assert deadline.datum == VANDAAG - timedelta(days=6)
    # the dossier shows it as a deadline too
    assert any(x.soort is DeadlineSoort.TERUGKOPPELING for x in s.deadlines(s.laad(d.uuid)))

    s.terugkoppeling_vastleggen(d.uuid, d.meldingen[0].uuid, Terugkoppeling(
        VANDAAG, TerugkoppelWijze.TELEFOON, "Opvang geregeld, aangifte in overweging."))
    assert not [dl for dl, _rij in s.overzicht().achterstallig
                if dl.soort is DeadlineSoort.TERUGKOPPELING]
    given = s.laad(d.uuid).meldingen[0].terugkoppeling
    assert given is not None and (given.datum, given.wijze, given.auteur) == (
        VANDAAG, TerugkoppelWijze.TELEFOON, "tester")


def test_feedback_needs_a_summary_and_cannot_precede_the_signal(vault) -> None:
    d = _signaal(vault, VANDAAG - timedelta(days=3))
    s = _service(vault)
    melding = d.meldingen[0].uuid
    with pytest.raises(DomainError):
        s.terugkoppeling_vastleggen(d.uuid, melding, Terugkoppeling(
            VANDAAG, TerugkoppelWijze.EMAIL, "  "))
    with pytest.raises(DomainError):
        s.terugkoppeling_vastleggen(d.uuid, melding, Terugkoppeling(
            VANDAAG - timedelta(days=5), TerugkoppelWijze.EMAIL, "Bericht"))


def test_riec_question_once_a_perpetrators_address_is_recorded(vault) -> None:
    d = _signaal(vault, VANDAAG)
    s = _service(vault)
    assert not riec_vraag_open(s.laad(d.uuid))
    behoeften = Opvangbehoeften()
    behoeften.veiligheid.daders_toelichting = "Uitbuiter woont aan de Marktstraat"
    s.opvangbehoeften_opslaan(d.uuid, behoeften)
    assert riec_vraag_open(s.laad(d.uuid))
    s.riec_vastleggen(d.uuid, RiecVerwijzing(gemeld=False))
    assert riec_vraag_open(s.laad(d.uuid))  # "not yet": asked again
    with pytest.raises(DomainError):
        s.riec_vastleggen(d.uuid, RiecVerwijzing(gemeld=True))  # a referral has a date
    s.riec_vastleggen(d.uuid, RiecVerwijzing(gemeld=True, datum=VANDAAG, referentie="RIEC-HM-77"))
    stored = s.laad(d.uuid)
    assert not riec_vraag_open(stored)
    assert stored.riec is not None and stored.riec.referentie == "RIEC-HM-77"
    assert Dossier.from_dict(stored.to_dict()).riec == stored.riec


def test_feedback_on_time_stays_off_the_dashboard(vault) -> None:
    d = _signaal(vault, VANDAAG - timedelta(days=3))
    o = _service(vault).overzicht()
    assert not [x for x, _r in o.achterstallig + o.binnenkort
                if x.soort is DeadlineSoort.TERUGKOPPELING]
    # but the dossier knows its due date
    assert [x.datum for x in _service(vault).deadlines(d)
            if x.soort is DeadlineSoort.TERUGKOPPELING] == [VANDAAG + timedelta(days=11)]
