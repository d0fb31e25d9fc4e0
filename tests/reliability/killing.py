"""SIGKILL machinery for the reliability suite (issue 11, item 13).

One loop for every command: record what is committed, start the installed ``zorgapp``
command, kill it (at a seeded random moment, or aimed at a window the command makes
visible on disk), then let the scenario judge what it left with ``vault check``,
``audit verify --anchor`` and a look inside. Every try lands in a ``Tally``; the
session prints all tallies as one table (tests/reliability/conftest.py).

"Committed" is known from outside the killed process: a marker case is added and the
trail's anchor (``SEQ:HASH``) taken just before each kill; after the kill the case must
still be there and ``audit verify --anchor`` must prove the trail up to it unchanged.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tests.conftest import PASSPHRASE
from zorgapp.domain.codes import MelderType, Uitbuitingsvorm
from zorgapp.domain.dossier import Melding
from zorgapp.domain.persoon import Persoon
from zorgapp.services.dossier_service import DossierService
from zorgapp.store.dossiers import DossierRepository
from zorgapp.store.vault import Vault

from .helpers import cli_env, zorgapp_command

#: Seed of the random kill moments: ``ZORGAPP_KILL_SEED`` repeats a run.
SEED_VARIABLE = "ZORGAPP_KILL_SEED"


_SESSION_SEED = int(time.time()) % 1_000_000


def kill_seed(default: int | None = None) -> int:
    """The fast sample uses a fixed seed; the slow run one new seed per session (printed)."""
    given = os.environ.get(SEED_VARIABLE)
    if given:
        return int(given)
    return default if default is not None else _SESSION_SEED


# -- what was committed -----------------------------------------------------------------

@dataclass(frozen=True)
class Snapshot:
    """What a vault held at one moment: its cases and its trail's anchor."""

    dossiers: frozenset[str]
    anchor: str
    marker: str = ""

    def lost_in(self, later: Snapshot) -> list[str]:
        """What of this snapshot is missing from ``later`` (the trail: see verify)."""
        missing = self.dossiers - later.dossiers
        return [f"{len(missing)} committed case(s) lost"] if missing else []


@contextmanager
def opened(path: Path, passphrase: str | None = PASSPHRASE,
           recovery_key: str | None = None) -> Iterator[Vault]:
    vault = (Vault.unlock_with_recovery_key(path, recovery_key or "") if passphrase is None
             else Vault.unlock(path, passphrase))
    try:
        yield vault
    finally:
        vault.lock()


def snapshot_of(vault: Vault, marker: str = "") -> Snapshot:
    with vault.read() as db:
        uuids = frozenset(DossierRepository(db).all_uuids())
    return Snapshot(uuids, vault.audit.anchor(), marker)


def add_marker_case(vault: Vault, label: str) -> str:
    """A committed change made just before a kill: a new case, with its audit entry."""
    melding = Melding(datum=date.today(), melder_type=MelderType.POLITIE,
                      vormen=[Uitbuitingsvorm.ARBEID])
    return DossierService(vault).nieuwe_melding(Persoon(naam=f"Markering {label}"), melding).uuid


def commit_marker(path: Path, label: str, passphrase: str | None = PASSPHRASE,
                  recovery_key: str | None = None) -> Snapshot:
    """Add a marker case and return the snapshot the kill must not lose."""
    with opened(path, passphrase, recovery_key) as vault:
        uuid = add_marker_case(vault, label)
        return snapshot_of(vault, uuid)


def snapshot_at(path: Path, passphrase: str | None = PASSPHRASE,
                recovery_key: str | None = None) -> Snapshot:
    with opened(path, passphrase, recovery_key) as vault:
        return snapshot_of(vault)


# -- the installed command ----------------------------------------------------------------

def start(data_dir: Path, *args: str, **env: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*zorgapp_command(), "--data-dir", str(data_dir), "--lang", "nl", *args],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=cli_env(**env))


def run(data_dir: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*zorgapp_command(), "--data-dir", str(data_dir), "--lang", "nl", *args],
        capture_output=True, text=True, timeout=300, env=cli_env(**env), check=False)


def secret_args(folder: Path, passphrase: str | None, recovery_key: str | None = None) -> list[str]:
    """``--passphrase-file`` (or ``--recovery-key-file``) for the checks after a kill."""
    if passphrase is None:
        target = folder / "herstelsleutel.txt"
        target.write_text(recovery_key or "", encoding="utf-8")
        return ["--recovery-key-file", str(target)]
    target = folder / "controle-zin.txt"
    target.write_text(passphrase, encoding="utf-8")
    return ["--passphrase-file", str(target)]


def check_fails(data_dir: Path, path: Path, secret: list[str]) -> list[str]:
    """``vault check`` on ``path``: its complaint, if any."""
    check = run(data_dir, "vault", "check", str(path), *secret)
    if check.returncode != 0:
        return [f"vault check exit {check.returncode}: {check.stderr.strip()[-300:]}"]
    return []


def verify_fails(data_dir: Path, path: Path, secret: list[str], anchor: str | None = None) -> list[str]:
    """``audit verify [--anchor SEQ:HASH]`` on ``path``: its complaint, if any."""
    verify = run(data_dir, "audit", "verify", str(path), *secret,
                 *(["--anchor", anchor] if anchor else []))
    if verify.returncode != 0:
        return [f"audit verify exit {verify.returncode}: {verify.stderr.strip()[-300:]}"]
    return []


def checks_fail(data_dir: Path, path: Path, secret: list[str], anchor: str | None = None) -> list[str]:
    """Both, in the order an administrator would run them after a crash."""
    return check_fails(data_dir, path, secret) + verify_fails(data_dir, path, secret, anchor)


