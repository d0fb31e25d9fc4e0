"""Start to the lock screen, as a user sees it (issue 15, item 1).

Time from starting the process until its window is mapped on an X server (a private
``Xvfb``), for ``zorgapp --vault PATH`` (the lock screen) against a bare PySide6
window started and measured the same way, alternating, in one run.

The window is noticed the moment the X server maps it: this process listens for
``MapNotify`` on the root window (libX11 through ctypes) before it starts the child.
``xdotool search --sync`` would do the same job but polls only every 0.5 s, coarser
than what is measured here. Needs ``Xvfb`` and libX11; without them the module gives
no figures.

Used by ``bench/run.py``; on its own: ``python bench/bench_start.py [--repeat 5]``.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import Context, Figure

BARE = """
import sys
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv[:1])
window = QWidget()
window.setWindowTitle("Zorgapp")
window.resize(1280, 800)
window.show()
app.exec()
"""

MAP_NOTIFY = 19
SUBSTRUCTURE_NOTIFY_MASK = 1 << 19


class _MapWatcher:
    """Waits for the next top-level window mapped on ``display``."""

    def __init__(self, display: str) -> None:
        lib = ctypes.util.find_library("X11")
        if lib is None:
            raise RuntimeError("libX11 not found")
        self.x = ctypes.CDLL(lib)
        self.x.XOpenDisplay.restype = ctypes.c_void_p
        self.x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self.x.XDefaultRootWindow.restype = ctypes.c_ulong
        self.x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        self.x.XSelectInput.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_long]
        self.x.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
        self.x.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
        self.x.XPending.argtypes = [ctypes.c_void_p]
        self.x.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self.dpy = self.x.XOpenDisplay(display.encode())
        if not self.dpy:
            raise RuntimeError(f"cannot open display {display}")
        root = self.x.XDefaultRootWindow(self.dpy)
        self.x.XSelectInput(self.dpy, root, SUBSTRUCTURE_NOTIFY_MASK)
        self.x.XSync(self.dpy, 0)
        self.event = (ctypes.c_long * 24)()

    def drain(self) -> None:
        while self.x.XPending(self.dpy):
            self.x.XNextEvent(self.dpy, self.event)

    def wait_mapped(self, proc: subprocess.Popen[bytes], timeout: float = 60) -> float:
        """Seconds until a window is mapped (the caller started the clock)."""
        end = time.perf_counter() + timeout
        while time.perf_counter() < end and proc.poll() is None:
            if not self.x.XPending(self.dpy):
                time.sleep(0.0005)
                continue
            self.x.XNextEvent(self.dpy, self.event)
            if self.event[0] & 0xFFFFFFFF == MAP_NOTIFY:
                return time.perf_counter()
        raise RuntimeError(f"no window mapped (exit {proc.poll()})")

    def close(self) -> None:
        self.x.XCloseDisplay(self.dpy)


def _xvfb() -> tuple[subprocess.Popen[bytes], str]:
    read, write = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x900x24",
                             "-nolisten", "tcp"], pass_fds=(write,),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as fh:
        number = fh.readline().strip()
    return proc, f":{number}"


def _time_to_map(watcher: _MapWatcher, args: list[str], env: dict[str, str]) -> float:
    watcher.drain()
    start = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        mapped = watcher.wait_mapped(proc)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return mapped - start


def measure(vault: Path, repeat: int = 5) -> tuple[float, float]:
    """Median seconds to a mapped window: (zorgapp lock screen, bare PySide6 window)."""
    server, display = _xvfb()
    script = Path(sys.executable).with_name("zorgapp")
    app = [str(script)] if script.exists() else [sys.executable, "-m", "zorgapp"]
    try:
        watcher = _MapWatcher(display)
        with tempfile.TemporaryDirectory() as home:
            env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
                   "ZORGAPP_DATA_DIR": home}
            env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: compiled once
            ours, bare = [], []
            _time_to_map(watcher, [sys.executable, "-c", BARE], env)  # warm the file cache
            _time_to_map(watcher, [*app, "--vault", str(vault)], env)
            for _ in range(repeat):
                bare.append(_time_to_map(watcher, [sys.executable, "-c", BARE], env))
                ours.append(_time_to_map(watcher, [*app, "--vault", str(vault)], env))
        watcher.close()
    finally:
        server.terminate()
        server.wait()
    return statistics.median(ours), statistics.median(bare)


def figures(ctx: Context) -> list[Figure]:
    if shutil.which("Xvfb") is None or ctypes.util.find_library("X11") is None:
        print("  ! bench_start needs Xvfb and libX11", file=sys.stderr)
        return []
    ours, bare = measure(ctx.vault(min(ctx.sizes)), max(5, ctx.repeat))
    return [Figure("start to the lock screen, window mapped (Xvfb)", ours * 1000, "ms",
                   "bare PySide6 window", bare * 1000, "ratio ≤ 1.5")]


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--vault", type=Path, help="any vault file (only its path is used)")
    parser.add_argument("--repeat", type=int, default=5)
    a = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        target = a.vault or Path(folder) / "leeg.zorg"
        if not target.exists():
            target.write_bytes(b"")
        lock, plain = measure(target, a.repeat)
    print(f"lock screen {lock * 1000:.0f} ms, bare PySide6 window {plain * 1000:.0f} ms, "
          f"ratio {lock / plain:.2f}")
