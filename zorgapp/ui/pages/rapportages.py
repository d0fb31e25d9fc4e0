"""The Rapportages area (placeholder until its feature lands)."""

from __future__ import annotations

from zorgapp.i18n import N_
from zorgapp.ui.pages.base import PlaceholderPage


class RapportagesPage(PlaceholderPage):
    name = "rapportages"
    title_msgid = N_("Rapportages")
