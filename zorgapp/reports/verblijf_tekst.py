"""The legal track in words, for the letter and the case summary (DOMAIN.md §2a, §7).

Both documents read the legal status from the track (``domain.verblijf``), never from
the care stage: a client placed during bedenktijd is still in bedenktijd.
"""

from __future__ import annotations

from datetime import date

from zorgapp.domain import verblijf
from zorgapp.domain.dossier import Dossier
from zorgapp.domain.verblijf_events import (
    UITKOMST_LABELS,
    Uitkomst,
    VerblijfEvent,
    VerblijfSoort,
)
from zorgapp.i18n import _
from zorgapp.reports.teksten import datum, label

S = VerblijfSoort


def _bedenktijd(dossier: Dossier) -> str | None:
    b = verblijf.bedenktijd(dossier)
    if b is None:
        return None
    if b.besluit is None:
        return _("bedenktijd aangeboden op {datum}, nog geen besluit").format(
            datum=datum(b.aangeboden_op))
    if b.besluit is Uitkomst.GEWEIGERD:
        return _("bedenktijd geweigerd")
    tekst = _("bedenktijd van {van} tot en met {tot}").format(van=datum(b.van),
                                                               tot=datum(b.tot))
    if b.dublin:
        tekst += " " + _("(Dublinclaimant: 30 dagen)")
    return tekst


def _vergunning(e: VerblijfEvent) -> str:
    if e.soort is S.VOORTGEZET_VERBLIJF:
        tekst = _("voortgezet verblijf: {uitkomst} op {datum}")
    else:
        tekst = _("verblijfsvergunning: {uitkomst} op {datum}")
    tekst = tekst.format(uitkomst=label(UITKOMST_LABELS, e.uitkomst), datum=datum(e.datum))
    if e.geldig_tot is not None:
        tekst += " " + _("(geldig tot en met {datum})").format(datum=datum(e.geldig_tot))
    return tekst


def verblijfsstatus(dossier: Dossier, eu_landen: frozenset[str] = verblijf.EU_LANDEN) -> str:
    """Legal status in one line: Dutch, EU citizen, bedenktijd with dates, or a permit."""
    landen = dossier.persoon.nationaliteiten
    delen: list[str] = []
    if "NL" in landen:
        delen.append(_("Nederlandse nationaliteit"))
    elif any(c in eu_landen for c in landen):
        delen.append(_("EU-burger"))
    bedenktijd = _bedenktijd(dossier)
    if bedenktijd:
        delen.append(bedenktijd)
    grond = verblijf.laatste(dossier, S.BIJZONDERE_GROND)
    if grond is not None:
        delen.append(_("aanvraag zonder aangifte: {grond}").format(
            grond=label(UITKOMST_LABELS, grond.uitkomst)))
    if verblijf.laatste(dossier, S.GETUIGE_AANGEVER) is not None:
        delen.append(_("getuige-aangever"))
    vergunning = verblijf.vergunning(dossier)
    if vergunning is not None:
        delen.append(_vergunning(vergunning))
    return "; ".join(delen) if delen else _("niet vastgelegd")


def aangifte(dossier: Dossier) -> str:
    """Aangifte or other cooperation, with its date; or that it is not known yet."""
    e = verblijf.laatste(dossier, S.AANGIFTE)
    if e is None:
        return _("nog niet bekend")
    if e.uitkomst is Uitkomst.AANGIFTE:
        return _("ja, gedaan op {datum}").format(datum=datum(e.datum))
    if e.uitkomst is Uitkomst.MEDEWERKING:
        return _("andere medewerking aan het onderzoek, sinds {datum}").format(
            datum=datum(e.datum))
    return _("nee (vastgelegd op {datum})").format(datum=datum(e.datum))


def strafzaak(dossier: Dossier) -> str | None:
    """The latest OM decision in words, or None."""
    e = verblijf.laatste(dossier, S.OM_BESLUIT)
    if e is None:
        return None
    return _("{uitkomst} op {datum}").format(uitkomst=label(UITKOMST_LABELS, e.uitkomst),
                                             datum=datum(e.datum))


def stap_regel(e: VerblijfEvent) -> tuple[str, str]:
    """(date, what happened) for one step of the track, for a list in the summary."""
    from zorgapp.domain.verblijf_events import VERBLIJF_SOORT_LABELS

    wat = label(VERBLIJF_SOORT_LABELS, e.soort)
    if e.uitkomst is not Uitkomst.GEEN:
        wat += ": " + label(UITKOMST_LABELS, e.uitkomst)
    if e.geldig_tot is not None:
        wat += " " + _("(geldig tot en met {datum})").format(datum=datum(e.geldig_tot))
    return datum(e.datum), wat


def vandaag_in_bedenktijd(dossier: Dossier, op: date) -> bool:
    """Whether the accepted bedenktijd runs on ``op`` (for a marker in the summary)."""
    return verblijf.in_bedenktijd(dossier, op)
