"""The date rules of one placement, apart from ``opvang.py`` so they stay in one place.

``Plaatsing`` calls ``controleer_datums`` when it is made, so a placement that breaks
them cannot exist: not from a dialog, not from the command line, not from a handover
bundle. The service adds the rules that depend on today (``niet_na_vandaag``).
"""

from __future__ import annotations

from datetime import date

from zorgapp.domain.errors import N_, DomainError


def controleer_datums(
    *,
    aangevraagd_op: date | None,
    van: date | None,
    tot: date | None,
    evaluatiedatum: date | None,
    verwachte_einddatum: date | None,
) -> None:
    """A stay ends after it starts; its evaluation and expected end are not before its
    (planned) start, or before the request when no start is known."""
    if van is not None and tot is not None and tot < van:
        raise DomainError(
            N_("De einddatum {tot} ligt vóór de begindatum {van}."), van=van, tot=tot
        )
    begin = van if van is not None else aangevraagd_op
    if begin is None:
        return
    if verwachte_einddatum is not None and verwachte_einddatum < begin:
        raise DomainError(
            N_("Het verwachte einde {einde} ligt vóór het begin van de plaatsing ({van})."),
            einde=verwachte_einddatum,
            van=begin,
        )
    if evaluatiedatum is not None and evaluatiedatum < begin:
        raise DomainError(
            N_("De evaluatiedatum {datum} ligt vóór het begin van de plaatsing ({van})."),
            datum=evaluatiedatum,
            van=begin,
        )


def niet_na_vandaag(van: date | None, tot: date | None, vandaag: date) -> None:
    """A stay starts and ends on the day it happens, never ahead of time: a planned
    date belongs on the request or as the expected end."""
    if van is not None and van > vandaag:
        raise DomainError(
            N_(
                "Een plaatsing kan niet in de toekomst beginnen ({datum}). Leg de geplande "
                "datum vast bij de aanvraag en plaats op de dag van aankomst."
            ),
            datum=van,
        )
    if tot is not None and tot > vandaag:
        raise DomainError(
            N_(
                "De einddatum {datum} ligt in de toekomst. Leg een verwachte einddatum vast "
                "en beëindig de plaatsing op de dag van vertrek."
            ),
            datum=tot,
        )
