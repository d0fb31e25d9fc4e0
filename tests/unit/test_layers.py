"""The layering of STYLE.md, checked mechanically with import-linter."""

from __future__ import annotations

import logging
import os
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[2]
UI_CONTRACT = "UI reaches data through services"


@contextmanager
def _in_root() -> Iterator[None]:
    cwd = os.getcwd()
    os.chdir(ROOT)
    # import-linter configures logging and disables the loggers that exist: undo that.
    loggers = [lg for lg in logging.Logger.manager.loggerDict.values()
               if isinstance(lg, logging.Logger) and not lg.disabled]
    try:
        yield
    finally:
        os.chdir(cwd)
        for logger in loggers:
            logger.disabled = False


def _config() -> dict[str, Any]:
    with open(ROOT / "pyproject.toml", "rb") as fh:
        return dict(tomllib.load(fh)["tool"]["importlinter"])


def test_import_contracts_are_kept() -> None:
    with _in_root():
        assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0


def test_ui_reaches_the_store_only_through_services() -> None:
    """``zorgapp.ui`` never imports ``zorgapp.store`` at run time (annotations under
    ``TYPE_CHECKING`` aside): every vault action of the GUI is a service function."""
    config = _config()
    assert config["exclude_type_checking_imports"] is True
    [contract] = [c for c in config["contracts"] if c["name"] == UI_CONTRACT]
    assert contract["type"] == "forbidden"
    assert contract["source_modules"] == ["zorgapp.ui"]
    assert contract["forbidden_modules"] == ["zorgapp.store"]
    with _in_root():
        assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True,
                            limit_to_contracts=(contract["id"],)) == 0