# -- kills and their tally ----------------------------------------------------------------

@dataclass
class Tally:
    """Tries of one command: how many kills landed while it ran, how many held."""

    command: str
    seed: int = 0
    tries: int = 0
    kills: int = 0
    held: int = 0
    states: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def row(self) -> str:
        where = ", ".join(f"{k}: {v}" for k, v in sorted(self.states.items()))
        return f"| {self.command} | {self.tries} | {self.kills} | {self.held} | {where} |"


#: Every tally of this session, printed at its end (tests/reliability/conftest.py),
#: and other tables of tries and held (title, table), such as the bundle attack corpus.
TALLIES: list[Tally] = []
SUMMARIES: list[tuple[str, str]] = []


def table(tallies: list[Tally]) -> str:
    lines = ["| command | tries | kills | held | where the kills landed (state after) |",
             "|---|---|---|---|---|"]
    lines += [t.row() for t in tallies]
    total = (sum(t.tries for t in tallies), sum(t.kills for t in tallies), sum(t.held for t in tallies))
    lines.append(f"| total | {total[0]} | {total[1]} | {total[2]} | |")
    seeds = sorted({t.seed for t in tallies if t.seed})
    if seeds:
        lines.append(f"(seed{'s' if len(seeds) > 1 else ''}: {', '.join(map(str, seeds))}; "
                     f"repeat with {SEED_VARIABLE}=N)")
    return "\n".join(lines)


Watch = Callable[[], bool]


@dataclass(frozen=True)
class Try:
    """One start of the command: its arguments and where to aim the kill."""

    args: tuple[str, ...]
    window: Watch | None = None      # true once the command is inside the aimed window
    window_delay: float = 0.02       # then kill within this many seconds
    env: dict[str, str] = field(default_factory=dict)


def wait_for(window: Watch, proc: subprocess.Popen[bytes], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and proc.poll() is None:
        if window():
            return True
        time.sleep(0.0005)
    return False


class Scenario:
    """One command under kills. Subclasses say how to start a try and judge what it left."""

    command = ""

    def prepare(self) -> None:
        """One-time setup (vaults, backups, bundles)."""

    def next_try(self, attempt: int) -> Try:
        raise NotImplementedError

    def judge(self, finished: bool) -> tuple[str, list[str]]:
        """After the kill: (where it landed, problems). No problems means it held."""
        raise NotImplementedError

    def finish(self) -> list[str]:
        """After the last try: problems with what all tries together left."""
        return []


def calibrate(scenario: Scenario, data_dir: Path) -> float:
    """How long one uninterrupted run takes here and now (the range for random kills)."""
    attempt = scenario.next_try(-1)
    began = time.monotonic()
    proc = start(data_dir, *attempt.args, **attempt.env)
    code = proc.wait(timeout=600)
    duration = time.monotonic() - began
    assert code == 0, f"{scenario.command}: an uninterrupted run failed (exit {code})"
    _state, problems = scenario.judge(finished=True)
    assert not problems, problems
    return duration


def kill_runs(scenario: Scenario, data_dir: Path, kills: int, seed: int,
              calibrated: bool = True) -> Tally:
    """Until ``kills`` SIGKILLs have landed while the command ran (at most 3x as many
    tries): odd tries aimed at the scenario's window, even ones at a random moment of
    a measured run. Without ``calibrated`` (the fast sample) every try is aimed."""
    tally = Tally(scenario.command, seed)
    TALLIES.append(tally)
    began = time.monotonic()
    rng = random.Random(f"{seed}:{scenario.command}")
    scenario.prepare()
    duration = calibrate(scenario, data_dir) if calibrated else 20.0
    attempt = 0
    while tally.kills < kills and attempt < 3 * kills:
        one = scenario.next_try(attempt)
        proc = start(data_dir, *one.args, **one.env)
        if (attempt % 2 or not calibrated) and one.window is not None:
            how = "aimed"
            wait_for(one.window, proc, 3 * duration + 5)
            delay = rng.uniform(0, one.window_delay)
        else:
            how = "random"
            delay = rng.uniform(0.02, 1.1 * duration)
        time.sleep(delay)
        finished = proc.poll() is not None
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        state, problems = scenario.judge(finished)
        tally.tries += 1
        if not finished:
            tally.kills += 1
            tally.states[state] += 1
            tally.held += not problems
        if problems:
            tally.failures.append(f"try {attempt} ({how}, +{delay:.3f}s, {state}): {'; '.join(problems)}")
        attempt += 1
    tally.failures += [f"after all tries: {p}" for p in scenario.finish()]
    tally.seconds = time.monotonic() - began
    return tally


def report(tally: Tally, kills: int) -> None:
    """Print the tally and fail the test when any try did not hold."""
    print(f"\n{table([tally])}\n({tally.seconds:.0f} s)")
    assert not tally.failures, "\n".join(tally.failures)
    assert tally.kills >= kills, f"only {tally.kills} of {kills} kills landed while {tally.command} ran"
    assert tally.held == tally.kills


def vault_files(path: Path) -> set[str]:
    """The names a whole vault has beside it (and its lock file, harmless when left)."""
    return {path.name + s for s in ("", ".key", ".head", ".lock", "-wal", "-shm")}


def leftovers(folder: Path, allowed: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in allowed)


def new_passphrase(rng: random.Random) -> str:
    return "nieuwe zin " + "".join(rng.choice("abcdefghjkmnpqrstuvwxyz") for _ in range(10))
