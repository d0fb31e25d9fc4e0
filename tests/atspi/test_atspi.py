"""Read the running app through the Linux accessibility bus, like a screen reader (issue 16).

Set-up per run: Xvfb (1366x768), a private D-Bus session, ``at-spi-bus-launcher``, the app
from this environment with ``QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1`` (tests/atspi/app_main.py),
and the reader: tests/atspi/probe.py run with the system Python that has ``pyatspi``.
Skipped, with the reason, where one of these is missing. Marker ``atspi`` (not in the
default run; .ci/run runs it).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.atspi

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SYSTEM_PYTHON = "/usr/bin/python3"
LAUNCHERS = ("/usr/libexec/at-spi-bus-launcher", "/usr/lib/at-spi2-core/at-spi-bus-launcher")
INTERACTIVE = {"push button", "toggle button", "check box", "radio button", "combo box",
               "spin button", "table", "tree table", "slider", "page tab", "password text"}


def _missing() -> str | None:
    if not sys.platform.startswith("linux"):
        return "AT-SPI is the Linux accessibility bus"
    for tool in ("Xvfb", "dbus-daemon"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (apt-get install xvfb dbus)"
    if not any(Path(p).exists() for p in LAUNCHERS):
        return "at-spi-bus-launcher is not installed (apt-get install at-spi2-core)"
    if not Path(SYSTEM_PYTHON).exists() or subprocess.run(
            [SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True).returncode != 0:
        return "pyatspi is not importable by /usr/bin/python3 (apt-get install python3-pyatspi)"
    return None


class Session:
    """Xvfb + D-Bus session + accessibility bus + the app, torn down in reverse order."""

    def __init__(self, tmp: Path) -> None:
        self.procs: list[subprocess.Popen[Any]] = []
        self.bus_pid = 0
        self.env = dict(os.environ)
        try:
            self._start(tmp)
        except BaseException:
            self.close()
            raise

    def _start(self, tmp: Path) -> None:
        xvfb = subprocess.Popen(["Xvfb", "-displayfd", "1", "-screen", "0", "1366x768x24",
                                 "-nolisten", "tcp"], stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True)
        self.procs.append(xvfb)
        assert xvfb.stdout is not None
        display = xvfb.stdout.readline().strip()
        self.env["DISPLAY"] = f":{display}"
        bus = subprocess.run(["dbus-daemon", "--session", "--fork", "--print-address=1",
                              "--print-pid=1"], capture_output=True, text=True, check=True)
        address, pid = bus.stdout.split()[:2]
        self.bus_pid = int(pid)
        self.env.update(DBUS_SESSION_BUS_ADDRESS=address, QT_QPA_PLATFORM="xcb",
                        QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", QT_ACCESSIBILITY="1",
                        NO_AT_BRIDGE="0", GTK_A11Y="atspi",
                        XDG_CONFIG_HOME=str(tmp / "config"), XDG_DATA_HOME=str(tmp / "data"),
                        XDG_RUNTIME_DIR=str(tmp))
        launcher = next(p for p in LAUNCHERS if Path(p).exists())
        self.procs.append(subprocess.Popen([launcher, "--launch-immediately"], env=self.env,
                                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        app_env = dict(self.env, PYTHONPATH=str(ROOT))
        self.log = tmp / "app.log"  # the app's stderr, shown when it fails to start
        with self.log.open("w") as log:
            self.app = subprocess.Popen([sys.executable, "-m", "tests.atspi.app_main"],
                                        cwd=ROOT, env=app_env, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=log, text=True,
                                        bufsize=1)
        self.procs.append(self.app)
        self.pid = int(self._expect("PID"))
        self.passphrase = self._expect("PASSPHRASE")

    def _expect(self, word: str) -> str:
        assert self.app.stdout is not None
        for _ in range(200):
            line = self.app.stdout.readline()
            if not line:
                tail = self.log.read_text(errors="replace")[-3000:]
                raise RuntimeError(f"the app ended before it said {word}:\n{tail}")
            if line.startswith(word + " "):
                return line[len(word) + 1:].strip()
        raise RuntimeError(f"no {word} from the app")

    def next_screen(self) -> str:
        assert self.app.stdin is not None
        self.app.stdin.write("next\n")
        self.app.stdin.flush()
        return self._expect("SCREEN")

    def read(self, tab: bool = False) -> dict[str, Any]:
        args = [SYSTEM_PYTHON, str(HERE / "probe.py"), str(self.pid)] + (["--tab"] if tab else [])
        done = subprocess.run(args, env=self.env, capture_output=True, text=True, timeout=180)
        assert done.returncode == 0, done.stderr[-2000:]
        return dict(json.loads(done.stdout))

    def close(self) -> None:
        app = getattr(self, "app", None)
        if app is not None and app.poll() is None and app.stdin is not None:
            try:
                app.stdin.write("quit\n")
                app.stdin.flush()
                app.wait(timeout=30)
            except (OSError, subprocess.TimeoutExpired):
                pass
        for proc in reversed(self.procs):
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
        if self.bus_pid:
            with contextlib.suppress(OSError):
                os.kill(self.bus_pid, 15)


@pytest.fixture(scope="module")
def screens(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Session, dict[str, Any]]]:
    """Every screen as the reader saw it: {screen: probe result}."""
    reason = _missing()
    if reason:
        pytest.skip(reason)
    session = Session(tmp_path_factory.mktemp("atspi"))
    seen: dict[str, Any] = {}
    try:
        while True:
            name = session.next_screen()
            if name == "<end>":
                break
            seen[name] = session.read(tab=name != "vergrendelscherm")
        yield session, seen
    finally:
        session.close()


def _interactive(objects: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [o for o in objects if o["showing"] and (
        o["role"] in INTERACTIVE or (o["role"] in ("text", "entry") and o["editable"]))]


def test_every_screen_was_read(screens: tuple[Session, dict[str, Any]]) -> None:
    _session, seen = screens
    assert "overzicht" in seen and "dossiers" in seen and "vergrendelscherm" in seen
    assert sum(name.startswith("dossier/") for name in seen) >= 6
    for name, result in seen.items():
        assert _interactive(result["objects"]), name


def test_every_control_is_named_by_its_purpose(screens: tuple[Session, dict[str, Any]]) -> None:
    _session, seen = screens
    bad = []
    for screen, result in seen.items():
        for obj in _interactive(result["objects"]):
            name, value = obj["name"].strip(), obj["value"].strip()
            if not name:
                bad.append((screen, obj["role"], "no name", value))
            elif value and name == value:
                bad.append((screen, obj["role"], "named by its value", value))
    assert bad == []


def test_tab_leaves_every_table(screens: tuple[Session, dict[str, Any]]) -> None:
    _session, seen = screens
    checked = [(screen, t) for screen, result in seen.items() for t in result.get("tab", [])]
    assert checked, "no table was tried"
    unfocused = [(screen, t["name"]) for screen, t in checked if not t["focused_before"]]
    assert unfocused == [], "the reader could not put the focus on these tables"
    trapped = [(screen, t["name"]) for screen, t in checked if t["focused_before"] and not t["left"]]
    assert trapped == []


def test_labelled_values_are_heard(screens: tuple[Session, dict[str, Any]]) -> None:
    session, seen = screens
    labels = {screen: [o["name"] for o in result["objects"] if o["role"] == "label"]
              for screen, result in seen.items()}
    assert any(session.passphrase in name for name in labels["vergrendelscherm"])
    assert any(re.search(r"Kluis: demo\.zorg", name) for name in labels["vergrendelscherm"])
    assert any(re.search(r"Nieuwe meldingen deze week: \d+", n) for n in labels["overzicht"])
    assert any(re.search(r"Bijgewerkt om .*\d", n) for n in labels["overzicht"])
    assert any(re.search(r"Kluis: demo\.zorg", n) for n in labels["overzicht"])  # status bar
