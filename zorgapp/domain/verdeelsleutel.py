"""The key by which a region splits its costs (verdeelsleutel), per region and year.

Inhabitants, municipality of binding, fixed percentages, or a mix of inhabitants and
binding. Checked when made, so an allocation never starts from an impossible key:
fixed percentages add up to exactly 100, a mix lies between 0 and 100%.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from zorgapp.domain.errors import N_, DomainError
from zorgapp.domain.naar_ratio import als_fractie
from zorgapp.domain.regio import normaliseer_cbs_code

HONDERD = Decimal(100)


class Sleutel(StrEnum):
    INWONERS = "inwoners"
    BINDING = "binding"
    VAST = "vast"
    MIX = "mix"


SLEUTEL_LABELS: dict[Sleutel, str] = {
    Sleutel.INWONERS: N_("Naar inwoners"),
    Sleutel.BINDING: N_("Naar gemeente van binding"),
    Sleutel.VAST: N_("Vaste percentages"),
    Sleutel.MIX: N_("Deels naar inwoners, deels naar binding"),
}


def _genormaliseerde_percentages(
    vaste_percentages: dict[str, Decimal],
) -> dict[str, Decimal]:
    """Percentages by normalised CBS code, sorted; duplicates and negatives refused."""
    genormaliseerd: dict[str, Decimal] = {}
    for code, pct in vaste_percentages.items():
        sleutel = normaliseer_cbs_code(code)
        if sleutel in genormaliseerd:
            raise DomainError(
                N_("Gemeente {code} staat twee keer in de percentages."),
                code=sleutel,
            )
        if als_fractie(pct, wat="Percentage") < 0:
            raise DomainError(
                N_("Het percentage voor {code} mag niet negatief zijn."),
                code=sleutel,
            )
        genormaliseerd[sleutel] = Decimal(pct)
    return dict(sorted(genormaliseerd.items()))


def _controleer_vast(vaste_percentages: dict[str, Decimal] | None) -> None:
    """A fixed key needs percentages that add up to exactly 100."""
    if not vaste_percentages:
        raise DomainError(
            N_("Geef voor de vaste verdeling per gemeente een percentage.")
        )
    opgeteld = sum(vaste_percentages.values(), Decimal(0))
    if opgeteld != HONDERD:
        raise DomainError(
            N_("De vaste percentages tellen op tot {som}%, niet tot 100%."),
            som=str(opgeteld),
        )


def _controleer_mix(mix_inwoners_pct: Decimal) -> None:
    """The part spread by inhabitants lies between 0 and 100%."""
    mix = als_fractie(mix_inwoners_pct, wat="Percentage")
    if not 0 <= mix <= 100:
        raise DomainError(
            N_(
                "Het deel naar inwoners moet tussen 0 en 100% liggen, niet {pct}%."
            ),
            pct=str(mix_inwoners_pct),
        )


@dataclass(frozen=True)
class Verdeelsleutel:
    """How a region splits its costs; configurable per region and year.

    ``vaste_percentages`` are used by ``vast`` only, ``mix_inwoners_pct`` (the part
    spread by inhabitants, the rest goes by binding) by ``mix`` only.
    """

    soort: Sleutel
    vaste_percentages: dict[str, Decimal] | None = None
    mix_inwoners_pct: Decimal | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "soort", Sleutel(self.soort))
        if self.vaste_percentages is not None:
            object.__setattr__(
                self,
                "vaste_percentages",
                _genormaliseerde_percentages(self.vaste_percentages),
            )
        if self.soort is Sleutel.VAST:
            _controleer_vast(self.vaste_percentages)
        if self.mix_inwoners_pct is not None:
            _controleer_mix(self.mix_inwoners_pct)
            object.__setattr__(self, "mix_inwoners_pct", Decimal(self.mix_inwoners_pct))
        if self.soort is Sleutel.MIX and self.mix_inwoners_pct is None:
            raise DomainError(
                N_("Geef aan welk percentage naar inwoners wordt verdeeld.")
            )
