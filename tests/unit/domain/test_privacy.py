"""Art. 16 and 18 AVG as events: the rules every route (GUI, CLI, bundles) shares."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from zorgapp.domain.errors import DomainError
from zorgapp.domain.privacy import (
    BRIEF,
    BUNDEL,
    BeperktError,
    PrivacySoort,
    beperkt_sinds,
    is_beperkt,
    niet_beperkt,
    nieuw_event,
)

VANDAAG = date(2026, 11, 22)
NU = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)


def _event(soort: PrivacySoort, eerder=(), velden=()):
    return nieuw_event(soort, VANDAAG, "verzoek", "coordinator", NU, VANDAAG, velden, eerder)


def test_the_last_on_or_off_event_counts_and_corrections_do_not() -> None:
    aan = _event(PrivacySoort.BEPERKING)
    correctie = _event(PrivacySoort.CORRECTIE, [aan], ["naam"])
    assert is_beperkt([aan, correctie]) and beperkt_sinds([aan, correctie]) == aan
    uit = _event(PrivacySoort.BEPERKING_OPGEHEVEN, [aan, correctie])
    assert not is_beperkt([aan, correctie, uit]) and beperkt_sinds([aan, uit]) is None
    assert not is_beperkt([])


def test_refusals_name_the_case_and_the_article() -> None:
    aan = _event(PrivacySoort.BEPERKING)
    niet_beperkt([], "HM-2026-0001", BUNDEL)  # nothing to refuse
    for handeling in (BUNDEL, BRIEF):
        with pytest.raises(BeperktError) as refused:
            niet_beperkt([aan], "HM-2026-0001", handeling)
        assert refused.value.params == {"nummer": "HM-2026-0001"}
        assert "art. 18 AVG" in refused.value.msgid


def test_events_are_validated() -> None:
    aan = _event(PrivacySoort.BEPERKING)
    with pytest.raises(DomainError):
        _event(PrivacySoort.BEPERKING, [aan])  # twice on
    with pytest.raises(DomainError):
        _event(PrivacySoort.BEPERKING_OPGEHEVEN)  # off while off
    with pytest.raises(DomainError):
        _event(PrivacySoort.CORRECTIE, velden=[" "])
    with pytest.raises(DomainError):
        nieuw_event(PrivacySoort.BEPERKING, date(2026, 12, 1), "x", "c", NU, VANDAAG)
    with pytest.raises(DomainError):
        nieuw_event(PrivacySoort.BEPERKING, VANDAAG, "  ", "c", NU, VANDAAG)
    event = _event(PrivacySoort.CORRECTIE, velden=["naam", " bsn ", "naam"])
    assert event.velden == ("bsn", "naam")
    assert event.to_dict()["velden"] == ["bsn", "naam"]
