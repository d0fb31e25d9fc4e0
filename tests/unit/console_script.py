"""Run the *installed* ``zorgapp`` console script, as a user or a script would.

Calling ``cli.main`` in-process misses what only the installed entry point does
(``app.main``'s dispatch between window and command line); these helpers start the
real script in a subprocess with an isolated data folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import PASSPHRASE


def zorgapp_script() -> str:
    """The venv's own script first (it matches this interpreter), else the PATH's."""
    here = Path(sys.executable).parent
    for name in ("zorgapp", "zorgapp.exe"):
        if (here / name).is_file():
            return str(here / name)
    found = shutil.which("zorgapp")
    assert found, "the zorgapp console script is not installed (pip install -e .[test])"
    return found


def environment(data_dir: Path, passphrase: str | None = PASSPHRASE) -> dict[str, str]:
    env = dict(os.environ, ZORGAPP_DATA_DIR=str(data_dir), QT_QPA_PLATFORM="offscreen",
               PYTHONIOENCODING="utf-8")
    env.pop("ZORGAPP_PASSPHRASE", None)
    if passphrase is not None:
        env["ZORGAPP_PASSPHRASE"] = passphrase
    return env


def run_zorgapp(data_dir: Path, *argv: str,
                passphrase: str | None = PASSPHRASE) -> subprocess.CompletedProcess[str]:
    return subprocess.run([zorgapp_script(), *argv], capture_output=True, text=True,
                          encoding="utf-8", env=environment(data_dir, passphrase),
                          stdin=subprocess.DEVNULL, timeout=120, check=False)
