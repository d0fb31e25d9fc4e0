"""The payer of a placement in words, for the letter and the screens.

The words come from the same rule the allocation uses (``domain.betaler``), so the
placement letter never names a payer the statement ignores: a Wmo placement is paid by
the region's municipalities naar ratio (by the key of the placement's year), a youth
placement by its Jeugdwet municipality, COSM/OMM/BO AMV nationally.
"""

from __future__ import annotations

from datetime import date

from zorgapp.domain.betaler import BetalerSoort, betaler
from zorgapp.domain.opvang import FINANCIER_LABELS, Plaatsing
from zorgapp.domain.verdeelsleutel import SLEUTEL_LABELS
from zorgapp.i18n import _
from zorgapp.services.region_service import RegionService
from zorgapp.store.vault import Vault


def betaler_tekst(vault: Vault, plaatsing: Plaatsing, dossier_binding: str | None) -> str:
    """"Gemeenten van regio Hollands Midden, naar ratio (naar inwoners)", "Gemeente
    Leiden (Jeugdwet)", "Landelijk (COSM)"."""
    wie = betaler(plaatsing.type, plaatsing.financier, plaatsing.gemeente_code,
                  dossier_binding or None)
    if wie.soort is BetalerSoort.LANDELIJK:
        assert wie.financier is not None
        return _(FINANCIER_LABELS[wie.financier])
    regios = RegionService(vault)
    if wie.soort is BetalerSoort.JEUGDWET:
        if wie.gemeente_code is None:
            return _("Jeugdwetgemeente (nog niet vastgelegd; tot dan de regio naar inwoners)")
        naam = regios.alle_gemeenten().get(wie.gemeente_code)
        return _("Gemeente {naam} (Jeugdwet)").format(
            naam=naam.naam if naam is not None else wie.gemeente_code)
    regio = regios.regio()
    jaar = (plaatsing.van or plaatsing.aangevraagd_op or date.today()).year
    sleutel = regios.sleutel(jaar)
    return _("Gemeenten van regio {regio}, naar ratio ({sleutel})").format(
        regio=regio.naam if regio is not None else "–",
        sleutel=_(SLEUTEL_LABELS[sleutel.soort]).lower())
