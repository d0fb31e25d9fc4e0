"""Setting up the region: mergers, CBS files and keys that do not fit are explained."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from zorgapp.errors import ValidationError
from zorgapp.services.region_service import RegionService
from zorgapp.store.vault import Vault

ZONDER_PERIODE = (
    '"Regio\'s";"Bevolking op 1 januari (aantal)"\n'
    '"Leiden";"130.123"\n'
    '"GM0513";"76 001"\n'
)
ALLEEN_BUITEN_DE_REGIO = (
    '"Regio\'s";"Perioden";"Bevolking op 1 januari (aantal)"\n'
    '"Amsterdam";"2025";"931298"\n'
)


@pytest.fixture
def regio(vault: Vault) -> RegionService:
    service = RegionService(vault)
    service.stel_demo_in()
    return service


def test_a_merger_passes_fixed_percentages_on_to_the_new_municipality(
        regio: RegionService) -> None:
    regio.zet_sleutel("vast", vaste_percentages={
        "GM0546": Decimal("50"), "GM0547": Decimal("30"), "GM0638": Decimal("20")})
    leiderdorp = regio.vereist_regio().gemeenten["GM0547"].inwoners
    zoeterwoude = regio.vereist_regio().gemeenten["GM0638"].inwoners
    r = regio.fusie(["GM0547", "GM0638"], "GM1999", "Rijnweide (fictief)")
    assert regio.vaste_percentages(0) == {"GM0546": Decimal("50"), "GM1999": Decimal("50")}
    nieuw = r.gemeenten["GM1999"]
    assert nieuw.naam == "Rijnweide (fictief)"
    assert nieuw.inwoners == leiderdorp + zoeterwoude  # until a new figure is imported
    assert r.opvolger("GM0638") == "GM1999"
    assert not r.gemeenten["GM0547"].actief


def test_a_merger_with_a_given_figure_keeps_that_figure(regio: RegionService) -> None:
    r = regio.fusie(["GM0547"], "GM1999", "Rijnweide (fictief)", inwoners=41000,
                    peildatum=date(2026, 1, 1))
    assert r.gemeenten["GM1999"].inwoners == 41000
    assert r.gemeenten["GM1999"].peildatum == date(2026, 1, 1)


@pytest.mark.parametrize(("oud", "nieuw", "naam", "woord"), [
    ([], "GM1999", "Nieuw", "samengegaan"),
    (["GM0547"], "GM0547", "", "zichzelf"),
    (["GM0363"], "GM1999", "Nieuw", "GM0363"),       # Amsterdam is not in the region
    (["GM0547"], "GM1999", "", "naam"),              # unknown new code needs a name
    (["XX12"], "GM1999", "Nieuw", ""),
])
def test_a_merger_that_cannot_be_is_refused_and_changes_nothing(
        regio: RegionService, oud: list[str], nieuw: str, naam: str, woord: str) -> None:
    voor = regio.vereist_regio()
    with pytest.raises(ValidationError) as info:
        regio.fusie(oud, nieuw, naam)
    assert woord in info.value.user_message()
    assert regio.vereist_regio() == voor


def test_cbs_file_without_a_period_needs_a_date(regio: RegionService) -> None:
    with pytest.raises(ValidationError) as info:
        regio.importeer_cbs(ZONDER_PERIODE)
    assert "peildatum" in info.value.user_message()
    result = regio.importeer_cbs(ZONDER_PERIODE, peildatum=date(2024, 1, 1))
    assert result.bijgewerkt == ["GM0513", "GM0546"] and result.peildatum == date(2024, 1, 1)
    assert regio.vereist_regio().gemeenten["GM0546"].peildatum == date(2024, 1, 1)


def test_cbs_file_with_nothing_for_this_region_changes_nothing(regio: RegionService) -> None:
    voor = regio.vereist_regio()
    with pytest.raises(ValidationError) as info:
        regio.importeer_cbs(ALLEEN_BUITEN_DE_REGIO)
    assert "geen inwonertallen" in info.value.user_message()
    assert regio.vereist_regio() == voor


def test_cbs_file_before_a_region_is_chosen_says_what_to_do_first(vault: Vault) -> None:
    with pytest.raises(ValidationError) as info:
        RegionService(vault).importeer_cbs(ALLEEN_BUITEN_DE_REGIO)
    assert "Kies eerst" in info.value.user_message()


def test_a_file_that_is_no_cbs_table_is_refused(regio: RegionService) -> None:
    with pytest.raises(ValidationError):
        regio.importeer_cbs("dit is geen tabel\n")


def test_keys_that_do_not_fit_the_region_are_refused(regio: RegionService) -> None:
    with pytest.raises(ValidationError) as info:
        regio.zet_sleutel("loterij")
    assert "loterij" in info.value.user_message()
    with pytest.raises(ValidationError) as info:
        regio.zet_sleutel("vast", vaste_percentages={"GM0546": Decimal(50),
                                                     "GM0363": Decimal(50)})
    assert "GM0363" in info.value.user_message()
    assert regio.sleutel(0).soort == "inwoners"


@pytest.mark.parametrize(("naam", "codes"), [
    ("  ", ["GM0546"]), ("Klein", []), ("Klein", ["Leiden?"]), ("Klein", ["GM9999"])])
def test_choosing_municipalities_needs_a_name_and_known_codes(vault: Vault, naam: str,
                                                              codes: list[str]) -> None:
    service = RegionService(vault)
    with pytest.raises(ValidationError):
        service.kies_gemeenten(naam, codes)
    assert service.regio() is None or not service.regio().actieve_gemeenten()


def test_unknown_safety_region_is_named_in_the_message(vault: Vault) -> None:
    with pytest.raises(ValidationError) as info:
        RegionService(vault).kies_veiligheidsregio("Nergens", "VR99")
    assert "VR99" in info.value.user_message()


def test_a_figure_for_a_municipality_outside_the_region_is_refused(
        regio: RegionService) -> None:
    with pytest.raises(ValidationError) as info:
        regio.zet_inwoners("GM0363", 931298, date(2025, 1, 1))
    assert "GM0363" in info.value.user_message()
    with pytest.raises(ValidationError):
        regio.zet_inwoners("Leiden?", 10, date(2025, 1, 1))
