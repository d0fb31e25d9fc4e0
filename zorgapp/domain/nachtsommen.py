"""Nights of many rate runs at once, from their count and the sums of their ends.

``store.kostensommen.nachtgroepen`` groups the runs ``[b, e)`` of all placements by
kind, binding, rate and the intervals holding their first and last night, and sums
``b`` and ``e`` in days. Nights add up, so a group's nights per interval follow from
those sums alone: a run inside one interval has ``e - b`` nights; one that crosses has
``end of its first interval - b`` in the first, every night of the intervals between,
and ``e - start of its last interval`` in the last. Exact integers, like ``nacht_centen``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

#: ``date.toordinal()`` of 1970-01-01: SQLite's ``unixepoch() / 86400`` counts from it.
_EPOCH = date(1970, 1, 1).toordinal()


def dagnummer(dag: date) -> int:
    """Days since 1970-01-01, as ``unixepoch(dag) / 86400`` in SQLite."""
    return dag.toordinal() - _EPOCH


def nachten_per_interval(grenzen: Sequence[int], kb: int, ke: int, aantal: int,
                         som_van: int, som_tot: int) -> list[tuple[int, int]]:
    """(interval, nights) of ``aantal`` runs whose first night lies in interval ``kb``
    and last night in ``ke`` (``kb <= ke``); interval ``k`` is
    ``[grenzen[k], grenzen[k + 1])`` in days, ``som_van``/``som_tot`` the sums of the
    runs' first day and (exclusive) end."""
    if kb == ke:
        return [(kb, som_tot - som_van)]
    uit = [(kb, aantal * grenzen[kb + 1] - som_van)]
    uit += [(k, aantal * (grenzen[k + 1] - grenzen[k])) for k in range(kb + 1, ke)]
    uit.append((ke, som_tot - aantal * grenzen[ke]))
    return uit
