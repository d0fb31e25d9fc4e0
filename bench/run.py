"""Benchmarks: figures and ratios, never pass/fail.

    python bench/run.py [--sizes 100000] [--cache DIR] [--repeat 2] [--only cli dossiers]
                        [--fresh]

Runs every bench module (``bench/bench_*.py`` with a ``figures(ctx)`` function) and
prints one table: figure, value, the floor or peer measured in the same run, the ratio
of the two, and the goal. Demo vaults are made once per size with ``zorgapp demo`` and
kept in ``--cache`` (default ``$ZORGAPP_BENCH_CACHE`` or ``bench/out``; keep it outside
the repository); ``--fresh`` makes them again, which also measures the demo creation.
Whole commands are timed as a user runs them, in a subprocess: wall time, user CPU time
(the fairer figure on a machine others share) and peak memory.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PASSPHRASE = "benchmark wachtwoordzin"


@dataclass
class Figure:
    """One row of the table. ``floor`` is what the same work costs without the app
    (or a peer measured in the same run); the ratio is value / floor."""

    name: str
    value: float
    unit: str
    floor_name: str = ""
    floor: float | None = None
    goal: str = ""

    @property
    def ratio(self) -> float | None:
        return self.value / self.floor if self.floor else None


@dataclass(frozen=True)
class Run:
    """A whole command's cost: median wall time and user CPU time, peak memory."""

    wall: float
    user: float
    rss_mb: float
    returncode: int


@dataclass
class Context:
    sizes: list[int]
    cache: Path
    repeat: int
    fresh: bool
    made: dict[int, Run] = field(default_factory=dict)

    @property
    def passphrase_file(self) -> Path:
        path = self.cache / "passphrase.txt"
        if not path.exists():
            path.write_text(PASSPHRASE, encoding="utf-8")
            path.chmod(0o600)
        return path

    def vault(self, size: int) -> Path:
        """The demo vault of ``size`` cases, made with ``zorgapp demo`` when missing
        (or with ``--fresh``); the making is timed (``made``)."""
        path = self.cache / f"demo-{size}.zorg"
        if self.fresh and size not in self.made:
            for suffix in ("", ".key", ".head", "-wal", "-shm", ".lock"):
                Path(str(path) + suffix).unlink(missing_ok=True)
        if not path.exists():
            self.made[size] = command(["demo", str(path), "--cases", str(size),
                                       "--passphrase-file", str(self.passphrase_file)])
        return path

    @property
    def year(self) -> int:
        """The last whole year of the demo data (it runs up to today)."""
        return date.today().year - 1


# Started from a small Python of its own: a child's peak memory (ru_maxrss) counts the
# process it was forked from, and this benchmark process is big (Qt, reportlab).
_MEASURE = """
import os, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
err = proc.stderr.read()
_pid, status, usage = os.wait4(proc.pid, 0)
wall = time.perf_counter() - start
sys.stderr.buffer.write(err[-300:])
print(wall, usage.ru_utime, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status))
"""


def command(args: Sequence[str], *, python: bool = False) -> Run:
    """Run ``zorgapp ARGS`` (or ``python ARGS``) once and measure it as a user sees it."""
    script = Path(sys.executable).with_name("zorgapp")  # the installed console script
    exe = [sys.executable] if python else [str(script)] if script.exists() else [
        sys.executable, "-m", "zorgapp"]
    env = {**os.environ, "ZORGAPP_PASSPHRASE": PASSPHRASE}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: modules compiled once, not per run
    done = subprocess.run([sys.executable, "-c", _MEASURE, *exe, *args], capture_output=True,
                          env=env, check=True)
    wall, user, rss, code = done.stdout.decode().split()
    if int(code) != 0:
        print(f"  ! {' '.join(args[:2])} exited {code}: "
              f"{done.stderr.decode(errors='replace').strip()}", file=sys.stderr)
    return Run(float(wall), float(user), float(rss), int(code))


def median_run(repeat: int, fn: Callable[[], Run]) -> Run:
    runs = [fn() for _ in range(repeat)]
    return Run(statistics.median(r.wall for r in runs), statistics.median(r.user for r in runs),
               max(r.rss_mb for r in runs), max(r.returncode for r in runs))


def modules(only: Sequence[str]) -> list[ModuleType]:
    found = []
    for path in sorted(Path(__file__).parent.glob("bench_*.py")):
        if only and path.stem.removeprefix("bench_") not in only:
            continue
        spec = importlib.util.spec_from_file_location(f"bench.{path.stem}", path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        if hasattr(module, "figures"):
            found.append(module)
    return found


def _num(value: float | None, unit: str = "") -> str:
    if value is None:
        return ""
    text = f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}" if value < 10 else f"{value:.1f}"
    return f"{text} {unit}".strip()


def table(figures: list[Figure]) -> str:
    rows = [("figure", "value", "floor or peer (same run)", "ratio", "goal")]
    for f in figures:
        floor = f"{f.floor_name}: {_num(f.floor, f.unit)}" if f.floor_name else ""
        ratio = f"{f.ratio:.2f}" if f.ratio is not None else ""
        rows.append((f.name, _num(f.value, f.unit), floor, ratio, f.goal))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    lines = [" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
             for r in rows]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def machine() -> str:
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0, 0, 0)
    return (f"{date.today().isoformat()}, {platform.machine()} {os.cpu_count()} cores, "
            f"Python {platform.python_version()}, load average {load[0]:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--cache", type=Path,
                        default=Path(os.environ.get("ZORGAPP_BENCH_CACHE", ROOT / "bench" / "out")))
    parser.add_argument("--repeat", type=int, default=2, help="runs per whole command")
    parser.add_argument("--only", nargs="*", default=[],
                        help="module names without bench_ (bundles, cli, dossiers, reports, start)")
    parser.add_argument("--fresh", action="store_true", help="make the demo vaults again")
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True, mode=0o700)
    ctx = Context(sorted(args.sizes), args.cache, args.repeat, args.fresh)
    print(f"bench: {machine()}; cache {args.cache}")
    figures: list[Figure] = []
    for module in modules(args.only):
        start = time.perf_counter()
        print(f"== {module.__name__} ...", flush=True)
        try:
            found = module.figures(ctx)
        except Exception as exc:  # noqa: BLE001 - one broken module must not hide the rest
            print(f"  ! {module.__name__} failed: {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        figures += found
        print(f"   {len(found)} figures in {time.perf_counter() - start:.0f} s", flush=True)
    print()
    print(table(figures))


if __name__ == "__main__":
    main()
