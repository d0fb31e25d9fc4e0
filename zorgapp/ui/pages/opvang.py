"""The Opvang area (placeholder until its feature lands)."""

from __future__ import annotations

from zorgapp.i18n import N_
from zorgapp.ui.pages.base import PlaceholderPage


class OpvangPage(PlaceholderPage):
    name = "opvang"
    title_msgid = N_("Opvang")
