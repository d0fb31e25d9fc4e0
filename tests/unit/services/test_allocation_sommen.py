"""The grouped sums of ``allocation_sommen`` equal the placement-by-placement ones."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from zorgapp.domain.allocation import periode
from zorgapp.domain.allocation_bedragen import Kostensommen
from zorgapp.domain.opvang import OpvangType
from zorgapp.errors import ValidationError
from zorgapp.services import allocation_sommen
from zorgapp.services.opvang_service import OpvangService
from zorgapp.services.region_service import RegionService
from zorgapp.store import kostensommen
from zorgapp.store.vault import Vault

from .opvang_fixtures import VANDAAG, dossier

Uit = list[tuple[Kostensommen, dict[str, int]]]


def _een_voor_een(vault: Vault, perioden: list[tuple[date, date]], peil: date) -> Uit:
    with vault.read() as db:
        plaatsingen = kostensommen.plaatsingen(db, perioden[0][0], perioden[-1][1])
        posten = kostensommen.kostenposten(db, perioden[0][0], perioden[-1][1])
    uit: Uit = [(Kostensommen(), {}) for _p in perioden]
    allocation_sommen._per_plaatsing(plaatsingen, posten, perioden, peil, uit)
    return uit


def _gegroepeerd(vault: Vault, perioden: list[tuple[date, date]], peil: date) -> Uit:
    uit = allocation_sommen._gegroepeerd(vault, perioden, peil)
    assert uit is not None, "the grouped reading gave up"
    return uit


PERIODEN = [
    [periode(2026, k) for k in (1, 2, 3, 4)],
    [periode(2026, None, 3)],
    [periode(2025, None, m) for m in range(1, 13)],
    [(date(2025, 12, 31), date(2026, 1, 16)), (date(2026, 1, 16), date(2026, 3, 1))],
]


@pytest.fixture
def gevuld(vault: Vault) -> Vault:
    RegionService(vault).stel_demo_in()
    opvang = OpvangService(vault, actor="test", vandaag=lambda: VANDAAG)
    loc = opvang.nieuwe_locatie("Org (fictief)", "Noord", OpvangType.VO, dagtarief="100.01",
                                geldig_vanaf=date(2025, 1, 1)).uuid
    leiden = dossier(vault, gemeente="GM0546", naam="Leidenaar")
    p = opvang.plaats_direct(leiden, OpvangType.VO, date(2025, 11, 15), locatie_uuid=loc).plaatsing
    opvang.wijzig_tarief(p.uuid, "120.50", date(2026, 1, 20))  # a new rate mid-quarter
    opvang.wijzig_tarief(p.uuid, "130", date(2026, 2, 3))
    opvang.beeindig(p.uuid, date(2026, 4, 10), "Zelfstandig")
    niemand = dossier(vault, gemeente="", naam="Zonder binding")
    opvang.plaats_direct(niemand, OpvangType.VO, date(2026, 3, 31), dagtarief="80")  # running
    opvang.plaats_direct(dossier(vault, naam="Cosm"), OpvangType.COSM, date(2026, 2, 1),
                         dagtarief="50")
    opvang.plaats_direct(dossier(vault, gemeente="GM0546"), OpvangType.CRISIS,
                         date(2026, 1, 5), dagtarief="10", gemeente_code="GM0513")
    opvang.plaats_direct(dossier(vault, gemeente="GM0513"), OpvangType.JEUGD, date(2026, 1, 1),
                         dagtarief="0")  # nothing to pay: no binding for it
    opvang.plaats_direct(dossier(vault, gemeente="GM0546"), OpvangType.AMBULANT,
                         date(2025, 6, 1))  # outpatient without rate
    opvang.voeg_kostenpost_toe(niemand, "tolk", date(2026, 3, 2), "100.01")
    opvang.voeg_kostenpost_toe(leiden, "tolk", date(2026, 1, 16), "0")
    opvang.voeg_kostenpost_toe(leiden, "reiskosten", date(2025, 12, 31), "12.34", landelijk=True)
    return vault


@pytest.mark.parametrize("perioden", PERIODEN)
@pytest.mark.parametrize("peil", [VANDAAG, date(2026, 2, 10), date(2027, 1, 1)])
def test_grouped_equals_one_by_one(gevuld: Vault, perioden: list[tuple[date, date]],
                                   peil: date) -> None:
    assert _gegroepeerd(gevuld, perioden, peil) == _een_voor_een(gevuld, perioden, peil)


def test_a_night_without_rate_is_refused_with_its_dossier(gevuld: Vault) -> None:
    with gevuld.transaction() as db:  # a rate that starts after the placement
        db.execute("UPDATE plaatsing_tarief SET geldig_vanaf = '2026-05-01' "
                   "WHERE dagtarief = '80.00'")
    perioden = [periode(2026, k) for k in (1, 2)]
    assert allocation_sommen._gegroepeerd(gevuld, perioden, VANDAAG) is None
    with pytest.raises(ValidationError) as grouped:
        allocation_sommen.lees(gevuld, perioden, VANDAAG)
    with pytest.raises(ValidationError) as een:
        _een_voor_een(gevuld, perioden, VANDAAG)
    assert grouped.value.user_message() == een.value.user_message()
    assert "dagtarief" in grouped.value.user_message()


def test_odd_spellings_go_one_by_one(gevuld: Vault) -> None:
    perioden = [periode(2026, k) for k in (1, 2)]
    with gevuld.transaction() as db:
        db.execute("UPDATE kostenpost SET bedrag = '-100.01' WHERE bedrag = '100.01'")
    assert allocation_sommen._gegroepeerd(gevuld, perioden, VANDAAG) == _een_voor_een(
        gevuld, perioden, VANDAAG)
    with gevuld.transaction() as db:
        db.execute("UPDATE kostenpost SET bedrag = '7.5' WHERE bedrag = '-100.01'")
    assert allocation_sommen._gegroepeerd(gevuld, perioden, VANDAAG) is None
    assert allocation_sommen.lees(gevuld, perioden, VANDAAG) == _een_voor_een(
        gevuld, perioden, VANDAAG)


def test_cases_received_from_another_region(gevuld: Vault) -> None:
    with gevuld.transaction() as db:
        uuid = db.execute("SELECT uuid FROM dossier WHERE gemeente = 'GM0546' "
                          "ORDER BY id LIMIT 1").fetchone()[0]
        db.execute("INSERT INTO overdracht (dossier_uuid, richting, tegenpartij, ts) "
                   "VALUES (?, 'import', 'Regio Noord (fictief)', '2026-02-01T10:00:00')",
                   (uuid,))
    perioden = [periode(2026, k) for k in (1, 2, 3, 4)]
    uit = _gegroepeerd(gevuld, perioden, VANDAAG)
    assert uit == _een_voor_een(gevuld, perioden, VANDAAG)
    assert uit[0][1] == {"Regio Noord (fictief)": uit[0][1]["Regio Noord (fictief)"]}
    assert uit[0][1]["Regio Noord (fictief)"] > 0


@pytest.mark.demo_vault(dossiers=400)
def test_grouped_equals_one_by_one_on_a_demo_vault(demo_vault: Path) -> None:
    vault = Vault.unlock(demo_vault, PASSPHRASE)
    try:
        for jaar in (2024, 2025, 2026):
            perioden = [periode(jaar, k) for k in (1, 2, 3, 4)]
            peil = date(2026, 11, 1)
            assert _gegroepeerd(vault, perioden, peil) == _een_voor_een(vault, perioden, peil)
    finally:
        vault.lock()
