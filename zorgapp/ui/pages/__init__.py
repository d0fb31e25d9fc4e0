"""The main window's areas, in navigation order.

To add or replace an area, give it a ``Page`` subclass (see ``base.py``) and list it in
``page_classes()``; the main window builds the navigation from this list.
"""

from __future__ import annotations


def page_classes() -> list[type]:
    from zorgapp.ui.pages.beheer import BeheerPage
    from zorgapp.ui.pages.dossiers import DossiersPage
    from zorgapp.ui.pages.financien import FinancienPage
    from zorgapp.ui.pages.opvang import OpvangPage
    from zorgapp.ui.pages.overleg import OverlegPage
    from zorgapp.ui.pages.overzicht import OverzichtPage
    from zorgapp.ui.pages.partners import PartnersPage
    from zorgapp.ui.pages.rapportages import RapportagesPage

    return [OverzichtPage, DossiersPage, OverlegPage, OpvangPage, PartnersPage, FinancienPage,
            RapportagesPage,
            BeheerPage]
