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

TITLE = "Zorgapp"  # the lock screen's window title (APP_NAME), and the bare window's
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
        self.x.XFetchName.argtypes = [ctypes.c_void_p, ctypes.c_ulong,
                                      ctypes.POINTER(ctypes.c_char_p)]
        self.x.XFree.argtypes = [ctypes.c_void_p]
        self.x.XGetGeometry.argtypes = [ctypes.c_void_p, ctypes.c_ulong,
                                        *[ctypes.POINTER(ctypes.c_ulong)],
                                        *[ctypes.POINTER(ctypes.c_int)] * 2,
                                        *[ctypes.POINTER(ctypes.c_uint)] * 4]
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

    def title(self, window: int) -> str:
        name = ctypes.c_char_p()
        if not self.x.XFetchName(self.dpy, window, ctypes.byref(name)) or not name.value:
            return ""
        text = name.value.decode(errors="replace")
        self.x.XFree(name)
        return text

    def size(self, window: int) -> tuple[int, int]:
        root, x, y = ctypes.c_ulong(), ctypes.c_int(), ctypes.c_int()
        w, h, border, depth = (ctypes.c_uint() for _ in range(4))
        if not self.x.XGetGeometry(self.dpy, window, ctypes.byref(root), ctypes.byref(x),
                                   ctypes.byref(y), ctypes.byref(w), ctypes.byref(h),
                                   ctypes.byref(border), ctypes.byref(depth)):
            return 0, 0
        return w.value, h.value

    def wait_mapped(self, proc: subprocess.Popen[bytes], timeout: float = 60,
                    title: str = TITLE) -> float:
        """The moment the window called ``title`` is mapped at its full size (the caller
        started the clock); other windows a process may map first do not count."""
        end = time.perf_counter() + timeout
        while time.perf_counter() < end and proc.poll() is None:
            if not self.x.XPending(self.dpy):
                time.sleep(0.0005)
                continue
            self.x.XNextEvent(self.dpy, self.event)
            if self.event[0] & 0xFFFFFFFF == MAP_NOTIFY:
                now = time.perf_counter()
                window = self.event[5]  # XMapEvent.window
                width, height = self.size(window)
                # The main window, not a stray top-level (every one carries the app's
                # name as its title): the window is at least 960 by 600.
                if self.title(window) == title and width >= 900 and height >= 560:
                    return now
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


def _cpu_seconds(pid: int) -> float:
    """CPU time of a running process so far (Linux ``/proc``): the nanoseconds each of
    its threads ran (``schedstat``), else user + system time in clock ticks (10 ms,
    coarse next to the quarter second measured here)."""
    try:
        return sum(int((task / "schedstat").read_text().split()[0])
                   for task in Path(f"/proc/{pid}/task").iterdir()) / 1e9
    except (OSError, ValueError, IndexError):
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _time_to_map(watcher: _MapWatcher, args: list[str], env: dict[str, str]
                 ) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process) until its window was mapped."""
    watcher.drain()
    start = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        mapped = watcher.wait_mapped(proc)
        cpu = _cpu_seconds(proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return mapped - start, cpu


def measure(vault: Path, repeat: int = 5) -> dict[str, float]:
    """Medians to a mapped window, wall and CPU seconds, of the lock screen (``ours``)
    and of a bare PySide6 window (``bare``), started alternately. On a shared machine
    the CPU seconds are the steadier figure: wall time is mostly waiting for a core."""
    server, display = _xvfb()
    script = Path(sys.executable).with_name("zorgapp")
    app = [str(script)] if script.exists() else [sys.executable, "-m", "zorgapp"]
    try:
        watcher = _MapWatcher(display)
        with tempfile.TemporaryDirectory() as home:
            # Settings, logs and window state in a folder of this run, found the way a
            # user's are (platformdirs, through the XDG variables), not by ZORGAPP_DATA_DIR.
            env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
                   "XDG_CONFIG_HOME": f"{home}/config", "XDG_DATA_HOME": f"{home}/data",
                   "XDG_STATE_HOME": f"{home}/state"}
            env.pop("ZORGAPP_DATA_DIR", None)
            env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: compiled once
            ours: list[tuple[float, float]] = []
            bare: list[tuple[float, float]] = []
            _time_to_map(watcher, [sys.executable, "-c", BARE], env)  # warm the file cache
            _time_to_map(watcher, [*app, "--vault", str(vault)], env)
            for _ in range(repeat):
                bare.append(_time_to_map(watcher, [sys.executable, "-c", BARE], env))
                ours.append(_time_to_map(watcher, [*app, "--vault", str(vault)], env))
        watcher.close()
    finally:
        server.terminate()
        server.wait()
    return {"ours": statistics.median(w for w, _c in ours),
            "bare": statistics.median(w for w, _c in bare),
            "ours_cpu": statistics.median(c for _w, c in ours),
            "bare_cpu": statistics.median(c for _w, c in bare)}


def figures(ctx: Context) -> list[Figure]:
    if shutil.which("Xvfb") is None or ctypes.util.find_library("X11") is None:
        print("  ! bench_start needs Xvfb and libX11", file=sys.stderr)
        return []
    m = measure(ctx.vault(min(ctx.sizes)), max(5, ctx.repeat))
    return [Figure("start to the lock screen, window mapped (Xvfb): wall", m["ours"] * 1000,
                   "ms", "bare PySide6 window", m["bare"] * 1000, "ratio ≤ 1.5"),
            Figure("start to the lock screen, window mapped (Xvfb): CPU", m["ours_cpu"] * 1000,
                   "ms", "bare PySide6 window", m["bare_cpu"] * 1000, "ratio ≤ 1.5")]


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
        m = measure(target, a.repeat)
    for kind, ours, bare in (("wall", m["ours"], m["bare"]), ("CPU", m["ours_cpu"], m["bare_cpu"])):
        print(f"{kind}: lock screen {ours * 1000:.0f} ms, bare PySide6 window {bare * 1000:.0f} ms, "
              f"ratio {ours / bare:.2f}")
