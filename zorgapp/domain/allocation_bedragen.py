"""The amounts of a cost allocation without the lines behind them, in whole cents.

``allocation.verdeel`` explains every amount line by line: at 100,000 dossiers that is
hundreds of thousands of lines, each an exact fraction per municipality (seconds and
hundreds of megabytes), while a script that asks ``zorgapp allocation`` for the shares
reads none of them. The shares depend on each item's amount and on who pays it by
binding, nothing else, and spreading is linear; so the costs summed per recorded
municipality of binding, in integer cents, give the very same exact fractions, the same
largest-remainder rounding and the same shares. Only the explanation is left out
(``Verdeling.toegelicht`` is False); a test holds both paths to the same result.

``nacht_centen`` is ``opvang.kosten_plaatsing`` in integer cents: the nights of one
placement per night-rate run, refused the same way when a night has no rate.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction

from zorgapp.domain.allocation import maak_aandelen
from zorgapp.domain.errors import N_, DomainError
from zorgapp.domain.naar_ratio import grootste_rest
from zorgapp.domain.regio import Gemeente, Regio
from zorgapp.domain.spreiding import Grondslagen, spreid_bedragen
from zorgapp.domain.verdeelsleutel import Sleutel, Verdeelsleutel
from zorgapp.domain.verdeling import Verdeling


@dataclass
class Kostensommen:
    """A period's costs in cents: the region's own per recorded binding (None: none
    recorded), and the nationally funded ones apart."""

    per_binding: dict[str | None, int] = field(default_factory=dict)
    landelijk: int = 0
    #: Youth placements per Jeugdwet municipality: paid whole by it, whatever the key.
    jeugdwet: dict[str | None, int] = field(default_factory=dict)

    def tel(self, binding: str | None, centen: int, landelijk: bool,
            jeugdwet: bool = False) -> None:
        if landelijk:
            self.landelijk += centen
        elif jeugdwet:
            self.jeugdwet[binding] = self.jeugdwet.get(binding, 0) + centen
        else:
            self.per_binding[binding] = self.per_binding.get(binding, 0) + centen


def nacht_centen(
    van: date,
    tot: date | None,
    tarieven: Sequence[tuple[date, int]],
    periode_van: date,
    periode_tot: date,
    *,
    peildatum: date | None = None,
    ambulant: bool = False,
) -> int:
    """Cents of a placement's nights in ``[periode_van, periode_tot)``.

    ``tarieven`` are (valid from, cents per night), oldest first. The same rules as
    ``opvang.kosten_plaatsing``: first day counts, last day does not; a running stay
    counts up to ``peildatum`` when given; a residential night without a rate is an
    error, outpatient support without rates costs nothing here.
    """
    if periode_tot < periode_van:
        raise DomainError(
            N_("De einddatum {tot} ligt vóór de begindatum {van}."),
            van=periode_van,
            tot=periode_tot,
        )
    eind = tot if tot is not None else peildatum
    begin = max(van, periode_van)
    einde = periode_tot if eind is None else min(eind, periode_tot)
    if einde <= begin:
        return 0
    if not tarieven and ambulant:
        return 0
    if not tarieven or tarieven[0][0] > begin:
        raise DomainError(
            N_(
                "Voor deze plaatsing is op {datum} geen dagtarief bekend; vul het tarief aan."
            ),
            datum=begin,
        )
    centen = 0
    laatste = len(tarieven) - 1
    for index, (vanaf, tarief) in enumerate(tarieven):
        stuk_van = max(begin, vanaf)
        stuk_tot = einde if index == laatste else min(einde, tarieven[index + 1][0])
        if stuk_tot > stuk_van:
            centen += tarief * (stuk_tot - stuk_van).days
    return centen


def nacht_centen_per_periode(
    van: date,
    tot: date | None,
    tarieven: Sequence[tuple[date, int]],
    perioden: Sequence[tuple[date, date]],
    *,
    peildatum: date | None = None,
    ambulant: bool = False,
) -> list[int]:
    """``nacht_centen`` for adjoining periods (a year's quarters) in one pass.

    Equal, period by period, to calling ``nacht_centen`` for each (a running stay
    counts up to ``peildatum``; nights after a period's end are that period's no more),
    and refused the same way; a statement with its quarters costs one call, not five.
    """
    uit = [0] * len(perioden)
    eind = tot if tot is not None else peildatum
    begin = max(van, perioden[0][0])
    einde = perioden[-1][1] if eind is None else min(eind, perioden[-1][1])
    if einde <= begin or (not tarieven and ambulant):
        return uit
    if not tarieven or tarieven[0][0] > begin:
        raise DomainError(
            N_(
                "Voor deze plaatsing is op {datum} geen dagtarief bekend; vul het tarief aan."
            ),
            datum=begin,
        )
    laatste, aantal, i = len(tarieven) - 1, len(perioden), 0
    for index, (vanaf, tarief) in enumerate(tarieven):
        stuk_van = begin if begin > vanaf else vanaf
        stuk_tot = einde if index == laatste else min(einde, tarieven[index + 1][0])
        if stuk_tot <= stuk_van:
            continue
        while perioden[i][1] <= stuk_van:  # periods are sorted: walk, never look back
            i += 1
        j = i
        while j < aantal and perioden[j][0] < stuk_tot:
            p_van, p_tot = perioden[j]
            a = stuk_van if stuk_van > p_van else p_van
            b = stuk_tot if stuk_tot < p_tot else p_tot
            uit[j] += tarief * (b - a).days
            j += 1
    return uit


def _euro(centen: int) -> Decimal:
    """Cents as euros with two decimals, the way ``som`` of stored amounts comes out."""
    return Decimal(centen).scaleb(-2)


def verdeel_bedragen(
    regio: Regio,
    sleutel: Verdeelsleutel,
    sommen: Kostensommen,
    *,
    van: date,
    tot: date,
    alle_gemeenten: Mapping[str, Gemeente] | None = None,
) -> Verdeling:
    """The shares ``allocation.verdeel`` gives for the same costs, without their lines.

    Refuses what ``verdeel`` refuses (no municipalities, fixed percentages outside the
    region, missing inhabitants when something goes by inhabitants).
    """
    gronden = Grondslagen.voor(regio, alle_gemeenten, None, None)
    def orde(c: str | None) -> tuple[bool, str]:
        return (c is not None, c or "")

    codes = sorted(sommen.per_binding, key=orde)
    jeugd = sorted(sommen.jeugdwet, key=orde)
    vaste_delen = gronden.vaste_delen(sleutel) if sleutel.soort is Sleutel.VAST else {}
    bijdragen = spreid_bedragen(
        [Fraction(sommen.per_binding[c], 100) for c in codes]
        + [Fraction(sommen.jeugdwet[c], 100) for c in jeugd],
        [gronden.betaler(c) for c in [*codes, *jeugd]],
        sleutel,
        vaste_delen,
        gronden,
        [False] * len(codes) + [True] * len(jeugd),
    )
    exact_centen = bijdragen.exacte_centen(vaste_delen, gronden)
    totaal_centen = sum(sommen.per_binding.values()) + sum(sommen.jeugdwet.values())
    afgerond = grootste_rest(totaal_centen, exact_centen)
    return Verdeling(
        van=van,
        tot=tot,
        sleutel=sleutel,
        totaal=_euro(totaal_centen),
        niet_verdeeld=[],
        aandelen=maak_aandelen(
            gronden.actief, afgerond, exact_centen, {c: [] for c in gronden.actief}
        ),
        regio=regio.naam,
        landelijk_totaal=_euro(sommen.landelijk),
    )
