"""The app side of the AT-SPI test (run with the project's Python, the accessibility bridge
on): a demo window that shows one screen after another, each when the test asks for it on
stdin, and says on stdout which screen shows ("SCREEN <name>")."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSocketNotifier


def main() -> int:
    from tests.gui.a11y_walk import demo_window, screens, wait
    from zorgapp.ui.application import create_application

    app = create_application()  # the styling and accessibility fixes of the real start
    folder = tempfile.TemporaryDirectory(prefix="zorgapp-atspi-")
    window = demo_window(Path(folder.name), cases=6)
    window.activateWindow()
    print("PID", app.applicationPid(), flush=True)
    print("PASSPHRASE", window.demo_passphrase, flush=True)
    walk = screens(window)

    def step() -> None:
        line = sys.stdin.readline()
        if not line or line.strip() == "quit":
            notifier.setEnabled(False)
            window.lock()
            window._may_close = True
            wait()
            app.quit()
            return
        try:
            name, _root = next(walk)
        except StopIteration:
            print("SCREEN <end>", flush=True)
            return
        window.raise_()
        window.activateWindow()  # no window manager under Xvfb: make it the active one
        wait()
        print("SCREEN", name, flush=True)

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(step)
    code = app.exec()
    folder.cleanup()
    return int(code)


if __name__ == "__main__":
    raise SystemExit(main())
