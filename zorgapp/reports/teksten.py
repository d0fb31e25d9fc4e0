"""Small display helpers shared by the documents: codes to words, dates, names."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from enum import Enum
from typing import Any

from zorgapp.domain.codes import GESLACHT_LABELS, Geslacht
from zorgapp.domain.persoon import Persoon
from zorgapp.i18n import _, format_date, format_date_long, locale


def label(labels: Mapping[Any, str], code: Enum | str | None) -> str:
    """The translated label of a code; the bare code when nobody gave it a label."""
    if code is None:
        return ""
    msgid = labels.get(code)
    return _(msgid) if msgid else str(code)


def land(code: str) -> str:
    """ "PL" -> "Polen" / "Poland"; unknown codes stay as they are."""
    return str(locale().territories.get(code.upper(), code))


def taal(code: str) -> str:
    """ "ro" -> "Roemeens" / "Romanian"."""
    return str(locale().languages.get(code.lower(), code))


def datum(d: date | None) -> str:
    return "" if d is None else format_date(d)


def datum_lang(d: date | None) -> str:
    return "" if d is None else format_date_long(d)


def periode(van: date | None, tot: date | None, *, tot_exclusief: bool = True) -> str:
    """ "1 jan 2026 – 31 mrt 2026"; ``tot`` is exclusive in the domain, so the last
    day shown is the day before it."""
    if van is None:
        return ""
    if tot is None:
        return _("vanaf {datum}").format(datum=format_date(van))
    laatste = tot - timedelta(days=1) if tot_exclusief and tot > van else tot
    return _("{van} t/m {tot}").format(van=format_date(van), tot=format_date(laatste))


def periode_kort(van: date, tot: date | None) -> str:
    """ "1 jul 2026 – 28 aug 2026": a placement the way the screen shows it (columns
    Van and Tot), so screen and paper agree. ``tot`` is the day of departure as entered
    (exclusive in the domain: the last night is the one before it); the number of
    nights next to it says how many nights are counted."""
    if tot is None or tot == van:
        return format_date(van)
    return f"{format_date(van)} – {format_date(tot)}"


def geslacht(g: Geslacht) -> str:
    return label(GESLACHT_LABELS, g)


def naam_of_alias(persoon: Persoon, alias: bool) -> str:
    """The name, or (when the shelter must not know it) the first alias or initials."""
    if not alias:
        return persoon.naam or persoon.initialen()
    if persoon.aliassen:
        return persoon.aliassen[0]
    return persoon.initialen()


def geboorte(persoon: Persoon, op: date) -> str:
    """Birth date, or the estimated age with the day it was estimated."""
    if persoon.geboortedatum is not None:
        return format_date(persoon.geboortedatum)
    leeftijd = persoon.leeftijd_op(op)
    if leeftijd is None:
        return _("onbekend")
    return _("onbekend; geschatte leeftijd {leeftijd} jaar").format(leeftijd=leeftijd)


def ja_nee(waarde: bool | None) -> str:
    """Yes or no; ``None`` is "onbekend", because nobody asked is not the same as no."""
    if waarde is None:
        return _("onbekend")
    return _("ja") if waarde else _("nee")
