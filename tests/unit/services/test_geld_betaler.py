"""Issue 12.4 (c), (e): who pays follows the placement type, and the letter says the same."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.unit.reports.pdftext import squash, text
from zorgapp.domain.betaler import BetalerSoort, betaler
from zorgapp.domain.opvang import Financier, OpvangType
from zorgapp.services.allocation_service import AllocationService
from zorgapp.services.opvang_service import OpvangService
from zorgapp.services.region_service import RegionService
from zorgapp.services.report_service import ReportService
from zorgapp.store.vault import Vault

from .opvang_fixtures import VANDAAG, dossier


@pytest.fixture
def regio(vault: Vault) -> RegionService:
    service = RegionService(vault)
    service.stel_demo_in()
    return service


def _opvang(vault: Vault) -> OpvangService:
    return OpvangService(vault, actor="test", vandaag=lambda: VANDAAG)


@pytest.mark.parametrize(("soort", "verwacht"), [
    (OpvangType.COSM, BetalerSoort.LANDELIJK), (OpvangType.OMM, BetalerSoort.LANDELIJK),
    (OpvangType.BO_AMV, BetalerSoort.LANDELIJK), (OpvangType.JEUGD, BetalerSoort.JEUGDWET),
    (OpvangType.VO, BetalerSoort.REGIO), (OpvangType.MO, BetalerSoort.REGIO),
    (OpvangType.CRISIS, BetalerSoort.REGIO), (OpvangType.AMBULANT, BetalerSoort.REGIO)])
def test_payer_follows_the_type(soort: OpvangType, verwacht: BetalerSoort) -> None:
    assert betaler(soort, None, None, "GM0546").soort is verwacht
    assert betaler(OpvangType.JEUGD, None, "GM0513", "GM0546").gemeente_code == "GM0513"
    assert betaler(OpvangType.VO, Financier.BEDENKTIJD_TOELAGE, None, None).landelijk


def test_youth_costs_go_to_the_jeugdwet_municipality_not_by_inhabitants(
        vault: Vault, regio: RegionService) -> None:
    """(e) JEUGD was spread by inhabitants; now Gouda (its Jeugdwet municipality) pays it."""
    opvang = _opvang(vault)
    kind = dossier(vault, gemeente="GM0513", naam="Kind")
    opvang.plaats_direct(kind, OpvangType.JEUGD, date(2026, 1, 1), dagtarief="200")
    for toelichting in (True, False):
        v = AllocationService(vault, vandaag=lambda: VANDAAG).bereken(
            2026, 1, toelichting=toelichting).verdeling
        gouda = v.aandeel("GM0513")
        assert gouda is not None and gouda.bedrag == Decimal("18000.00") == v.totaal
        assert all(a.bedrag == 0 for a in v.aandelen if a.cbs_code != "GM0513")


def test_bo_amv_is_national(vault: Vault, regio: RegionService) -> None:
    opvang = _opvang(vault)
    opvang.plaats_direct(dossier(vault, naam="Amv"), OpvangType.BO_AMV, date(2026, 1, 1),
                         dagtarief="150")
    v = AllocationService(vault, vandaag=lambda: VANDAAG).bereken(2026, 1).verdeling
    assert v.totaal == 0 and v.totaal_niet_verdeeld == Decimal("13500.00")


def test_letter_names_the_payer_the_allocation_uses(vault: Vault, regio: RegionService) -> None:
    """(c) the letter said "Gemeente Leiden" for a Wmo placement spread by inhabitants."""
    opvang = _opvang(vault)
    leiden = dossier(vault, gemeente="GM0546", naam="Leidenaar")
    vo = opvang.plaats_direct(leiden, OpvangType.VO, date(2026, 1, 1), dagtarief="100",
                              gemeente_code="GM0546").plaatsing
    kind = opvang.plaats_direct(dossier(vault, gemeente="GM0513", naam="Kind"),
                                OpvangType.JEUGD, date(2026, 1, 1), dagtarief="100").plaatsing
    cosm = opvang.plaats_direct(dossier(vault, naam="Cosm"), OpvangType.COSM,
                                date(2026, 1, 1), dagtarief="100").plaatsing
    reports = ReportService(vault, vandaag=lambda: VANDAAG)

    def gedragen(uuid: str) -> str:
        body = squash(text(reports.plaatsingsbrief(uuid).pdf))
        return body.split(squash("Kosten worden gedragen door"), 1)[1][:90]

    assert squash("Gemeenten van regio Hollands Midden, naar ratio (naar inwoners)") in gedragen(vo.uuid)
    assert "Gemeente Leiden" not in gedragen(vo.uuid)
    assert squash("Gemeente Gouda (Jeugdwet)") in gedragen(kind.uuid)
    assert squash("Landelijk (COSM)") in gedragen(cosm.uuid)
    v = AllocationService(vault, vandaag=lambda: VANDAAG).bereken(2026, 1).verdeling
    leiden_deel = v.aandeel("GM0546")
    assert leiden_deel is not None and leiden_deel.bedrag < Decimal("9000.00")  # naar ratio
