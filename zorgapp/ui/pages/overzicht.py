"""The Overzicht area (placeholder until its feature lands)."""

from __future__ import annotations

from zorgapp.i18n import N_
from zorgapp.ui.pages.base import PlaceholderPage


class OverzichtPage(PlaceholderPage):
    name = "overzicht"
    title_msgid = N_("Overzicht")
