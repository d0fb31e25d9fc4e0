"""Where Zorgapp keeps and finds its files, frozen (PyInstaller) or not.

User data and settings live in per-user folders (or under ``--data-dir`` for tests
and portable installs). Resources and translations are found inside the installed
package, next to the source tree, or in the PyInstaller bundle.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

_data_dir_override: Path | None = None


def set_data_dir(path: Path | None) -> None:
    """Use one folder for data, config and logs (tests, portable installs)."""
    global _data_dir_override
    _data_dir_override = Path(path) if path else None
    if _data_dir_override:
        make_private_dir(_data_dir_override)


def _root(kind: str) -> Path:
    if _data_dir_override is not None:
        return _data_dir_override / kind
    env = os.environ.get("ZORGAPP_DATA_DIR")
    if env:
        return Path(env) / kind
    # Only here: a start with --data-dir or ZORGAPP_DATA_DIR needs no platformdirs (10 ms).
    from platformdirs import user_config_dir, user_data_dir, user_log_dir

    if kind == "data":
        return Path(user_data_dir("zorgapp", appauthor=False))
    if kind == "config":
        return Path(user_config_dir("zorgapp", appauthor=False))
    return Path(user_log_dir("zorgapp", appauthor=False))


def data_dir() -> Path:
    return make_private_dir(_root("data"))


def config_dir() -> Path:
    return make_private_dir(_root("config"))


def log_dir() -> Path:
    return make_private_dir(_root("log"))


def make_private_dir(path: Path) -> Path:
    """Create a folder readable by the user only."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    with contextlib.suppress(OSError):  # foreign file systems
        os.chmod(path, 0o700)
    return path


def _package_dir() -> Path:
    if getattr(sys, "frozen", False):
        return Path(sys._MEIPASS) / "zorgapp"  # type: ignore[attr-defined]  # set by PyInstaller
    return Path(__file__).resolve().parent


def _find(name: str) -> Path:
    here = _package_dir()
    for candidate in (here / name, here.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(name)


def resource_dir() -> Path:
    """Icons, fonts, municipality data: inside the package or the source tree."""
    return _find("resources")


def translations_dir() -> Path:
    """Gettext catalogs (``LANG/LC_MESSAGES/zorgapp.po|mo``)."""
    return _find("translations")


def resource(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)
