"""Rules for a case that arrives from outside (a handover bundle).

A case typed into this Zorgapp passed the forms' checks one field at a time; a case in
a bundle arrives whole, from another installation or from someone who wrote the JSON
by hand. Before it is imported it must pass the same rules a case saved here passes
(``valideer`` of the client, signals and shelter needs) and one rule every date obeys:
not before 1900 and not more than a century ahead (no year 1 or 9999 anywhere).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from zorgapp.domain.aanmelding import controleer_aanmeldingen
from zorgapp.domain.dossier import Dossier
from zorgapp.domain.errors import N_, DomainError

EERSTE_DATUM = date(1900, 1, 1)
JAREN_VOORUIT = 100

#: Keys whose values are dates (YYYY-MM-DD) or timestamps (YYYY-MM-DDThh:mm:ss…), in
#: the dossier document and in its parts (placements, costs).
DATUMVELDEN = frozenset({
    "aangemaakt_op", "vastgelegd_op", "datum", "geboortedatum", "leeftijd_geschat_op",
    "ingetrokken_op", "geldig_tot", "deadline", "gedaan_op", "uitgerekend_op",
    "aangevraagd_op", "van", "tot", "evaluatiedatum", "verwachte_einddatum", "geldig_vanaf",
})


def laatste_datum(vandaag: date) -> date:
    return date(min(vandaag.year + JAREN_VOORUIT, 9999), 12, 31)


def controleer_datums(data: Any, vandaag: date) -> None:
    """Every date under a date key lies in [1900-01-01, vandaag + 100 years]."""
    laatste = laatste_datum(vandaag)
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
            continue
        if not isinstance(item, dict):
            continue
        for key, value in item.items():
            if key in DATUMVELDEN and isinstance(value, str) and value:
                _binnen_bereik(key, value, laatste)
            elif isinstance(value, (dict, list)):
                stack.append(value)


def _binnen_bereik(veld: str, waarde: str, laatste: date) -> None:
    try:
        d = date.fromisoformat(waarde[:10])
    except ValueError:
        raise DomainError(N_("Ongeldige datum: {datum}."), datum=waarde[:40]) from None
    if not EERSTE_DATUM <= d <= laatste:
        raise DomainError(
            N_("De datum {datum} ({veld}) kan niet: vóór 1900 of meer dan honderd jaar vooruit."),
            datum=d.isoformat(), veld=veld)


def controleer_dossier(dossier: Dossier, vandaag: date) -> None:
    """The rules a case from outside must pass before it is imported.

    ``vandaag`` gets a day of slack: the sender's today may already be tomorrow here.
    """
    morgen = vandaag + timedelta(days=1)
    controleer_datums(dossier.to_dict(), vandaag)
    dossier.persoon.valideer(morgen)
    for melding in dossier.meldingen:
        melding.valideer(morgen)
    dossier.opvangbehoeften.valideer(morgen)
    controleer_aanmeldingen(dossier)
    for partner in dossier.partners:
        partner.valideer()
