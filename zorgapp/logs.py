"""Logging to a rotating file in a user-only folder, with personal data kept out.

The filter is a second line of defence: code logs codes and uuids, never names. It
drops arguments from records of third-party libraries and redacts anything that looks
like a BSN, a dossier name field or an e-mail address.
"""

from __future__ import annotations

import logging
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


class RotatingLog(logging.Handler):
    """``logging.handlers.RotatingFileHandler`` (1 MB, three old files), made at the
    first record: that module brings socket, pickle and queue along, 15 ms the window
    start would wait for (issue 15). The file is private (0600)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.baseFilename = str(path)  # as a FileHandler names its file
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self._file is None:
            import logging.handlers

            try:
                self._file = logging.handlers.RotatingFileHandler(
                    self.baseFilename, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
                os.chmod(self.baseFilename, 0o600)
            except OSError:
                self.handleError(record)
                return
            self._file.setFormatter(self.formatter)
        self._file.emit(record)  # filtered already, by this handler

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def setup_logging(level: int = logging.INFO, folder: Path | None = None) -> Path:
    folder = folder or log_dir()
    path = folder / "zorgapp.log"
    handler = RotatingLog(path)
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
