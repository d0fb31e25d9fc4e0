"""Nights of grouped runs per interval equal the nights of each run counted one by one."""

from __future__ import annotations

from bisect import bisect_right
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from zorgapp.domain.nachtsommen import dagnummer, nachten_per_interval


def test_day_numbers_count_from_1970() -> None:
    assert dagnummer(date(1970, 1, 1)) == 0
    assert dagnummer(date(2025, 1, 1)) == 20089
    assert dagnummer(date(1969, 12, 31)) == -1


@given(st.lists(st.integers(1, 120), min_size=1, max_size=6), st.data())
def test_grouped_runs_give_the_nights_of_each_run(lengtes: list[int], data: st.DataObject
                                                  ) -> None:
    grenzen = [20000]
    for lengte in lengtes:
        grenzen.append(grenzen[-1] + lengte)
    binnen = grenzen[1:-1]
    runs = data.draw(st.lists(st.tuples(st.integers(grenzen[0], grenzen[-1] - 1),
                                        st.integers(1, 400)), min_size=1, max_size=20))
    runs = [(b, min(b + n, grenzen[-1])) for b, n in runs]
    groepen: dict[tuple[int, int], list[int]] = {}
    for b, e in runs:
        som = groepen.setdefault((bisect_right(binnen, b), bisect_right(binnen, e - 1)),
                                 [0, 0, 0])
        som[0] += 1
        som[1] += b
        som[2] += e
    verwacht = [0] * len(lengtes)
    for b, e in runs:  # night by night
        for dag in range(b, e):
            verwacht[bisect_right(binnen, dag)] += 1
    gekregen = [0] * len(lengtes)
    for (kb, ke), (aantal, som_van, som_tot) in groepen.items():
        for k, nachten in nachten_per_interval(grenzen, kb, ke, aantal, som_van, som_tot):
            gekregen[k] += nachten
    assert gekregen == verwacht
