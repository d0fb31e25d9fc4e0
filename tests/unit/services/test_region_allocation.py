"""Region setup, CBS import, mergers, and the allocation from stored data."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from zorgapp.domain.opvang import OpvangType
from zorgapp.errors import ValidationError
from zorgapp.services.allocation_service import (
    AllocationService,
    csv_bytes,
    verdeling_json,
)
from zorgapp.services.opvang_service import OpvangService
from zorgapp.services.region_service import RegionService
from zorgapp.store.vault import Vault

from .opvang_fixtures import VANDAAG, dossier

CBS_EXPORT = (
    '"Bevolking; kerncijfers"\n'
    '"Regio\'s";"Perioden";"Bevolking op 1 januari (aantal)"\n'
    '"Leiden";"2025";"130.123"\n'
    '"GM0513  ";"2025";"76 001"\n'
    '"Amsterdam";"2025";"931298"\n'
    '"Nergenshuizen";"2025";"12"\n'
    '"Bron: CBS"\n'
)


@pytest.fixture
def regio(vault: Vault) -> RegionService:
    service = RegionService(vault)
    service.stel_demo_in()
    return service


def test_demo_region_is_hollands_midden(regio: RegionService) -> None:
    r = regio.vereist_regio()
    assert r.naam == "Hollands Midden" and len(r.actieve_gemeenten()) == 18
    assert r.gemeenten["GM0484"].inwoners == 114000


def test_choose_municipalities_from_national_list(vault: Vault) -> None:
    service = RegionService(vault)
    with pytest.raises(ValidationError):
        service.vereist_regio()
    r = service.kies_veiligheidsregio("Hollands Midden", "VR16")
    assert len(r.actieve_gemeenten()) == 18
    assert all(g.inwoners is None for g in r.actieve_gemeenten())  # real figures: import them
    r = service.kies_gemeenten("Klein", ["GM0546", "0513"])
    assert sorted(g.cbs_code for g in r.actieve_gemeenten()) == ["GM0513", "GM0546"]
    with pytest.raises(ValidationError):
        service.kies_gemeenten("Fout", ["GM9999"])


def test_cbs_import_updates_region_figures_with_date(regio: RegionService) -> None:
    result = regio.importeer_cbs(CBS_EXPORT)
    assert result.bijgewerkt == ["GM0513", "GM0546"]
    assert result.peildatum == date(2025, 1, 1)
    assert result.buiten_regio == 1 and "Nergenshuizen" in result.niet_herkend
    r = regio.vereist_regio()
    assert r.gemeenten["GM0546"].inwoners == 130123 and r.gemeenten["GM0513"].inwoners == 76001
    assert regio.bronnen()["GM0546"] == "cbs"
    assert "GM0484" in result.ontbrekend


def test_typed_in_figure_is_stamped(regio: RegionService) -> None:
    g = regio.zet_inwoners("GM0638", 9300, date(2026, 1, 1))
    assert g.inwoners == 9300 and g.peildatum == date(2026, 1, 1)
    with pytest.raises(ValidationError):
        regio.zet_inwoners("GM0638", -1, date(2026, 1, 1))


def test_fixed_percentages_must_sum_to_100(regio: RegionService) -> None:
    with pytest.raises(ValidationError) as info:
        regio.zet_sleutel("vast", vaste_percentages={"GM0546": Decimal(60), "GM0513": Decimal(30)})
    assert "90" in info.value.user_message()


def _costs(vault: Vault) -> tuple[OpvangService, str, str]:
    opvang = OpvangService(vault, actor="test", vandaag=lambda: VANDAAG)
    loc = opvang.nieuwe_locatie("Org (fictief)", "Noord", OpvangType.VO, dagtarief="100.01",
                                geldig_vanaf=date(2025, 1, 1)).uuid
    leiden = dossier(vault, gemeente="GM0546", naam="Leidenaar")
    niemand = dossier(vault, gemeente="", naam="Zonder binding")
    # 15 Jan - 10 Apr: 76 nights in Q1, 9 in Q2
    p = opvang.plaats_direct(leiden, OpvangType.VO, date(2026, 1, 15), locatie_uuid=loc).plaatsing
    opvang.beeindig(p.uuid, date(2026, 4, 10), "Zelfstandig")
    opvang.plaats_direct(niemand, OpvangType.VO, date(2026, 3, 31), locatie_uuid=loc,
                         dagtarief="80")
    opvang.plaats_direct(dossier(vault, naam="Cosm"), OpvangType.COSM, date(2026, 2, 1),
                         dagtarief="50")
    opvang.voeg_kostenpost_toe(niemand, "tolk", date(2026, 3, 2), "100.01")
    return opvang, leiden, niemand


def test_allocation_from_stored_data_sums_exactly(vault: Vault, regio: RegionService) -> None:
    _costs(vault)
    service = AllocationService(vault, vandaag=lambda: VANDAAG)
    q1 = service.bereken(2026, 1)
    v = q1.verdeling
    # 76 nights x 100.01 + 1 night x 80 + tolk 100.01; COSM 59 nights x 50 apart
    assert v.totaal == Decimal("7600.76") + Decimal("80.00") + Decimal("100.01")
    assert v.totaal_niet_verdeeld == Decimal("2950.00")
    assert sum((a.bedrag for a in v.aandelen), Decimal(0)) == v.totaal
    assert all(a.bedrag >= 0 for a in v.aandelen)
    assert all(abs(a.bedrag - a.exact) < Decimal("0.01") for a in v.aandelen)
    data = verdeling_json(q1)
    assert (data["van"], data["tot"]) == ("2026-01-01", "2026-03-31")
    assert sum(Decimal(a["bedrag"]) for a in data["aandelen"]) == Decimal(data["totaal"])
    # binding: the Leiden case goes to Leiden whole, the rest by inhabitants
    b = service.bereken(2026, 1, sleutel="binding").verdeling
    leiden = b.aandeel("GM0546")
    assert leiden is not None and leiden.bedrag > Decimal("7600.76")
    assert sum((a.bedrag for a in b.aandelen), Decimal(0)) == b.totaal
    # Q2 counts the 9 nights and the running placement only up to today
    q2 = service.bereken(2026, 2).verdeling
    assert q2.totaal == Decimal("900.09") + Decimal("80.00") * 90


def test_running_placement_not_billed_for_the_future(vault: Vault, regio: RegionService) -> None:
    _costs(vault)
    q3 = AllocationService(vault, vandaag=lambda: VANDAAG).bereken(2026, 3).verdeling
    assert q3.totaal == Decimal("0.00")


def test_merger_successor_is_charged(vault: Vault, regio: RegionService) -> None:
    opvang = OpvangService(vault, actor="test", vandaag=lambda: VANDAAG)
    loc = opvang.nieuwe_locatie("Org", "Noord", OpvangType.VO, dagtarief="100",
                                geldig_vanaf=date(2025, 1, 1)).uuid
    uuid = dossier(vault, gemeente="GM0547", naam="Leiderdorper")
    p = opvang.plaats_direct(uuid, OpvangType.VO, date(2026, 1, 1), locatie_uuid=loc).plaatsing
    opvang.beeindig(p.uuid, date(2026, 1, 11), "Zelfstandig")
    r = regio.fusie(["GM0547", "GM0638"], "GM0546")  # fictional merger into Leiden
    assert not r.bevat("GM9999") and r.opvolger("GM0547") == "GM0546"
    assert r.gemeenten["GM0546"].inwoners == 127000 + 28000 + 9000
    v = AllocationService(vault, vandaag=lambda: VANDAAG).bereken(2026, 1, sleutel="binding").verdeling
    assert v.aandeel("GM0546").bedrag == Decimal("1000.00")
    assert v.aandeel("GM0547") is None
    assert sum((a.bedrag for a in v.aandelen), Decimal(0)) == Decimal("1000.00")


def test_placement_paid_by_its_own_municipality(vault: Vault, regio: RegionService) -> None:
    opvang = OpvangService(vault, actor="test", vandaag=lambda: VANDAAG)
    uuid = dossier(vault, gemeente="GM0546")
    opvang.plaats_direct(uuid, OpvangType.CRISIS, date(2026, 1, 1), dagtarief="10",
                         gemeente_code="GM0513")
    v = AllocationService(vault, vandaag=lambda: VANDAAG).bereken(2026, 1, sleutel="binding").verdeling
    assert v.aandeel("GM0513").bedrag == Decimal("900.00")


def test_fixed_key_and_unknown_key(vault: Vault, regio: RegionService) -> None:
    _costs(vault)
    regio.zet_sleutel("vast", vaste_percentages={"GM0546": Decimal("62.5"),
                                                 "GM0513": Decimal("37.5")})
    v = AllocationService(vault, vandaag=lambda: VANDAAG).bereken(2026, 1).verdeling
    assert v.sleutel.soort == "vast"
    nonzero = {a.cbs_code: a.bedrag for a in v.aandelen if a.bedrag}
    assert set(nonzero) == {"GM0513", "GM0546"} and sum(nonzero.values()) == v.totaal


def test_csv_is_dutch_excel_style(vault: Vault, regio: RegionService, tmp_path: Path) -> None:
    _costs(vault)
    service = AllocationService(vault, vandaag=lambda: VANDAAG)
    uitkomst = service.bereken(2026, 1)
    target = service.exporteer_csv(uitkomst, tmp_path / "verdeling.csv")
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    assert (target.stat().st_mode & 0o777) == 0o600
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["CBS-code", "Gemeente", "Inwoners", "Bedrag (EUR)"]
    body = [r for r in rows[1:] if r and r[0].startswith("GM")]
    assert len(body) == 18
    bedragen = [Decimal(r[3].replace(",", ".")) for r in body]
    assert all("," in r[3] and "." not in r[3] for r in body)
    assert sum(bedragen) == uitkomst.verdeling.totaal
    totaal = next(r for r in rows if len(r) > 1 and r[1] == "Totaal verdeeld")
    assert totaal[3] == f"{uitkomst.verdeling.totaal:.2f}".replace(".", ",")
    assert any(e.action == "export" for e in vault.audit.entries())
    assert csv_bytes(uitkomst) == raw


def _beide(service: AllocationService, **kwargs: object) -> tuple[object, object]:
    """(JSON and CSV with the lines, the same without them) or the refusals."""
    uit = []
    for toelichting in (True, False):
        try:
            u = service.bereken(**kwargs, toelichting=toelichting)  # type: ignore[arg-type]
            uit.append((verdeling_json(u), csv_bytes(u), u.verdeling.toegelicht))
        except ValidationError as exc:
            uit.append(("refused", exc.user_message()))  # type: ignore[arg-type]
    return uit[0], uit[1]


@pytest.mark.parametrize("sleutel", [None, "inwoners", "binding", "vast", "mix"])
def test_amounts_alone_equal_the_explained_allocation(vault: Vault, regio: RegionService,
                                                      sleutel: str | None) -> None:
    _costs(vault)
    opvang = OpvangService(vault, actor="test", vandaag=lambda: VANDAAG)
    opvang.plaats_direct(dossier(vault, gemeente="GM0546"), OpvangType.CRISIS,
                         date(2026, 1, 5), dagtarief="10", gemeente_code="GM0513")
    service = AllocationService(vault, vandaag=lambda: VANDAAG)
    for periode in ({"jaar": 2026}, {"jaar": 2026, "kwartaal": 1},
                    {"jaar": 2026, "maand": 4}, {"jaar": 2025}):
        met, zonder = _beide(service, **periode, sleutel=sleutel)
        if met[0] == "refused":  # type: ignore[index]
            assert zonder == met
            continue
        assert met[:2] == zonder[:2] and met[2] and not zonder[2]  # type: ignore[index]


@pytest.mark.demo_vault(dossiers=400)
def test_amounts_alone_on_a_demo_vault(demo_vault: Path) -> None:
    vault = Vault.unlock(demo_vault, PASSPHRASE)
    try:
        service = AllocationService(vault, vandaag=lambda: date(2026, 11, 1))
        for jaar in (2024, 2025, 2026):
            for sleutel in ("inwoners", "binding"):
                met, zonder = _beide(service, jaar=jaar, sleutel=sleutel)
                assert met[:2] == zonder[:2]  # type: ignore[index]
    finally:
        vault.lock()
