"""A big demo vault made on every core (issue 15: 100,000 cases within half a minute).

Worker processes make the dossiers, chunk by chunk, up to the row ``insert_regels``
writes (document encoded, index columns derived); the main process only places
them (``DemoOpvang``: the shelters' capacity is one state over all cases, so it runs
in case order), fills the meetings' agendas and writes. Deterministic for a seed and a
date, whatever the number of processes: the cases' dates are drawn first, as before;
the first chunk goes on with that generator (a vault of up to ``CHUNK`` cases has the
same cases as one made in one process) and every further chunk has a generator seeded
of its own. The few cases that may go on an agenda come back whole while the agendas
have room, and the main process finishes them in order, as ``fill_demo`` does.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.pool
import os
import random
import sys
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from multiprocessing.pool import AsyncResult
from typing import Any

from zorgapp.domain.deadlines import deadlines_voor, met_plaatsingen
from zorgapp.domain.dossier import Dossier
from zorgapp.domain.persoon import Persoon
from zorgapp.services.demo import DemoGenerator
from zorgapp.services.demo_opvang import DemoOpvang, stappen_van
from zorgapp.services.demo_overleg import DemoOverleg, kandidaat, terugkoppeling_en_riec
from zorgapp.services.demo_partners import DemoPartners
from zorgapp.spawn import without_main
from zorgapp.store.dossiers import Regel, regel

#: Cases per chunk a worker makes at a time.
CHUNK = 1000
#: From this many cases on, the workers are worth their start (about a second each).
PARALLEL_FROM = 5 * CHUNK

#: (uuid, person, stages) of a case that reached ``geplaatst``, for ``DemoOpvang.plaats``
Plek = tuple[str, Persoon, list[tuple[str, date]]]
#: per case: a finished row with its own deadlines, or the whole case to finish
Uitkomst = tuple[Regel | Dossier, Plek | None]


def loont(n: int) -> bool:
    """Whether ``n`` cases are made by workers (not in a frozen build: its executable
    would start the application, not a worker)."""
    return n >= PARALLEL_FROM and not getattr(sys, "frozen", False) and _cores() > 1


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@contextmanager
def vooraf(n: int) -> Iterator[Vuller | None]:
    """The workers of a vault of ``n`` cases (``None``: none pay), started before the
    vault exists, and stopped however its making ends (``make_demo_vault``)."""
    vuller = Vuller(DemoGenerator(), n) if loont(n) else None
    try:
        if vuller is not None:
            vuller.start()
        yield vuller
    finally:
        if vuller is not None:
            vuller.stop()


class Vuller:
    """Hands chunks of cases to worker processes and yields their rows in case order.

    ``start`` may come before the vault exists (``make_demo_vault``): the workers start
    and make their first chunks while this process derives the vault's key."""

    def __init__(self, generator: DemoGenerator, n: int) -> None:
        self.generator, self.n = generator, n
        self.seed, self.vandaag = generator.seed, generator.vandaag
        meldingen = generator.meldingen(n)
        eerste = generator.rng.getstate()
        self.opdrachten = iter([(k, eerste if k == 0 else None, meldingen[start:start + CHUNK])
                                for k, start in enumerate(range(0, n, CHUNK))])
        self.lopend: deque[AsyncResult[list[Uitkomst]]] = deque()
        self.pool: multiprocessing.pool.Pool | None = None
        self.vol: Any = None
        self.workers = min(_cores(), 4)

    def start(self) -> None:
        """The workers, with their first chunks."""
        if self.pool is not None:
            return
        context = multiprocessing.get_context("spawn")
        self.vol = context.Event()
        with without_main():
            self.pool = context.Pool(self.workers, _begin, (self.vol, self.seed, self.vandaag))
        self._vooruit()

    def stop(self) -> None:
        """The workers stopped (at the end, or when the vault could not be made)."""
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None

    def _vooruit(self) -> None:
        """A few chunks in flight, not every chunk in memory."""
        assert self.pool is not None
        while len(self.lopend) < 2 * self.workers:
            opdracht = next(self.opdrachten, None)
            if opdracht is None:
                break
            self.lopend.append(self.pool.apply_async(_stuk, (opdracht,)))

    def regels(self, opvang: DemoOpvang, overleg: DemoOverleg,
               progress: Callable[[int, int], Any] | None = None) -> Iterator[Regel]:
        """The rows of every case, in order; the workers stop with the last."""
        self.opvang, self.overleg = opvang, overleg
        self.start()
        try:
            gedaan = 0
            while self.lopend:
                for uitkomst in self.lopend.popleft().get():
                    if progress and gedaan % 1000 == 0:
                        progress(gedaan, self.n)
                    yield self._af(uitkomst)
                    gedaan += 1
                if overleg.vol():
                    self.vol.set()  # the workers stop sending whole cases
                self._vooruit()
        finally:
            self.stop()

    def _af(self, uitkomst: Uitkomst) -> Regel:
        """A row with its final deadlines: the case's own and its new placement's."""
        gemaakt, plek = uitkomst
        if isinstance(gemaakt, Dossier):  # may go on an agenda: finish it as fill_demo does
            self.overleg.dossier(gemaakt)
            gemaakt = regel(gemaakt, deadlines_voor(gemaakt, self.vandaag))
        if plek is not None:
            eerder = len(self.opvang.plaatsingen)
            self.opvang.plaats(*plek)
            if plek[2][-1][0] != "afgesloten":  # a closed case keeps no placement deadlines
                gemaakt.met_deadlines(met_plaatsingen(
                    gemaakt.deadlines, plek[0], self.opvang.plaatsingen[eerder:]))
        return gemaakt


_WORKER: dict[str, Any] = {}


def _begin(vol: Any, seed: int, vandaag: date) -> None:
    """A worker's start: the generator's tables are read once, not per chunk."""
    _WORKER.update(vol=vol, seed=seed, vandaag=vandaag, partners=DemoPartners(seed),
                   generator=DemoGenerator(seed=seed, vandaag=vandaag))


def _stuk(opdracht: tuple[int, Any, list[tuple[date, int]]]) -> list[Uitkomst]:
    """One chunk of cases, made as ``fill_demo`` makes them, up to their rows."""
    k, toestand, meldingen = opdracht
    generator: DemoGenerator = _WORKER["generator"]
    partners: DemoPartners = _WORKER["partners"]
    seed, vandaag, vol = _WORKER["seed"], _WORKER["vandaag"], _WORKER["vol"]
    generator.rng = random.Random(f"{seed}-stuk-{k}")
    if toestand is not None:
        generator.rng.setstate(toestand)
    uit: list[Uitkomst] = []
    # asked once a chunk (an Event takes a lock): a case sent whole while the agendas
    # just filled up is finished by the main process as ``fill_demo`` would, alike
    agenda_open = not vol.is_set()
    for melddatum, volgnummer in meldingen:
        dossier = generator.dossier(melddatum, volgnummer)
        terugkoppeling_en_riec(dossier, vandaag, seed)
        partners.koppel(dossier)  # its own generator: the order with the agenda is free
        stappen = stappen_van(dossier.traject)
        plek = ((dossier.uuid, dossier.persoon, stappen)
                if any(fase == "geplaatst" for fase, _d in stappen) else None)
        if agenda_open and kandidaat(dossier, seed) is not None:
            uit.append((dossier, plek))
            continue
        uit.append((regel(dossier, deadlines_voor(dossier, vandaag)), plek))
    return uit
