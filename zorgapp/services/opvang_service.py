"""Use cases of shelter (opvang), as one service for the GUI and the command line.

``OpvangService`` joins the parts, each in its own module with one job:

* ``opvang_locaties``: the shelter registry (``LocatieService``);
* ``opvang_plaatsingen``: requests, placements, their end and rates (``PlaatsingService``);
* ``opvang_kosten``: cost posts and a dossier's costs (``KostenService``);
* ``opvang_overzicht``: occupancy, placements about to end, placements as JSON;
* ``opvang_validatie``: domain refusals as readable messages.

A dossier's deadlines include its placements' evaluation and expected end dates:
``DossierService`` reads them from the placement repository itself, so nothing needs
to be imported or registered first.
"""

from __future__ import annotations

from zorgapp.errors import KnownError
from zorgapp.services.opvang_kosten import DossierKosten, KostenService
from zorgapp.services.opvang_locaties import LocatieService
from zorgapp.services.opvang_overzicht import (
    Bezetting,
    EindigendePlaatsing,
    OpvangOverzichtService,
    plaatsingen_json,
)
from zorgapp.services.opvang_plaatsingen import (
    REDEN_GEPLAATST,
    PlaatsingService,
    PlaatsResultaat,
)
from zorgapp.services.opvang_validatie import validatie


class OpvangService(LocatieService, PlaatsingService, KostenService, OpvangOverzichtService):
    """Every shelter use case on one object (the Opvang page and tab use them all)."""


__all__ = [
    "REDEN_GEPLAATST",
    "Bezetting",
    "DossierKosten",
    "EindigendePlaatsing",
    "KnownError",
    "OpvangService",
    "PlaatsResultaat",
    "plaatsingen_json",
    "validatie",
]
