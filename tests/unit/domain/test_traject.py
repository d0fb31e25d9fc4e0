"""The path state machine: allowed and refused moves, corrections, reopening,
bedenktijd, decisions, JSON, and random operation sequences (Hypothesis)."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zorgapp.domain.codes import BesluitSoort, BesluitUitkomst, Fase, Sluitreden
from zorgapp.domain.errors import DomainError
from zorgapp.domain.traject import (
    TOEGESTAAN,
    EventSoort,
    Traject,
    TrajectEvent,
    plus_maanden,
)

VANDAAG = date(2026, 6, 30)
START = date(2026, 1, 5)
ZC = "zorgcoördinator"

#: A shortest valid route from signaal to each stage.
ROUTE: dict[Fase, list[Fase]] = {
    Fase.SIGNAAL: [],
    Fase.INTAKE: [Fase.INTAKE],
    Fase.AANGEMELD: [Fase.INTAKE, Fase.AANGEMELD],
    Fase.BEDENKTIJD: [Fase.INTAKE, Fase.BEDENKTIJD],
    Fase.GEPLAATST: [Fase.INTAKE, Fase.GEPLAATST],
    Fase.BEGELEIDING: [Fase.INTAKE, Fase.BEGELEIDING],
    Fase.AFGESLOTEN: [Fase.AFGESLOTEN],
}


def nieuw() -> Traject:
    return Traject.begin(START, "Melding van de politie", ZC, VANDAAG)


def naar(
    traject: Traject, fase: Fase, datum: date | None = None, vandaag: date = VANDAAG
) -> None:
    sluitreden = Sluitreden.ZELFSTANDIG if fase is Fase.AFGESLOTEN else None
    traject.overgang(
        fase,
        datum or traject.stappen()[-1].datum,
        "reden",
        ZC,
        vandaag,
        sluitreden=sluitreden,
    )


def in_fase(fase: Fase) -> Traject:
    t = nieuw()
    for i, f in enumerate(ROUTE[fase]):
        naar(t, f, START + timedelta(days=i + 1))
    return t


def fout(exc: pytest.ExceptionInfo[DomainError]) -> str:
    return exc.value.msgid


class TestOvergangen:
    def test_begin_is_signaal(self) -> None:
        t = nieuw()
        assert t.huidige_fase is Fase.SIGNAAL
        assert t.geschiedenis() == [(Fase.SIGNAAL, START, "Melding van de politie")]
        assert t.events[0].vastgelegd_op.tzinfo is not None

    def test_empty_path_has_no_stage(self) -> None:
        t = Traject()
        assert t.huidige_fase is None
        assert t.mogelijke_overgangen() == {Fase.SIGNAAL}

    def test_must_start_with_signaal(self) -> None:
        with pytest.raises(DomainError) as exc:
            Traject().overgang(Fase.INTAKE, START, "reden", ZC, VANDAAG)
        assert fout(exc) == "Een traject begint met een signaal."

    def test_full_path(self) -> None:
        t = nieuw()
        stappen = [
            (Fase.INTAKE, date(2026, 1, 6)),
            (Fase.BEDENKTIJD, date(2026, 1, 7)),
            (Fase.GEPLAATST, date(2026, 1, 7)),
            (Fase.AANGEMELD, None),
        ]
        for fase, datum in stappen[:3]:
            assert datum is not None
            naar(t, fase, datum)
        assert t.huidige_fase is Fase.GEPLAATST
        naar(t, Fase.BEGELEIDING, date(2026, 3, 1))
        t.overgang(
            Fase.AFGESLOTEN,
            date(2026, 6, 1),
            "Woont zelfstandig",
            ZC,
            VANDAAG,
            sluitreden=Sluitreden.ZELFSTANDIG,
        )
        assert [f for f, _, _ in t.geschiedenis()] == [
            Fase.SIGNAAL,
            Fase.INTAKE,
            Fase.BEDENKTIJD,
            Fase.GEPLAATST,
            Fase.BEGELEIDING,
            Fase.AFGESLOTEN,
        ]
        assert t.afgesloten_op == date(2026, 6, 1)
        assert t.sluitreden is Sluitreden.ZELFSTANDIG

    @pytest.mark.parametrize(
        ("van", "doel"),
        [(v, d) for v in Fase for d in TOEGESTAAN[v] if d is not Fase.AFGESLOTEN],
    )
    def test_every_allowed_transition(self, van: Fase, doel: Fase) -> None:
        t = in_fase(van)
        naar(t, doel)
        assert t.huidige_fase is doel

    @pytest.mark.parametrize(
        ("van", "doel"),
        [
            (v, d)
            for v in Fase
            for d in Fase
            if v is not Fase.AFGESLOTEN and d is not v and d not in TOEGESTAAN[v]
        ],
    )
    def test_every_refused_transition(self, van: Fase, doel: Fase) -> None:
        t = in_fase(van)
        voor = t.events
        with pytest.raises(DomainError) as exc:
            naar(t, doel)
        assert fout(exc) == "Van {van} naar {naar} is geen toegestane overgang."
        assert exc.value.params == {"van": van.value, "naar": doel.value}
        assert t.events == voor

    @pytest.mark.parametrize("fase", [f for f in Fase if f is not Fase.AFGESLOTEN])
    def test_same_stage_refused(self, fase: Fase) -> None:
        t = in_fase(fase)
        with pytest.raises(DomainError) as exc:
            naar(t, fase)
        assert fout(exc) == "Het dossier staat al in de fase {fase}."

    @pytest.mark.parametrize("doel", list(Fase))
    def test_closed_only_reopens(self, doel: Fase) -> None:
        t = in_fase(Fase.AFGESLOTEN)
        with pytest.raises(DomainError) as exc:
            naar(t, doel)
        assert fout(exc) == "Een afgesloten dossier kan alleen heropend worden."

    def test_future_date_refused(self) -> None:
        t = nieuw()
        with pytest.raises(DomainError) as exc:
            t.overgang(Fase.INTAKE, VANDAAG + timedelta(days=1), "reden", ZC, VANDAAG)
        assert fout(exc) == "Een datum in de toekomst kan niet: {datum}."
        assert exc.value.params == {"datum": "2026-07-01"}

    def test_today_accepted(self) -> None:
        t = nieuw()
        t.overgang(Fase.INTAKE, VANDAAG, "reden", ZC, VANDAAG)
        assert t.fase_op(VANDAAG) is Fase.INTAKE

    def test_date_before_previous_refused(self) -> None:
        t = nieuw()
        with pytest.raises(DomainError) as exc:
            t.overgang(Fase.INTAKE, START - timedelta(days=1), "reden", ZC, VANDAAG)
        assert fout(exc) == "De datum {datum} ligt vóór de vorige stap ({vorige})."

    @pytest.mark.parametrize("reden", ["", "   "])
    def test_empty_reason_refused(self, reden: str) -> None:
        with pytest.raises(DomainError) as exc:
            nieuw().overgang(Fase.INTAKE, START, reden, ZC, VANDAAG)
        assert fout(exc) == "Geef een reden op voor deze stap."

    def test_closing_needs_sluitreden(self) -> None:
        with pytest.raises(DomainError) as exc:
            nieuw().overgang(Fase.AFGESLOTEN, START, "reden", ZC, VANDAAG)
        assert fout(exc) == "Geef een reden van afsluiten op."

    def test_sluitreden_only_when_closing(self) -> None:
        with pytest.raises(DomainError) as exc:
            nieuw().overgang(
                Fase.INTAKE,
                START,
                "reden",
                ZC,
                VANDAAG,
                sluitreden=Sluitreden.UIT_BEELD,
            )
        assert fout(exc) == "Een reden van afsluiten hoort alleen bij afsluiten."

    def test_fase_op(self) -> None:
        t = nieuw()
        naar(t, Fase.INTAKE, date(2026, 1, 10))
        naar(t, Fase.GEPLAATST, date(2026, 1, 10))
        naar(t, Fase.BEGELEIDING, date(2026, 2, 1))
        assert t.fase_op(date(2026, 1, 4)) is None
        assert t.fase_op(date(2026, 1, 9)) is Fase.SIGNAAL
        assert t.fase_op(date(2026, 1, 10)) is Fase.GEPLAATST
        assert t.fase_op(date(2026, 1, 31)) is Fase.GEPLAATST
        assert t.fase_op(VANDAAG) is Fase.BEGELEIDING


class TestCorrecties:
    def test_date_correction_is_a_new_event(self) -> None:
        t = nieuw()
        naar(t, Fase.INTAKE, date(2026, 1, 10))
        intake = t.events[-1]
        voor = [e.to_dict() for e in t.events]
        c = t.corrigeer(
            intake.uuid,
            "Verkeerde dag getypt",
            ZC,
            VANDAAG,
            nieuwe_datum=date(2026, 1, 8),
        )
        assert c.soort is EventSoort.CORRECTIE and c.corrigeert == intake.uuid
        assert [e.to_dict() for e in t.events[:2]] == voor  # history kept as recorded
        assert t.events[1].datum == date(2026, 1, 10)
        assert t.geschiedenis()[1] == (Fase.INTAKE, date(2026, 1, 8), "reden")

    def test_reason_and_sluitreden_correction(self) -> None:
        t = in_fase(Fase.AFGESLOTEN)
        sluit = t.stappen()[-1]
        t.corrigeer(
            sluit.event_uuid,
            "Later bleek: terugkeer",
            ZC,
            VANDAAG,
            nieuwe_reden="Terug naar Roemenië via IOM",
            nieuwe_sluitreden=Sluitreden.TERUGKEER,
        )
        assert t.sluitreden is Sluitreden.TERUGKEER
        assert t.geschiedenis()[-1][2] == "Terug naar Roemenië via IOM"

    def test_later_correction_wins(self) -> None:
        t = nieuw()
        naar(t, Fase.INTAKE, date(2026, 1, 10))
        uuid = t.events[-1].uuid
        t.corrigeer(uuid, "eerste", ZC, VANDAAG, nieuwe_datum=date(2026, 1, 8))
        t.corrigeer(uuid, "tweede", ZC, VANDAAG, nieuwe_datum=date(2026, 1, 9))
        assert t.geschiedenis()[1][1] == date(2026, 1, 9)

    def test_correction_breaking_order_refused(self) -> None:
        t = nieuw()
        naar(t, Fase.INTAKE, date(2026, 1, 10))
        naar(t, Fase.GEPLAATST, date(2026, 1, 12))
        voor = t.events
        with pytest.raises(DomainError) as exc:
            t.corrigeer(
                t.events[1].uuid,
                "typefout",
                ZC,
                VANDAAG,
                nieuwe_datum=date(2026, 1, 13),
            )
        assert fout(exc) == "De datum {datum} ligt vóór de vorige stap ({vorige})."
        assert t.events == voor

    def test_correction_to_future_refused(self) -> None:
        t = nieuw()
        with pytest.raises(DomainError) as exc:
            t.corrigeer(
                t.events[0].uuid,
                "x",
                ZC,
                VANDAAG,
                nieuwe_datum=VANDAAG + timedelta(days=1),
            )
        assert fout(exc) == "Een datum in de toekomst kan niet: {datum}."

    def test_void_mistaken_stage(self) -> None:
        t = nieuw()
        naar(t, Fase.INTAKE, date(2026, 1, 10))
        naar(t, Fase.BEGELEIDING, date(2026, 1, 11))
        t.corrigeer(
            t.events[-1].uuid, "Verkeerde fase aangeklikt", ZC, VANDAAG, vervalt=True
        )
        assert t.huidige_fase is Fase.INTAKE
        assert len(t.events) == 4
        naar(t, Fase.GEPLAATST, date(2026, 1, 11))
        assert t.huidige_fase is Fase.GEPLAATST

    def test_void_that_breaks_path_refused(self) -> None:
        t = nieuw()
        naar(t, Fase.INTAKE, date(2026, 1, 10))
        naar(t, Fase.AANGEMELD, date(2026, 1, 11))
        # without intake, signaal -> aangemeld would remain: not allowed
        with pytest.raises(DomainError) as exc:
            t.corrigeer(t.events[1].uuid, "weg", ZC, VANDAAG, vervalt=True)
        assert fout(exc) == "Van {van} naar {naar} is geen toegestane overgang."

    def test_void_twice_refused(self) -> None:
        t = in_fase(Fase.INTAKE)
        uuid = t.events[-1].uuid
        t.corrigeer(uuid, "weg", ZC, VANDAAG, vervalt=True)
        with pytest.raises(DomainError) as exc:
            t.corrigeer(uuid, "nog eens", ZC, VANDAAG, nieuwe_reden="x")
        assert fout(exc) == "Deze gebeurtenis is al vervallen."

    def test_void_first_refused(self) -> None:
        t = nieuw()
        with pytest.raises(DomainError) as exc:
            t.corrigeer(t.events[0].uuid, "weg", ZC, VANDAAG, vervalt=True)
        assert fout(exc) == "De eerste stap van een traject kan niet vervallen."

    def test_unknown_event_refused(self) -> None:
        with pytest.raises(DomainError) as exc:
            nieuw().corrigeer("bestaat-niet", "x", ZC, VANDAAG, nieuwe_reden="y")
        assert fout(exc) == "Er is geen gebeurtenis {uuid} om te corrigeren."

    def test_correcting_a_correction_refused(self) -> None:
        t = nieuw()
        c = t.corrigeer(t.events[0].uuid, "x", ZC, VANDAAG, nieuwe_reden="y")
        with pytest.raises(DomainError) as exc:
            t.corrigeer(c.uuid, "x", ZC, VANDAAG, nieuwe_reden="z")
        assert "corrigeer de oorspronkelijke" in fout(exc)

    def test_correction_needs_reason_and_change(self) -> None:
        t = nieuw()
        with pytest.raises(DomainError) as exc:
            t.corrigeer(t.events[0].uuid, "x", ZC, VANDAAG)
        assert fout(exc) == "Deze correctie verandert niets."
        with pytest.raises(DomainError) as exc:
            t.corrigeer(t.events[0].uuid, " ", ZC, VANDAAG, nieuwe_reden="y")
        assert fout(exc) == "Geef een reden op voor deze correctie."
        with pytest.raises(DomainError) as exc:
            t.corrigeer(t.events[0].uuid, "x", ZC, VANDAAG, nieuwe_reden=" ")
        assert fout(exc) == "Geef een reden op voor deze stap."

    def test_events_are_immutable(self) -> None:
        t = nieuw()
        with pytest.raises(AttributeError):
            t.events[0].datum = VANDAAG  # type: ignore[misc]


class TestHeropen:
    def test_reopen_to_previous_stage(self) -> None:
        t = in_fase(Fase.GEPLAATST)
        naar(t, Fase.AFGESLOTEN)
        e = t.heropen(VANDAAG, "Weer in beeld", ZC, VANDAAG)
        assert e.soort is EventSoort.HEROPEND
        assert t.huidige_fase is Fase.GEPLAATST
        assert t.afgesloten_op is None and t.sluitreden is None
        naar(t, Fase.BEGELEIDING)
        assert t.huidige_fase is Fase.BEGELEIDING

    def test_reopen_to_intake(self) -> None:
        t = in_fase(Fase.BEGELEIDING)
        naar(t, Fase.AFGESLOTEN)
        t.heropen(VANDAAG, "Nieuwe signalen", ZC, VANDAAG, naar=Fase.INTAKE)
        assert t.huidige_fase is Fase.INTAKE

    def test_reopen_elsewhere_refused(self) -> None:
        t = in_fase(Fase.BEGELEIDING)
        naar(t, Fase.AFGESLOTEN)
        with pytest.raises(DomainError) as exc:
            t.heropen(VANDAAG, "x", ZC, VANDAAG, naar=Fase.AANGEMELD)
        assert (
            fout(exc)
            == "Heropenen kan naar de laatste fase vóór afsluiten of naar intake."
        )

    def test_reopen_open_case_refused(self) -> None:
        with pytest.raises(DomainError) as exc:
            in_fase(Fase.INTAKE).heropen(VANDAAG, "x", ZC, VANDAAG)
        assert fout(exc) == "Alleen een afgesloten dossier kan heropend worden."

    def test_reopen_checks_date_and_reason(self) -> None:
        t = in_fase(Fase.AFGESLOTEN)
        with pytest.raises(DomainError):
            t.heropen(VANDAAG + timedelta(days=1), "x", ZC, VANDAAG)
        with pytest.raises(DomainError):
            t.heropen(START - timedelta(days=1), "x", ZC, VANDAAG)
        with pytest.raises(DomainError):
            t.heropen(VANDAAG, "", ZC, VANDAAG)

    def test_reopen_twice(self) -> None:
        t = in_fase(Fase.AFGESLOTEN)
        t.heropen(date(2026, 2, 1), "1", ZC, VANDAAG)
        assert t.huidige_fase is Fase.SIGNAAL
        naar(t, Fase.AFGESLOTEN, date(2026, 3, 1))
        t.heropen(date(2026, 4, 1), "2", ZC, VANDAAG, naar=Fase.INTAKE)
        assert t.huidige_fase is Fase.INTAKE


class TestBedenktijd:
    @pytest.mark.parametrize(
        ("start", "einde"),
        [
            (date(2025, 11, 30), date(2026, 2, 28)),
            (date(2023, 11, 30), date(2024, 2, 29)),
            (date(2026, 1, 31), date(2026, 4, 30)),
            (date(2026, 10, 15), date(2027, 1, 15)),
        ],
    )
    def test_end_is_three_calendar_months(self, start: date, einde: date) -> None:
        assert plus_maanden(start, 3) == einde
        t = Traject.begin(start, "signaal", ZC, start)
        naar(t, Fase.INTAKE, start, vandaag=start)
        naar(t, Fase.BEDENKTIJD, start, vandaag=start)
        assert t.bedenktijd_start == start
        assert t.bedenktijd_einde == einde

    def test_no_bedenktijd(self) -> None:
        assert nieuw().bedenktijd_start is None and nieuw().bedenktijd_einde is None

    def test_reentry_within_three_months_allowed(self) -> None:
        t = nieuw()
        naar(t, Fase.INTAKE, date(2026, 1, 6))
        naar(t, Fase.BEDENKTIJD, date(2026, 1, 7))
        naar(t, Fase.GEPLAATST, date(2026, 1, 10))
        naar(t, Fase.BEDENKTIJD, date(2026, 4, 7))
        assert t.bedenktijd_start == date(2026, 1, 7)
        assert t.bedenktijd_einde == date(2026, 4, 7)

    def test_reentry_after_end_refused(self) -> None:
        t = nieuw()
        naar(t, Fase.INTAKE, date(2026, 1, 6))
        naar(t, Fase.BEDENKTIJD, date(2026, 1, 7))
        naar(t, Fase.GEPLAATST, date(2026, 1, 10))
        with pytest.raises(DomainError) as exc:
            naar(t, Fase.BEDENKTIJD, date(2026, 4, 8))
        assert (
            fout(exc)
            == "De bedenktijd liep af op {einde}; een nieuwe bedenktijd kan niet."
        )
        assert exc.value.params == {"einde": "2026-04-07"}


class TestBesluiten:
    def test_record_decisions(self) -> None:
        t = in_fase(Fase.BEDENKTIJD)
        t.besluit(
            BesluitSoort.AANGIFTE,
            BesluitUitkomst.JA,
            date(2026, 2, 1),
            ZC,
            VANDAAG,
            "Bij AVIM",
        )
        t.besluit(
            BesluitSoort.VERBLIJFSVERGUNNING,
            BesluitUitkomst.VERLEEND_TIJDELIJK,
            date(2026, 3, 1),
            ZC,
            VANDAAG,
            geldig_tot=date(2027, 3, 1),
        )
        b = t.besluiten()
        assert [(x.soort, x.uitkomst) for x in b] == [
            (BesluitSoort.AANGIFTE, BesluitUitkomst.JA),
            (BesluitSoort.VERBLIJFSVERGUNNING, BesluitUitkomst.VERLEEND_TIJDELIJK),
        ]
        assert b[1].geldig_tot == date(2027, 3, 1)
        assert t.huidige_fase is Fase.BEDENKTIJD  # decisions do not move the stage

    def test_decision_before_signal_allowed(self) -> None:
        t = nieuw()
        t.besluit(
            BesluitSoort.AANGIFTE,
            BesluitUitkomst.JA,
            START - timedelta(days=3),
            ZC,
            VANDAAG,
        )
        assert t.besluiten()[0].datum == START - timedelta(days=3)

    def test_outcome_must_fit(self) -> None:
        with pytest.raises(DomainError) as exc:
            nieuw().besluit(
                BesluitSoort.AANGIFTE, BesluitUitkomst.VERLENGD, START, ZC, VANDAAG
            )
        assert fout(exc) == "Uitkomst {uitkomst} past niet bij dit besluit."

    def test_future_decision_refused(self) -> None:
        with pytest.raises(DomainError):
            nieuw().besluit(
                BesluitSoort.AANGIFTE,
                BesluitUitkomst.NEE,
                VANDAAG + timedelta(1),
                ZC,
                VANDAAG,
            )

    def test_correct_and_void_decision(self) -> None:
        t = nieuw()
        e = t.besluit(BesluitSoort.AANGIFTE, BesluitUitkomst.NEE, START, ZC, VANDAAG)
        t.corrigeer(e.uuid, "datum", ZC, VANDAAG, nieuwe_datum=date(2026, 2, 2))
        assert t.besluiten()[0].datum == date(2026, 2, 2)
        t.corrigeer(e.uuid, "dubbel ingevoerd", ZC, VANDAAG, vervalt=True)
        assert t.besluiten() == []


class TestJson:
    def test_round_trip(self) -> None:
        t = in_fase(Fase.GEPLAATST)
        t.corrigeer(t.events[1].uuid, "x", ZC, VANDAAG, nieuwe_reden="andere reden")
        t.besluit(BesluitSoort.AANGIFTE, BesluitUitkomst.JA, START, ZC, VANDAAG)
        naar(t, Fase.AFGESLOTEN)
        t.heropen(VANDAAG, "terug", ZC, VANDAAG)
        tekst = json.dumps(t.to_dict())
        terug = Traject.from_dict(json.loads(tekst))
        assert terug.events == t.events
        assert terug.geschiedenis() == t.geschiedenis()

    def test_invalid_history_refused_on_load(self) -> None:
        t = in_fase(Fase.INTAKE)
        data = t.to_dict()
        data["events"][1]["fase"] = Fase.BEGELEIDING.value  # signaal -> begeleiding
        with pytest.raises(DomainError):
            Traject.from_dict(data)

    def test_duplicate_uuid_refused(self) -> None:
        data = in_fase(Fase.INTAKE).to_dict()
        data["events"][1]["uuid"] = data["events"][0]["uuid"]
        with pytest.raises(DomainError) as exc:
            Traject.from_dict(data)
        assert fout(exc) == "Gebeurtenis {uuid} komt twee keer voor."

    def test_vastgelegd_op_is_utc(self) -> None:
        t = Traject.begin(
            START,
            "x",
            ZC,
            VANDAAG,
            nu=datetime(2026, 1, 5, 10, tzinfo=timezone(timedelta(hours=1))),
        )
        assert t.events[0].vastgelegd_op == datetime(2026, 1, 5, 9, tzinfo=UTC)
        assert TrajectEvent.from_dict(t.events[0].to_dict()) == t.events[0]


# --- property tests -------------------------------------------------------------

HYP_VANDAAG = date(2030, 1, 1)

#: Mostly sensible operations (so that paths get long), with some nonsense mixed in.
overgang_op = st.tuples(
    st.just("overgang"),
    st.integers(0, 6) | st.sampled_from(list(Fase)),  # int: pick an allowed stage
    st.integers(-3, 60),
    st.sampled_from(["passend"] * 4 + ["geen", "willekeurig"]),
    st.sampled_from(["reden"] * 5 + ["", " "]),
)
operatie = st.one_of(
    overgang_op,
    overgang_op,
    overgang_op,
    st.tuples(
        st.just("overgang"),
        st.sampled_from(list(Fase)),
        st.integers(-3, 60),
        st.sampled_from(["passend"] * 4 + ["geen", "willekeurig"]),
        st.sampled_from(["reden"] * 5 + ["", " "]),
    ),
    st.tuples(
        st.just("corrigeer"),
        st.integers(0, 40),
        st.none() | st.integers(-30, 30),
        st.booleans(),
        st.none() | st.none() | st.sampled_from(list(Sluitreden)),
    ),
    st.tuples(
        st.just("heropen"),
        st.none() | st.sampled_from(list(Fase)),
        st.integers(-3, 60),
    ),
    st.tuples(
        st.just("besluit"),
        st.sampled_from(list(BesluitSoort)),
        st.sampled_from(list(BesluitUitkomst)),
        st.integers(-30, 30),
    ),
)


def _voer_uit(t: Traject, op: tuple[Any, ...]) -> None:
    stappen = t.stappen()
    laatste = stappen[-1].datum if stappen else date(2026, 1, 1)
    soort = op[0]
    if soort == "overgang":
        _, keuze, delta, sluit, reden = op
        mogelijk = sorted(t.mogelijke_overgangen()) or [Fase.INTAKE]
        fase = mogelijk[keuze % len(mogelijk)] if isinstance(keuze, int) else keuze
        sluitreden = {
            "passend": Sluitreden.UIT_BEELD if fase is Fase.AFGESLOTEN else None,
            "geen": None,
            "willekeurig": Sluitreden.OVERLEDEN,
        }[sluit]
        t.overgang(
            fase,
            laatste + timedelta(delta),
            reden,
            ZC,
            HYP_VANDAAG,
            sluitreden=sluitreden,
        )
    elif soort == "corrigeer":
        _, index, delta, vervalt, sluitreden = op
        doel = t.events[index % len(t.events)]
        t.corrigeer(
            doel.uuid,
            "correctie",
            ZC,
            HYP_VANDAAG,
            nieuwe_datum=None if delta is None else doel.datum + timedelta(delta),
            nieuwe_sluitreden=sluitreden,
            vervalt=vervalt,
        )
    elif soort == "heropen":
        _, doel_fase, delta = op
        t.heropen(
            laatste + timedelta(delta), "heropend", ZC, HYP_VANDAAG, naar=doel_fase
        )
    else:
        _, besluit_soort, uitkomst, delta = op
        t.besluit(besluit_soort, uitkomst, laatste + timedelta(delta), ZC, HYP_VANDAAG)


def _controleer_geldig(t: Traject) -> None:
    stappen = t.stappen()
    assert stappen[0].fase is Fase.SIGNAAL and not stappen[0].heropend
    bedenktijd_start = None
    for vorige, s in itertools.pairwise(stappen):
        assert s.datum >= vorige.datum
        if s.heropend:
            assert vorige.fase is Fase.AFGESLOTEN
            assert s.fase is not Fase.AFGESLOTEN
        else:
            assert s.fase in TOEGESTAAN[vorige.fase]
    for s in stappen:
        assert s.reden.strip()
        assert s.datum <= HYP_VANDAAG
        assert (s.sluitreden is not None) == (s.fase is Fase.AFGESLOTEN)
        if s.fase is Fase.BEDENKTIJD:
            if bedenktijd_start is None:
                bedenktijd_start = s.datum
            assert s.datum <= plus_maanden(bedenktijd_start, 3)
    assert t.huidige_fase is stappen[-1].fase
    assert t.fase_op(stappen[-1].datum) is stappen[-1].fase


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(operatie, min_size=10, max_size=80))
def test_random_operations_never_break_the_path(ops: list[tuple[Any, ...]]) -> None:
    t = Traject.begin(date(2026, 1, 1), "start", ZC, HYP_VANDAAG)
    for op in ops:
        voor = [e.to_dict() for e in t.events]
        voor_geschiedenis = t.geschiedenis()
        try:
            _voer_uit(t, op)
        except DomainError:
            # A refusal changes nothing at all.
            assert [e.to_dict() for e in t.events] == voor
            assert t.geschiedenis() == voor_geschiedenis
        else:
            # Append-only: exactly one event more, earlier ones untouched.
            na = [e.to_dict() for e in t.events]
            assert len(na) == len(voor) + 1
            assert na[: len(voor)] == voor
        _controleer_geldig(t)
    terug = Traject.from_dict(json.loads(json.dumps(t.to_dict())))
    assert terug.geschiedenis() == t.geschiedenis()
    assert terug.besluiten() == t.besluiten()


@settings(max_examples=100, deadline=None)
@given(st.dates(date(1990, 1, 1), date(2100, 12, 31)), st.integers(0, 48))
def test_plus_maanden_properties(d: date, n: int) -> None:
    r = plus_maanden(d, n)
    assert (r.year * 12 + r.month) - (d.year * 12 + d.month) == n
    assert r.day <= d.day
    assert (
        r.day == d.day or r.month != (r + timedelta(days=1)).month
    )  # clamped to month end
