"""The main window's areas, in navigation order: a registry of page factories.

Each entry names its page, its title and where its ``Page`` subclass lives
(``"module:Class"``, see ``base.py``). The main window builds the navigation from the
entries alone and imports and builds a page the first time it is shown, so the lock
screen never waits for pages (issue 15). To add an area, add one ``PageEntry`` line
to ``PAGES``; its ``name`` and ``title_msgid`` must equal the class's (a test checks).
"""

from __future__ import annotations

import importlib
from typing import NamedTuple

from zorgapp.i18n import N_, _


class PageEntry(NamedTuple):
    """One area: built with ``load()(ctx)`` when first needed. (A named tuple: the
    lock screen's window reads these, and ``dataclasses`` would cost its start 9 ms.)"""

    name: str
    title_msgid: str
    target: str  # "package.module:ClassName"

    def load(self) -> type:
        """The page class (imports its module the first time)."""
        module, _sep, cls = self.target.partition(":")
        found: type = getattr(importlib.import_module(module), cls)
        return found

    def title(self) -> str:
        return _(self.title_msgid)


PAGES: list[PageEntry] = [
    PageEntry("overzicht", N_("Overzicht"), "zorgapp.ui.pages.overzicht:OverzichtPage"),
    PageEntry("dossiers", N_("Dossiers"), "zorgapp.ui.pages.dossiers:DossiersPage"),
    PageEntry("overleg", N_("Overleggen"), "zorgapp.ui.pages.overleg:OverlegPage"),
    PageEntry("opvang", N_("Opvang"), "zorgapp.ui.pages.opvang:OpvangPage"),
    PageEntry("partners", N_("Partners"), "zorgapp.ui.pages.partners:PartnersPage"),
    PageEntry("financien", N_("Financiën"), "zorgapp.ui.pages.financien:FinancienPage"),
    PageEntry("rapportages", N_("Rapportages"), "zorgapp.ui.pages.rapportages:RapportagesPage"),
    PageEntry("beheer", N_("Beheer"), "zorgapp.ui.pages.beheer:BeheerPage"),
]


def page_entries() -> list[PageEntry]:
    return list(PAGES)


def page_classes() -> list[type]:
    """Every page class, imported now (for tests and tools, not for the start)."""
    return [entry.load() for entry in PAGES]
