"""The stays of one demo shelter, and what its capacity rules out (``DemoOpvang``).

A big demo vault has hundreds of (fictional) shelters of a type, most of them full at
the time of a new placement, and every placement asks them in order for a free place:
so the answer must be cheap. What a location holds is kept on one object per location,
not in dictionaries keyed by its id, and the nights of a period are counted latest
first (a location asked is mostly full, and then the first night counted answers).
"""

from __future__ import annotations

from bisect import bisect_right, insort
from datetime import date


class Bezetting:
    """One location's stays ``[van, tot)``, sorted by their ends, so that a check skips
    every stay that ended before it; its running stays; and two shortcuts: ``vol_vanaf``
    (with as many running stays as places: the last start among the first of them; a
    period ending after it has no free place) and ``vol_op`` (a night seen full; stays
    are never taken away)."""

    __slots__ = ("einden", "lopend", "plaatsen", "stays", "vol_op", "vol_vanaf")

    def __init__(self, plaatsen: int | None) -> None:
        self.plaatsen = plaatsen
        self.einden: list[date] = []
        self.stays: list[tuple[date, date]] = []
        self.lopend: list[date] = []
        self.vol_vanaf: date | None = None
        self.vol_op: date | None = None

    def erbij(self, van: date, tot: date | None) -> None:
        """A stay from ``van`` to ``tot`` (``None``: it still runs)."""
        eind = tot or date.max
        plek = bisect_right(self.einden, eind)
        self.einden.insert(plek, eind)
        self.stays.insert(plek, (van, eind))
        if tot is None:
            insort(self.lopend, van)
            if self.plaatsen is not None and len(self.lopend) >= self.plaatsen:
                self.vol_vanaf = self.lopend[self.plaatsen - 1]

    def vrij(self, van: date, eind: date) -> bool:
        """Whether there is a free place on every night of ``[van, eind)``; a period
        found full leaves its latest full night in ``vol_op``."""
        plaatsen = self.plaatsen
        if plaatsen is None:
            return True
        vol, gezien = self.vol_vanaf, self.vol_op
        if vol is not None and vol < eind:
            return False
        if gezien is not None and van <= gezien < eind:
            return False
        stays = [(a, b) for a, b in self.stays[bisect_right(self.einden, van):] if a < eind]
        if len(stays) < plaatsen:
            return True  # fewer stays than places overlap the period at all
        nacht = _laatste_volle_nacht(stays, van, plaatsen)
        if nacht is None:
            return True
        self.vol_op = nacht if gezien is None else max(gezien, nacht)
        return False


def _laatste_volle_nacht(stays: list[tuple[date, date]], van: date, plaatsen: int
                         ) -> date | None:
    """The latest night, of ``van`` and the starts after it (where the most stays
    overlap), on which ``plaatsen`` stays or more overlap; ``None``: there is none.
    Latest first: a location asked is mostly full, and then the first night answers."""
    for nacht in sorted({van, *(a for a, _b in stays if a > van)}, reverse=True):
        bezet = 0
        for a, b in stays:
            if a <= nacht < b:
                bezet += 1
        if bezet >= plaatsen:
            return nacht
    return None
