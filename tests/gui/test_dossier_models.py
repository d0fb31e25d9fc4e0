"""The dossier view's list models: Qt's model contract (qtmodeltester), the texts a
user reads, the domain object behind a row, and the signals tree in the view."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from tests.gui.conftest import settle
from zorgapp.domain.codes import Fase, Indicator, MelderType, ToestemmingDoel, Uitbuitingsvorm
from zorgapp.domain.dossier import IndicatorWaarneming, Melding, Toestemming
from zorgapp.domain.opvangbehoeften import Kind
from zorgapp.domain.persoon import Persoon
from zorgapp.ui.models.dossier_tab_models import (
    GebeurtenisTableModel,
    JournaalTableModel,
    KindTableModel,
    PartnerTableModel,
    TaakRij,
    TaakTableModel,
    ToestemmingRij,
    ToestemmingTableModel,
)
from zorgapp.ui.models.rij_table_model import ROW_ROLE, SORT_ROLE
from zorgapp.ui.models.signalen_model import SignaalTreeModel

VANDAAG = date.today()


@pytest.fixture
def dossier(dossier_service: Any) -> Any:
    """A case with two reports (the first with two indicators), journal, tasks, a partner
    and a consent."""
    s = dossier_service
    eerste = Melding(datum=VANDAAG - timedelta(days=40), melder_type=MelderType.POLITIE,
                     melder_organisatie="AVIM", vormen=[Uitbuitingsvorm.SEKSUEEL],
                     vindplaats="Gouda", indicatoren=[
                         IndicatorWaarneming(Indicator.MISLEIDING, "agent", VANDAAG - timedelta(days=41),
                                             "gezien"),
                         IndicatorWaarneming(Indicator.FYSIEK_SEKSUEEL_GEWELD, "buur",
                                             VANDAAG - timedelta(days=42))])
    d = s.nieuwe_melding(Persoon(naam="Elena Popescu"), eerste)
    s.overgang(d.uuid, Fase.INTAKE, VANDAAG - timedelta(days=30), "intake")
    s.journaal_toevoegen(d.uuid, VANDAAG - timedelta(days=3), "Telefonisch contact", "telefoon")
    s.journaal_toevoegen(d.uuid, VANDAAG - timedelta(days=1), "Overleg", "overleg")
    s.taak_toevoegen(d.uuid, "Huisvesting regelen", VANDAAG + timedelta(days=3))
    s.taak_toevoegen(d.uuid, "Tolk regelen", VANDAAG - timedelta(days=3))
    s.partner_toevoegen(d.uuid, "Politie Hollands Midden", "politie", "010-1234567")
    partner = s.laad(d.uuid).partners[0].uuid
    s.toestemming_toevoegen(d.uuid, Toestemming(doel=ToestemmingDoel.DELEN_PARTNER, datum=VANDAAG,
                                                partner=partner))
    geladen = s.laad(d.uuid)
    # a second report without indicators (no use case adds one yet: in memory only)
    geladen.meldingen.append(Melding(datum=VANDAAG - timedelta(days=20),
                                     melder_type=MelderType.WIJKTEAM))
    return geladen


def test_table_models_keep_the_qt_contract(qtmodeltester: Any, dossier: Any) -> None:
    namen = {p.uuid: p.naam for p in dossier.partners}
    models: list[tuple[Any, list[Any]]] = [
        (GebeurtenisTableModel(), dossier.traject.events),
        (JournaalTableModel(), dossier.journaal),
        (TaakTableModel(), [TaakRij(t, VANDAAG) for t in dossier.taken]),
        (PartnerTableModel(), dossier.partners),
        (KindTableModel(), [Kind(naam="Zoltán Szőke", gaat_mee=True), Kind(naam="Anna")]),
        (ToestemmingTableModel(), [ToestemmingRij(t, namen.get(t.partner, ""), VANDAAG)
                                   for t in dossier.toestemmingen]),
    ]
    for model, rows in models:
        assert rows
        model.set_rows(rows)
        qtmodeltester.check(model)
        assert model.rowCount() == len(rows)
        assert model.data(model.index(0, 0), ROW_ROLE) is rows[0]
        model.clear()
        assert model.rowCount() == 0


def test_task_and_consent_texts_depend_on_the_day(dossier: Any) -> None:
    taken = TaakTableModel()
    taken.set_rows([TaakRij(t, VANDAAG) for t in dossier.taken])
    status = {taken.index(r, 0).data(): taken.index(r, 2).data() for r in range(taken.rowCount())}
    assert status == {"Huisvesting regelen": "open", "Tolk regelen": "verlopen"}
    assert taken.index(0, 1).data(SORT_ROLE) == dossier.taken[0].deadline.isoformat()

    toestemming = dossier.toestemmingen[0]
    model = ToestemmingTableModel()
    model.set_rows([ToestemmingRij(toestemming, "Politie Hollands Midden", VANDAAG)])
    assert [model.index(0, c).data() for c in (1, 4)] == ["Politie Hollands Midden", "geldig"]
    model.set_rows([ToestemmingRij(toestemming, "", VANDAAG - timedelta(days=1))])
    assert model.index(0, 4).data() == "niet geldig"


def test_signals_tree_keeps_the_qt_contract(qtmodeltester: Any, dossier: Any) -> None:
    model = SignaalTreeModel()
    model.set_meldingen(dossier.meldingen)
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    eerste = model.index(0, 0)
    assert eerste.data() == "Melding van Politie / AVIM (AVIM)"
    assert model.index(0, 3).data() == "Seksuele uitbuiting; vindplaats: Gouda"
    assert model.rowCount(eerste) == 2 and model.rowCount(model.index(1, 0)) == 0
    kind = model.index(1, 1, eerste)
    assert kind.data() == "buur" and kind.parent() == eerste
    assert model.data(kind, ROW_ROLE) is dossier.meldingen[0].indicatoren[1]
    assert model.index(0, 2, eerste).data(SORT_ROLE) == (VANDAAG - timedelta(days=41)).isoformat()
    model.clear()
    assert model.rowCount() == 0


def test_signals_tab_shows_reports_with_their_indicators_expanded(qtbot: Any, dossier_view: Any,
                                                                  dossier: Any) -> None:
    dossier_view.show_dossier(dossier)
    settle(qtbot)
    tab = dossier_view.signalen_tab
    assert tab.model.rowCount() == 2
    assert tab.view.isExpanded(tab.model.index(0, 0))
    assert tab.view.accessibleName() == "Signalen en indicatoren"
    dossier_view.clear()
    assert tab.model.rowCount() == 0
