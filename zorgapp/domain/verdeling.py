"""What a cost allocation gives back: per municipality an amount and its explanation.

Municipalities check these figures against their own budgets, so every amount can be
explained line by line (which dossier, which nights, which rate, on what ground).
Computed by ``allocation.verdeel``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from zorgapp.domain.geld import som
from zorgapp.domain.kosten import Kostenpost
from zorgapp.domain.opvang import Kostenregel
from zorgapp.domain.regio import normaliseer_cbs_code
from zorgapp.domain.verdeelsleutel import Sleutel, Verdeelsleutel


class Bron(StrEnum):
    PLAATSING = "plaatsing"
    KOSTENPOST = "kostenpost"


@dataclass(frozen=True)
class Toelichting:
    """One cost line's part in one municipality's share: enough to explain the amount.

    ``bedrag`` is the whole line, ``deel`` the fraction of it this municipality pays on
    ``grondslag``, ``bedrag_deel`` that part before rounding. ``binding`` is the code as
    recorded on the dossier (before mergers); when the ground is ``inwoners`` under a
    binding key, it says why: no binding (None) or a binding outside the region.
    """

    dossier_uuid: str
    bron: Bron
    bron_uuid: str
    soort: str
    van: date
    tot: date | None
    nachten: int | None
    dagtarief: Decimal | None
    bedrag: Decimal
    grondslag: Sleutel
    deel: Decimal
    bedrag_deel: Decimal
    binding: str | None = None
    #: Nights of this line inside the client's bedenktijd (municipalities are not
    #: responsible then): flagged on the statement, still counted.
    bedenktijd_nachten: int = 0


@dataclass(frozen=True)
class Aandeel:
    """What one municipality pays, and the lines it pays for."""

    cbs_code: str
    gemeente: str
    inwoners: int | None
    bedrag: Decimal
    exact: Decimal
    regels: list[Toelichting] = field(default_factory=list)
    #: For an issued (frozen) statement: what the share is today minus what was issued,
    #: the correction the next statement will carry; the lines explain today's amount.
    na_vaststelling: Decimal = Decimal(0)

    @property
    def afronding(self) -> Decimal:
        """The rounding step from the exact amount to whole cents (under one cent)."""
        return self.bedrag - self.exact


@dataclass(frozen=True)
class Verdeling:
    """The allocation of one region's costs over one period."""

    van: date | None
    tot: date | None
    sleutel: Verdeelsleutel
    totaal: Decimal
    niet_verdeeld: list[Kostenregel | Kostenpost]
    aandelen: list[Aandeel]
    regio: str = ""
    #: Set when only the amounts were computed (``allocation_bedragen``): the nationally
    #: funded total, while ``niet_verdeeld`` and every share's ``regels`` stay empty.
    landelijk_totaal: Decimal | None = field(default=None, repr=False, compare=False)

    @property
    def toegelicht(self) -> bool:
        """Whether the lines behind the amounts are here (screens and the PDF need them)."""
        return self.landelijk_totaal is None

    @property
    def totaal_niet_verdeeld(self) -> Decimal:
        if self.landelijk_totaal is not None:
            return self.landelijk_totaal
        return som(r.bedrag for r in self.niet_verdeeld)

    def aandeel(self, cbs_code: str) -> Aandeel | None:
        code = normaliseer_cbs_code(cbs_code)
        return next((a for a in self.aandelen if a.cbs_code == code), None)
