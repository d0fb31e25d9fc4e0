"""Handover history in the dossier view; the printable contact card."""

from __future__ import annotations

import io
from datetime import date, timedelta

from pypdf import PdfReader

from tests.gui.conftest import settle
from zorgapp.domain.codes import MelderType
from zorgapp.domain.dossier import Melding
from zorgapp.domain.persoon import Persoon
from zorgapp.services.dossier_service import DossierService
from zorgapp.store.identity import IdentityRepository, OverdrachtRij
from zorgapp.ui.dialogs.contact_card_dialog import ContactCardDialog
from zorgapp.ui.dossier.view import DossierView


def test_dossier_view_shows_handover_history(qtbot, ctx, vault) -> None:
    service = DossierService(vault)
    d = service.nieuwe_melding(Persoon(naam="Elena Popescu"),
                               Melding(datum=date.today() - timedelta(days=3),
                                       melder_type=MelderType.POLITIE))
    with vault.transaction() as db:
        IdentityRepository(db).record_handover([OverdrachtRij(
            d.uuid, "export", "Coördinator Haaglanden", "3F2A", "b1", "", "",
            "2026-11-20T10:00:00Z", "tester")])
    view = DossierView(ctx)
    qtbot.addWidget(view)
    view.set_service(service)
    view.show_dossier(service.laad(d.uuid))
    settle(qtbot)
    # issue 13: the date as the user reads it, not ISO
    assert "Overgedragen aan Coördinator Haaglanden op 20 nov 2026" in view.traject_tab.overdracht_label.text()
    view.clear()
    assert view.traject_tab.overdracht_label.text() == ""


def test_contact_card_prints_with_fingerprint(qtbot, vault) -> None:
    dialog = ContactCardDialog(vault)
    qtbot.addWidget(dialog)
    settle(qtbot)
    card = dialog.card
    made: list[bytes] = []
    dialog.card_pdf(made.append)
    qtbot.waitUntil(lambda: bool(made), timeout=10_000)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(made[0])).pages)
    assert "Contactkaart" in text
    assert card.fingerprint.split()[0] in text
    assert card.age_recipient[:20] in text.replace("\n", "")
