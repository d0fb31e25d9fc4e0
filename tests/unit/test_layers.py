"""The layering of STYLE.md, checked mechanically with import-linter."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[2]


def test_import_contracts_are_kept() -> None:
    cwd = os.getcwd()
    os.chdir(ROOT)
    # import-linter configures logging and disables the loggers that exist: undo that.
    loggers = [lg for lg in logging.Logger.manager.loggerDict.values()
               if isinstance(lg, logging.Logger) and not lg.disabled]
    try:
        assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0
    finally:
        os.chdir(cwd)
        for logger in loggers:
            logger.disabled = False
