"""The legal track beside the care path (issue 12.1, DOMAIN §2a)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from zorgapp.domain import verblijf
from zorgapp.domain.codes import BesluitSoort, BesluitUitkomst, Fase
from zorgapp.domain.dossier import Dossier
from zorgapp.domain.errors import DomainError
from zorgapp.domain.persoon import Persoon
from zorgapp.domain.traject import Traject
from zorgapp.domain.verblijf_events import Uitkomst, VerblijfEvent, VerblijfSoort

S, U = VerblijfSoort, Uitkomst
VANDAAG = date(2026, 6, 1)
NU = datetime(2026, 6, 1, 12, tzinfo=UTC)


def dossier(nationaliteit: str = "NG") -> Dossier:
    t = Traject.begin(date(2026, 1, 2), "signaal", "zc", VANDAAG)
    t.overgang(Fase.INTAKE, date(2026, 1, 3), "intake", "zc", VANDAAG)
    return Dossier("HM-2026-0001", persoon=Persoon(naam="Test", nationaliteiten=[nationaliteit]),
                   traject=t)


def stap(d: Dossier, soort: VerblijfSoort, datum: date, uitkomst: Uitkomst = U.GEEN,
         **kw: Any) -> list[str]:
    return verblijf.voeg_toe(d, VerblijfEvent(soort, datum, "zc", NU, uitkomst, **kw), VANDAAG)


def test_bedenktijd_is_90_days_or_30_for_dublin() -> None:
    """Seen: bedenktijd was fixed at 3 months."""
    d = dossier()
    stap(d, S.BEDENKTIJD_AANGEBODEN, date(2026, 1, 10), U.POLITIE)
    stap(d, S.BEDENKTIJD_BESLUIT, date(2026, 1, 10), U.AANVAARD)
    assert verblijf.bedenktijd_perioden(d) == [(date(2026, 1, 10), date(2026, 4, 10))]
    dublin = dossier()
    stap(dublin, S.BEDENKTIJD_AANGEBODEN, date(2026, 1, 10), U.KMAR, dublin=True)
    stap(dublin, S.BEDENKTIJD_BESLUIT, date(2026, 1, 11), U.AANVAARD)
    assert verblijf.bedenktijd_perioden(dublin) == [(date(2026, 1, 11),
                                                    date(2026, 1, 11) + timedelta(days=30))]


def test_declined_bedenktijd_has_no_period_and_aangifte_ends_it() -> None:
    geweigerd = dossier()
    stap(geweigerd, S.BEDENKTIJD_AANGEBODEN, date(2026, 1, 10), U.POLITIE)
    stap(geweigerd, S.BEDENKTIJD_BESLUIT, date(2026, 1, 10), U.GEWEIGERD)
    assert verblijf.bedenktijd_perioden(geweigerd) == []
    d = dossier()
    stap(d, S.BEDENKTIJD_AANGEBODEN, date(2026, 1, 10), U.POLITIE)
    stap(d, S.BEDENKTIJD_BESLUIT, date(2026, 1, 10), U.AANVAARD)
    stap(d, S.AANGIFTE, date(2026, 2, 1), U.AANGIFTE)
    assert verblijf.bedenktijd_perioden(d) == [(date(2026, 1, 10), date(2026, 2, 1))]
    assert not verblijf.in_bedenktijd(d, date(2026, 3, 1))


def test_warning_for_dutch_or_eu_citizen() -> None:
    """Seen: a 15-year-old Dutch national was given bedenktijd without a word."""
    nl = dossier("NL")
    [waarschuwing] = stap(nl, S.BEDENKTIJD_AANGEBODEN, date(2026, 1, 10), U.POLITIE)
    assert "EU" in waarschuwing
    assert stap(dossier("RO"), S.BEDENKTIJD_AANGEBODEN, date(2026, 1, 10), U.POLITIE)
    assert stap(dossier("NG"), S.BEDENKTIJD_AANGEBODEN, date(2026, 1, 10), U.POLITIE) == []


def test_permanent_permit_needs_aangifte_and_temporary_permit() -> None:
    """Seen: a permanent permit was accepted with no aangifte and no temporary permit."""
    d = dossier()
    with pytest.raises(DomainError):
        stap(d, S.VOORTGEZET_VERBLIJF, date(2026, 2, 1), U.VERLEEND)
    stap(d, S.AANGIFTE, date(2026, 1, 20), U.AANGIFTE)
    with pytest.raises(DomainError):
        stap(d, S.VOORTGEZET_VERBLIJF, date(2026, 2, 1), U.VERLEEND)
    stap(d, S.IND_BESLUIT, date(2026, 2, 1), U.VERLEEND, geldig_tot=date(2027, 2, 1))
    stap(d, S.VOORTGEZET_VERBLIJF, date(2026, 5, 1), U.VERLEEND)
    assert verblijf.vergunning(d) is not None
    assert verblijf.vergunning(d).soort is S.VOORTGEZET_VERBLIJF


def test_order_rules() -> None:
    d = dossier()
    with pytest.raises(DomainError):  # no IND decision without an application
        stap(d, S.IND_BESLUIT, date(2026, 2, 1), U.VERLEEND, geldig_tot=date(2027, 2, 1))
    with pytest.raises(DomainError):  # accepting needs an offer
        stap(d, S.BEDENKTIJD_BESLUIT, date(2026, 1, 10), U.AANVAARD)
    with pytest.raises(DomainError):  # special grounds need their statement
        stap(d, S.BIJZONDERE_GROND, date(2026, 1, 10), U.MEDISCH)
    stap(d, S.BIJZONDERE_GROND, date(2026, 1, 10), U.MEDISCH, onderbouwing="verklaring arts")
    with pytest.raises(DomainError):  # a granted permit needs its end date
        stap(d, S.IND_BESLUIT, date(2026, 2, 1), U.VERLEEND)
    stap(d, S.IND_BESLUIT, date(2026, 2, 1), U.VERLEEND, geldig_tot=date(2027, 2, 1))
    with pytest.raises(DomainError):  # OM decides on an aangifte
        stap(d, S.OM_BESLUIT, date(2026, 3, 1), U.SEPOT)
    stap(d, S.AANGIFTE, date(2026, 3, 1), U.MEDEWERKING)
    with pytest.raises(DomainError):  # conviction follows prosecution
        stap(d, S.OM_BESLUIT, date(2026, 4, 1), U.VEROORDELING)
    stap(d, S.OM_BESLUIT, date(2026, 4, 1), U.VERVOLGING)
    stap(d, S.OM_BESLUIT, date(2026, 5, 1), U.VEROORDELING)
    with pytest.raises(DomainError):  # a step in the future
        stap(d, S.GETUIGE_AANGEVER, VANDAAG + timedelta(days=1))


def test_voided_step_no_longer_counts() -> None:
    d = dossier()
    stap(d, S.AANGIFTE, date(2026, 1, 20), U.AANGIFTE)
    aangifte = d.verblijf[-1]
    stap(d, S.VERVALT, VANDAAG, corrigeert=aangifte.uuid)
    with pytest.raises(DomainError):
        stap(d, S.IND_BESLUIT, date(2026, 2, 1), U.VERLEEND, geldig_tot=date(2027, 2, 1))


def test_bundle_import_obeys_the_rules() -> None:
    d = dossier()
    data = d.to_dict()
    data["verblijf"] = {"events": [VerblijfEvent(S.VOORTGEZET_VERBLIJF, date(2026, 2, 1), "zc",
                                                 NU, U.VERLEEND).to_dict()]}
    with pytest.raises(DomainError):
        Dossier.from_dict(data)


def test_older_documents_map_onto_the_track() -> None:
    t = Traject.begin(date(2025, 1, 2), "signaal", "zc", VANDAAG)
    t.overgang(Fase.INTAKE, date(2025, 1, 3), "intake", "zc", VANDAAG)
    t.overgang(Fase.BEDENKTIJD, date(2025, 1, 4), "bedenktijd", "zc", VANDAAG)
    t.overgang(Fase.GEPLAATST, date(2025, 1, 5), "geplaatst", "zc", VANDAAG)
    # an older vault allowed a permanent permit without anything before it
    t.besluit(BesluitSoort.AANGIFTE, BesluitUitkomst.JA, date(2025, 2, 1), "zc", VANDAAG)
    t.besluit(BesluitSoort.VERBLIJFSVERGUNNING, BesluitUitkomst.VERLEEND_PERMANENT,
              date(2025, 3, 1), "zc", VANDAAG)
    data = Dossier("HM-2025-0001", traject=t).to_dict()
    data["formaat"] = 2
    del data["verblijf"]
    d = Dossier.from_dict(data)
    soorten = [(e.soort, e.uitkomst) for e in verblijf.stappen(d)]
    assert soorten == [(S.BEDENKTIJD_AANGEBODEN, U.ONBEKEND), (S.BEDENKTIJD_BESLUIT, U.AANVAARD),
                       (S.AANGIFTE, U.AANGIFTE), (S.VOORTGEZET_VERBLIJF, U.VERLEEND)]
    assert verblijf.bedenktijd_perioden(d) == [(date(2025, 1, 4), date(2025, 2, 1))]
    status = verblijf.status_json(d, VANDAAG)
    assert status["vergunning"]["soort"] == "voortgezet_verblijf"
    assert status["aangifte"]["datum"] == "2025-02-01"


def test_choosing_not_to_report_ends_bedenktijd_and_its_deadline() -> None:
    from zorgapp.domain.deadlines import DeadlineSoort, deadlines_voor

    d = dossier()
    stap(d, S.BEDENKTIJD_AANGEBODEN, date(2026, 1, 10), U.POLITIE)
    stap(d, S.BEDENKTIJD_BESLUIT, date(2026, 1, 10), U.AANVAARD)
    assert DeadlineSoort.BEDENKTIJD_EINDE in [x.soort for x in deadlines_voor(d, VANDAAG)]
    stap(d, S.AANGIFTE, date(2026, 2, 15), U.GEEN_AANGIFTE)
    assert verblijf.bedenktijd_perioden(d) == [(date(2026, 1, 10), date(2026, 2, 15))]
    assert DeadlineSoort.BEDENKTIJD_EINDE not in [x.soort for x in deadlines_voor(d, VANDAAG)]
