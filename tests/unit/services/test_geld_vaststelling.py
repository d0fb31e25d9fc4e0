"""Issue 12.4 (a), (b), (d), (f): inhabitants per year, frozen statements with corrections
and a year settlement, handed-over history, bedenktijd nights flagged."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.unit.exchange.conftest import make_pair
from zorgapp.domain.codes import Fase
from zorgapp.domain.opvang import OpvangType
from zorgapp.errors import ValidationError
from zorgapp.services.allocation_service import AllocationService, verdeling_json
from zorgapp.services.allocation_statement import stel_vast
from zorgapp.services.opvang_service import OpvangService
from zorgapp.services.region_service import RegionService
from zorgapp.store.vault import Vault

from .opvang_fixtures import VANDAAG, dossier


@pytest.fixture
def regio(vault: Vault) -> RegionService:
    service = RegionService(vault)
    service.stel_demo_in()
    return service


def _opvang(vault: Vault) -> OpvangService:
    return OpvangService(vault, actor="test", vandaag=lambda: VANDAAG)


def _alloc(vault: Vault) -> AllocationService:
    return AllocationService(vault, vandaag=lambda: VANDAAG)


def _shares(v: Any) -> dict[str, Decimal]:
    return {a.cbs_code: a.bedrag for a in v.aandelen}


def test_a_2026_figure_never_restates_2024(vault: Vault, regio: RegionService) -> None:
    """(b) inhabitants were one figure: entering 2026 for Leiden restated 2024 for all 18."""
    opvang = _opvang(vault)
    opvang.plaats_direct(dossier(vault, naam="A"), OpvangType.VO, date(2024, 1, 1),
                         dagtarief="100.01")
    voor_2024 = _shares(_alloc(vault).bereken(2024).verdeling)
    voor_2026 = _shares(_alloc(vault).bereken(2026, 1).verdeling)
    regio.zet_inwoners("GM0546", 300000, date(2026, 1, 1))
    assert _shares(_alloc(vault).bereken(2024).verdeling) == voor_2024
    assert _shares(_alloc(vault).bereken(2024, toelichting=False).verdeling) == voor_2024
    na_2026 = _shares(_alloc(vault).bereken(2026, 1).verdeling)
    assert na_2026["GM0546"] > voor_2026["GM0546"]
    assert regio.inwoners_per_jaar()["GM0546"] == {2025: 125000, 2026: 300000} or \
        regio.inwoners_per_jaar()["GM0546"][2026] == 300000
    assert regio.regio_in_jaar(2025).gemeenten["GM0546"].inwoners != 300000


def _odd_costs(vault: Vault) -> list[str]:
    opvang = _opvang(vault)
    uuids = []
    for i, (start, tarief, binding) in enumerate([
            (date(2025, 1, 3), "100.01", "GM0546"), (date(2025, 2, 17), "87.33", ""),
            (date(2025, 5, 9), "123.47", "GM0513"), (date(2025, 8, 30), "55.55", "")]):
        uuid = dossier(vault, gemeente=binding, naam=f"Client {i}")
        opvang.plaats_direct(uuid, OpvangType.VO, start, dagtarief=tarief)
        uuids.append(uuid)
    return uuids


def test_year_statement_settles_the_quarters_to_the_cent(vault: Vault, regio: RegionService) -> None:
    """(f) the quarters added up differed from the year by up to 2 cents, no settlement."""
    _odd_costs(vault)
    service = _alloc(vault)
    jaar = service.bereken(2025, toelichting=False)
    kwartalen = [service.bereken(2025, q, toelichting=False) for q in (1, 2, 3, 4)]
    assert jaar.verrekening is not None
    for a in jaar.verdeling.aandelen:
        som = sum(int(_shares(k.verdeling)[a.cbs_code] * 100) for k in kwartalen)
        assert som + jaar.verrekening[a.cbs_code] == int(a.bedrag * 100)
    assert any(jaar.verrekening.values())  # these costs do round differently per quarter
    data = verdeling_json(jaar)
    assert {"vastgesteld", "correcties", "verrekening"} <= set(data)
    # the explained path shows the same settlement
    assert service.bereken(2025).verrekening == jaar.verrekening


def test_issued_statement_is_frozen_and_changes_come_as_corrections(
        vault: Vault, regio: RegionService) -> None:
    opvang = _opvang(vault)
    uuid = dossier(vault, gemeente="GM0546", naam="Laat")
    p = opvang.plaats_direct(uuid, OpvangType.VO, date(2026, 1, 15), dagtarief="100.01").plaatsing
    service = AllocationService(vault, vandaag=lambda: date(2026, 7, 2))
    q1 = stel_vast(service, 2026, 1, actor="test")
    assert q1.vastgesteld
    uitgegeven = _shares(q1.verdeling)
    with pytest.raises(ValidationError):
        stel_vast(service, 2026, 1)  # once
    with pytest.raises(ValidationError):
        stel_vast(service, 2026, 3)  # not over yet (today is 2 July)
    opvang.beeindig(p.uuid, date(2026, 3, 1), "Zelfstandig")  # a late end date
    for toelichting in (True, False):
        again = service.bereken(2026, 1, toelichting=toelichting)
        assert again.vastgesteld == q1.vastgesteld
        assert _shares(again.verdeling) == uitgegeven
    q2 = service.bereken(2026, 2, toelichting=False)
    assert q2.vastgesteld is None
    nu = _shares(service.bereken_periode(date(2026, 1, 1), date(2026, 4, 1), "inwoners",
                                         toelichting=False).verdeling)
    per_gemeente = {c.cbs_code: c.centen for c in q2.correcties}
    assert all(c.van == date(2026, 1, 1) and c.tot == date(2026, 4, 1) for c in q2.correcties)
    for code, bedrag in uitgegeven.items():
        assert int(bedrag * 100) + per_gemeente.get(code, 0) == int(nu[code] * 100)
    assert sum(per_gemeente.values()) == -31 * 10001  # 31 nights fewer in March
    with pytest.raises(ValidationError):
        stel_vast(service, 2026, maand=2)  # inside issued Q1
    stel_vast(service, 2025, maand=5)
    with pytest.raises(ValidationError) as info:
        stel_vast(service, 2025, 2)  # overlaps issued May: May would be charged twice
    assert "overlapt" in info.value.user_message()
    # issuing Q2 books the corrections; Q3 no longer shows them
    booked = stel_vast(service, 2026, 2)
    assert {(c.cbs_code, c.centen) for c in booked.correcties} == set(per_gemeente.items())
    assert service.bereken(2026, 3, toelichting=False).correcties == []
    data = verdeling_json(booked)
    assert data["vastgesteld"] and len(data["correcties"]) == len(per_gemeente)
    assert data["correcties"][0]["periode_tot"] == "2026-03-31"


def test_bedenktijd_nights_in_municipal_placements_are_flagged(
        vault: Vault, regio: RegionService) -> None:
    """(d) municipal nights inside a bedenktijd had no flag."""
    uuid = dossier(vault, gemeente="GM0546", naam="Bedenk",
                   fasen=((Fase.INTAKE, date(2026, 1, 5)), (Fase.BEDENKTIJD, date(2026, 1, 10))))
    _opvang(vault).plaats_direct(uuid, OpvangType.VO, date(2026, 1, 10), dagtarief="100")
    v = _alloc(vault).bereken(2026, 1).verdeling
    regels = [r for a in v.aandelen for r in a.regels if r.dossier_uuid == uuid]
    assert regels and all(r.bedenktijd_nachten == 81 for r in regels)  # 10 Jan - 31 Mar


def test_handed_over_history_is_not_billed_again(tmp_path: Path) -> None:
    """(a) importing a handed-over case billed its past costs again in the receiving
    region; they are shown as paid by the sending region."""
    pair = make_pair(tmp_path, cases=40)
    try:
        RegionService(pair.b).stel_demo_in()
        RegionService(pair.a).stel_demo_in()
        sender = AllocationService(pair.a).bereken(2025, toelichting=False)
        assert sender.verdeling.totaal > 0
        voor = AllocationService(pair.b).bereken(2025, toelichting=False).verdeling.totaal
        bundle = pair.sa.exporteer(pair.uuids, pair.tmp / "o", [pair.sb.kaart().age_recipient])
        pair.sb.importeer(pair.sb.bekijk(bundle.pad))
        for toelichting in (False, True):
            na = AllocationService(pair.b).bereken(2025, toelichting=toelichting)
            assert na.verdeling.totaal == voor
            assert sum(na.elders_betaald.values()) == int(sender.verdeling.totaal * 100)
            assert list(na.elders_betaald) == ["Anna de Vries (Veilig Thuis IJsselland)"]
    finally:
        for v in (pair.a, pair.b):
            if v.is_open:
                v.lock()
