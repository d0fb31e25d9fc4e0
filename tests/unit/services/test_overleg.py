"""The signaleringsoverleg as a coordinator uses it: plan, put cases on the agenda,
record the minutes (decisions become tasks), print agenda and minutes pseudonymised."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.unit.reports.pdftext import text
from zorgapp.domain.codes import MelderType
from zorgapp.domain.dossier import Melding
from zorgapp.domain.errors import DomainError, UserFacingError
from zorgapp.domain.overleg import OverlegBesluit, organisaties_uit_tekst
from zorgapp.domain.persoon import Persoon
from zorgapp.errors import ValidationError
from zorgapp.reports.style import Briefhoofd
from zorgapp.services.dossier_service import DossierService
from zorgapp.services.overleg_service import OverlegService

VANDAAG = date(2026, 11, 24)


def _service(vault, vandaag: date = VANDAAG) -> OverlegService:
    return OverlegService(vault, Briefhoofd(organisatie="Zorgcoördinatie HM"), actor="tester",
                          vandaag=lambda: vandaag)


def _dossier(vault, naam: str) -> str:
    ds = DossierService(vault, actor="tester", vandaag=lambda: VANDAAG)
    d = ds.nieuwe_melding(Persoon(naam=naam), Melding(datum=date(2026, 11, 1),
                                                       melder_type=MelderType.POLITIE))
    return d.uuid


def _actions(vault) -> list[tuple[str, str]]:
    return [(e.action, e.record_type) for e in vault.audit.entries()]


def test_bespreken_in_overleg_plans_the_next_meeting_once(vault) -> None:
    a, b = _dossier(vault, "Ștefania Popescu"), _dossier(vault, "Łukasz Wiśniewski")
    s = _service(vault)
    eerste = s.bespreken_in_overleg(a)
    assert eerste.datum == VANDAAG + timedelta(days=7)
    tweede = s.bespreken_in_overleg(b)
    assert tweede.uuid == eerste.uuid  # the same, next meeting
    agenda = s.open(eerste.uuid).agenda
    assert [p.pseudoniem.split()[1] for p in agenda] == ["(Ș.P.)", "(Ł.W.)"]
    with pytest.raises(UserFacingError) as exc:
        s.bespreken_in_overleg(a)
    assert "staat al op de agenda" in exc.value.msgid
    assert ("create", "overleg") in _actions(vault)


def test_agenda_pdf_never_contains_a_full_name(vault) -> None:
    a = _dossier(vault, "Ștefania Popescu")
    b = _dossier(vault, "Nguyễn Thị Lan")
    s = _service(vault)
    overleg = s.nieuw(VANDAAG, ["Politie", "Gemeente Leiden", "FairWork"])
    for uuid in (a, b):
        s.agenderen(overleg.uuid, DossierService(vault).laad(uuid).dossiernummer)
    s.verslag(overleg.uuid, s.open(overleg.uuid).agenda[0].uuid, "Situatie besproken.",
              [OverlegBesluit("Aangifte bespreken", "Politie", VANDAAG + timedelta(days=14))])
    for rapport in (s.agenda(overleg.uuid), s.verslag_pdf(overleg.uuid)):
        body = text(rapport.pdf)
        assert "VERTROUWELIJK" in body
        assert "HM-2026-0001 (Ș.P.)" in body and "HM-2026-0002 (N.T.L.)" in body
        for part in ("Ștefania", "Popescu", "Nguyễn", "Lan "):
            assert part not in body
        assert "Politie, Gemeente Leiden, FairWork" in body
    s.afgedrukt(rapport)
    assert ("print", "overleg") in _actions(vault)


def test_a_decision_becomes_a_task_with_owner_and_due_date_and_a_journal_line(vault) -> None:
    a = _dossier(vault, "Ana Ionescu")
    s = _service(vault)
    overleg = s.nieuw(VANDAAG - timedelta(days=1), ["Politie", "Veilig Thuis"])
    punt = s.agenderen(overleg.uuid, "HM-2026-0001")
    deadline = VANDAAG + timedelta(days=10)
    s.verslag(overleg.uuid, punt.uuid, "Zorgen over huisvesting.",
              [OverlegBesluit("Huisbezoek afleggen", "Veilig Thuis", deadline)])
    dossier = DossierService(vault).laad(a)
    taak = dossier.taken[-1]
    assert (taak.omschrijving, taak.eigenaar, taak.deadline) == (
        "Huisbezoek afleggen", "Veilig Thuis", deadline)
    journaal = [j for j in dossier.journaal if j.soort == "overleg"]
    assert len(journaal) == 1 and "Zorgen over huisvesting." in journaal[0].tekst
    assert journaal[0].datum == overleg.datum
    # corrected minutes rewrite the same journal line; an earlier decision stays one task
    s.verslag(overleg.uuid, punt.uuid, "Zorgen over huisvesting en werk.")
    dossier = DossierService(vault).laad(a)
    assert len([j for j in dossier.journaal if j.soort == "overleg"]) == 1
    assert "werk" in dossier.journaal[-1].tekst
    assert len(dossier.taken) == 1
    assert ("change", "dossier") in _actions(vault)
    with pytest.raises(ValidationError):  # a discussed case stays on the agenda
        s.van_agenda(overleg.uuid, punt.uuid)


def test_a_decision_needs_an_owner_and_minutes_wait_for_the_meeting(vault) -> None:
    _dossier(vault, "Ana Ionescu")
    s = _service(vault)
    later = s.nieuw(VANDAAG + timedelta(days=3))
    punt = s.agenderen(later.uuid, "HM-2026-0001")
    with pytest.raises(ValidationError):
        s.verslag(later.uuid, punt.uuid, "Te vroeg")
    vandaag = s.nieuw(VANDAAG)
    punt = s.agenderen(vandaag.uuid, "HM-2026-0001")
    with pytest.raises(DomainError):
        s.verslag(vandaag.uuid, punt.uuid, "x", [OverlegBesluit("Iets doen", " ", VANDAAG)])
    s.van_agenda(vandaag.uuid, punt.uuid)  # not discussed: may go
    assert s.open(vandaag.uuid).agenda == []


def test_organisations_typed_one_per_line_or_with_commas() -> None:
    assert organisaties_uit_tekst("Politie, KMar\nGGD; Politie\n\n") == ["Politie", "KMar", "GGD"]


def test_meeting_tables_exist_in_the_vault_only_encrypted(vault, vault_path) -> None:
    a = _dossier(vault, "Ștefania Popescu")
    s = _service(vault)
    o = s.bespreken_in_overleg(a)
    s.wijzig(o.uuid, o.datum, ["MarkerOrganisatieXYZ"])
    vault.lock()
    for path in vault_path.parent.rglob("*"):
        if path.is_file():
            assert b"MarkerOrganisatieXYZ" not in path.read_bytes()


def test_demo_vault_has_meetings_with_minutes_and_feedback_duties(vault) -> None:
    from zorgapp.domain.deadlines import DeadlineSoort
    from zorgapp.services.demo import fill_demo

    fill_demo(vault, 150, seed=5, vandaag=VANDAAG)
    s = _service(vault)
    lijst = s.lijst()
    assert [o.datum > VANDAAG for o, _n in lijst] == [True, False, False, False]
    gehouden = s.open(lijst[1][0].uuid)
    assert gehouden.agenda and all(p.besproken and p.besluiten for p in gehouden.agenda)
    dossier = DossierService(vault).laad(gehouden.agenda[0].dossier_uuid)
    taak_uuids = {t.uuid for t in dossier.taken}
    assert gehouden.agenda[0].besluiten[0].taak_uuid in taak_uuids
    assert any(j.soort == "overleg" for j in dossier.journaal)
    body = text(s.verslag_pdf(gehouden.uuid).pdf)
    assert dossier.persoon.naam.split()[-1] not in body
    overdue = DossierService(vault, vandaag=lambda: VANDAAG).overzicht().achterstallig
    assert any(d.soort is DeadlineSoort.TERUGKOPPELING for d, _rij in overdue)
