"""The Partners page (address book, contact persons, caseload) and the Dossiers page's
filter by partner, driven as a user would."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.gui.conftest import settle
from zorgapp.domain.codes import MelderType, Uitbuitingsvorm
from zorgapp.domain.dossier import Melding
from zorgapp.domain.partners import CaseloadRij, Contactpersoon, Organisatie, PartnerRol
from zorgapp.domain.persoon import Persoon
from zorgapp.services.partner_service import PartnerService
from zorgapp.ui.models.partner_models import (
    CaseloadTableModel,
    ContactpersoonTableModel,
    OrganisatieTableModel,
)
from zorgapp.ui.pages.dossiers import DossiersPage
from zorgapp.ui.pages.partners import PartnersPage


def _cases(vault: Any) -> tuple[PartnerService, list[str]]:
    service = PartnerService(vault)
    uuids = [service.nieuwe_melding(Persoon(naam=n), Melding(
        datum=date.today(), melder_type=MelderType.POLITIE, vormen=[Uitbuitingsvorm.ARBEID])).uuid
        for n in ("Ana Pop", "Bogdan Ion", "Chidi Eze")]
    return service, uuids


@pytest.fixture
def page(qtbot: Any, ctx: Any, vault: Any) -> Any:
    p = PartnersPage(ctx)
    qtbot.addWidget(p)
    p.resize(1200, 700)
    p.set_vault(vault)
    settle(qtbot)
    yield p
    p.clear()


def test_models_keep_the_qt_contract(qtmodeltester: Any) -> None:
    org = Organisatie(naam="Kantoor", contactpersonen=[Contactpersoon(naam="Mr. Visser")])
    orgs = OrganisatieTableModel()
    orgs.set_rows([org])
    personen = ContactpersoonTableModel()
    personen.set_rows(org.contactpersonen)
    caseload = CaseloadTableModel()
    caseload.set_rows([CaseloadRij("u", "HM-2026-0001", "advocaat", "intake")])
    for model in (orgs, personen, caseload):
        qtmodeltester.check(model)


def test_add_partner_and_contact_person_then_see_its_caseload(qtbot: Any, page: Any,
                                                              vault: Any) -> None:
    page.naam.setText("Kantoor Visser")
    page.telefoon.setText("070-0000000")
    page.opslaan()
    settle(qtbot)
    assert page.melding.text() == "Partner opgeslagen."
    assert page.org_model.rowCount() == 1 and page.gekozen is not None
    page.p_naam.setText("Mr. C. Visser")
    page.p_functie.setText("advocaat")
    page.persoon_toevoegen()
    settle(qtbot)
    assert page.persoon_model.rowCount() == 1
    service, (a, b, _c) = _cases(vault)
    org = service.adresboek()[0]
    service.koppel(a, org.uuid, PartnerRol.ADVOCAAT, org.contactpersonen[0].uuid)
    service.koppel(b, org.uuid, PartnerRol.ADVOCAAT)
    service.koppel(b, org.uuid, PartnerRol.TOLK)
    page.activated()
    settle(qtbot)
    assert page.caseload_label.text() == "Open dossiers: 2 — Advocaat: 2, Tolk: 1"
    assert page.caseload_model.rowCount() == 3
    # Double click on a caseload row opens that dossier.
    with qtbot.waitSignal(page.open_dossier) as opened:
        page._open_dossier(page.caseload_model.index(0, 0))
    assert opened.args[0] in (a, b)
    # A partner on a case cannot leave the address book.
    page.verwijderen()
    settle(qtbot)
    assert "kan niet uit het adresboek" in page.melding.text()


def test_refusals_are_shown_on_the_page(qtbot: Any, page: Any) -> None:
    page.naam.setText("")
    page.opslaan()
    settle(qtbot)
    assert page.melding.text() == "Vul de naam van de organisatie in."
    assert page.org_model.rowCount() == 0


def test_dossier_list_filters_by_partner(qtbot: Any, ctx: Any, vault: Any) -> None:
    service, (a, b, _c) = _cases(vault)
    org = service.bewaar_organisatie(Organisatie(naam="Team Mensenhandel"))
    service.koppel(a, org.uuid, PartnerRol.POLITIE)
    service.koppel(b, org.uuid, PartnerRol.POLITIE)
    dossiers = DossiersPage(ctx)
    qtbot.addWidget(dossiers)
    dossiers.set_vault(vault)
    settle(qtbot)
    qtbot.waitUntil(lambda: not dossiers.is_searching() and dossiers.model.rowCount() == 3)
    combo = dossiers.partner_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["Alle partners",
                                                                 "Team Mensenhandel"]
    combo.setCurrentIndex(1)
    settle(qtbot)
    qtbot.waitUntil(lambda: not dossiers.is_searching() and dossiers.model.rowCount() == 2)
    assert dossiers.current_filter().partner == org.uuid
    combo.setCurrentIndex(0)
    settle(qtbot)
    qtbot.waitUntil(lambda: not dossiers.is_searching() and dossiers.model.rowCount() == 3)
    dossiers.clear()


