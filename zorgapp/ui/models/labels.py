"""One-line texts of domain objects in the active language, shared by the dossier
view's header, its Traject tab and the dashboard (so a deadline reads the same
everywhere)."""

from __future__ import annotations

import contextlib

from zorgapp.domain.codes import (
    BESLUIT_SOORT_LABELS,
    BESLUIT_UITKOMST_LABELS,
    FASE_LABELS,
    MELDER_LABELS,
    SLUITREDEN_LABELS,
    TOESTEMMING_DOEL_LABELS,
    MelderType,
    ToestemmingDoel,
)
from zorgapp.domain.deadlines import Deadline
from zorgapp.domain.traject import EventSoort, TrajectEvent
from zorgapp.i18n import _, format_date


def deadline_tekst(d: Deadline) -> str:
    """A deadline's description in the active language."""
    params = dict(d.params)
    if "doel" in params:
        with contextlib.suppress(ValueError):
            params["doel"] = _(TOESTEMMING_DOEL_LABELS[ToestemmingDoel(params["doel"])])
    if "melder_type" in params and not params.get("melder"):
        with contextlib.suppress(ValueError):
            params["melder"] = _(MELDER_LABELS[MelderType(params["melder_type"])])
    return _(d.omschrijving).format(**params)


def event_tekst(e: TrajectEvent) -> str:
    """One recorded event of the path as a line (corrections included, so nothing is
    hidden), ending with who recorded it."""
    datum = format_date(e.datum)
    if e.soort is EventSoort.FASE and e.fase is not None:
        tekst = _("{datum} · {fase}: {reden}").format(datum=datum, fase=_(FASE_LABELS[e.fase]),
                                                      reden=e.reden)
        if e.sluitreden is not None:
            tekst += " (" + _(SLUITREDEN_LABELS[e.sluitreden]) + ")"
    elif e.soort is EventSoort.HEROPEND and e.fase is not None:
        tekst = _("{datum} · heropend in {fase}: {reden}").format(
            datum=datum, fase=_(FASE_LABELS[e.fase]), reden=e.reden)
    elif e.soort is EventSoort.BESLUIT and e.besluit_soort and e.uitkomst:
        tekst = _("{datum} · besluit {soort}: {uitkomst}").format(
            datum=datum, soort=_(BESLUIT_SOORT_LABELS[e.besluit_soort]),
            uitkomst=_(BESLUIT_UITKOMST_LABELS[e.uitkomst]))
        if e.reden:
            tekst += " — " + e.reden
    else:
        tekst = _("{datum} · correctie: {reden}").format(datum=datum, reden=e.reden)
    return tekst + " · " + e.auteur


__all__ = ["deadline_tekst", "event_tekst"]
