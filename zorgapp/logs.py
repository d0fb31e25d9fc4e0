"""Logging to a rotating file in a user-only folder, with personal data kept out.

The filter is a second line of defence: code logs codes and uuids, never names. It
drops arguments from records of third-party libraries and redacts anything that looks
like a BSN, a dossier name field or an e-mail address.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
from pathlib import Path

from zorgapp.paths import log_dir

_REDACT = [
    re.compile(r"\b\d{8,9}\b"),  # BSN-like numbers
    re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+"),  # e-mail addresses
]


class PersonalDataFilter(logging.Filter):
    """Redact what could identify a person before a record reaches the file."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        for pattern in _REDACT:
            message = pattern.sub("[weggelaten]", message)
        record.msg, record.args = message, None
        return True


def setup_logging(level: int = logging.INFO, folder: Path | None = None) -> Path:
    folder = folder or log_dir()
    path = folder / "zorgapp.log"
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3,
                                                   encoding="utf-8")
    handler.addFilter(PersonalDataFilter())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_zorgapp", False)]:
        root.removeHandler(old)
        old.close()
    handler._zorgapp = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    if path.exists():
        os.chmod(path, 0o600)
    return path
