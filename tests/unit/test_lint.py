"""Lint and types that run: ``ruff check`` and ``mypy`` over the project, as tests, the
way ``test_layers.py`` runs import-linter. Their settings live in pyproject.toml."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
STRICT_CORE = ("zorgapp.domain", "zorgapp.store", "zorgapp.services", "zorgapp.exchange")


def _tool(name: str) -> None:
    if importlib.util.find_spec(name) is None:
        pytest.skip(f"{name} is not installed (pip install -e '.[test]' brings it)")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=900, check=False)


def _config() -> dict[str, Any]:
    with open(ROOT / "pyproject.toml", "rb") as fh:
        return dict(tomllib.load(fh)["tool"])


def test_ruff_finds_nothing() -> None:
    _tool("ruff")
    done = _run("ruff", "check", "--no-fix", "--output-format", "concise", ".")
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_finds_nothing() -> None:
    _tool("mypy")
    done = _run("mypy")  # files and strictness from [tool.mypy]
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_core_is_typed_strictly() -> None:
    """STYLE habit 11: mypy strict on domain, store, services (and exchange)."""
    overrides = _config()["mypy"]["overrides"]
    strict = [o for o in overrides if o.get("disallow_untyped_defs") is True]
    covered = {m.removesuffix(".*") for o in strict for m in o["module"]}
    for package in STRICT_CORE:
        assert package in covered or "zorgapp" in covered, package
        relaxed = [o for o in overrides if f"{package}.*" in o["module"]
                   and (o.get("disallow_untyped_defs") is False or o.get("ignore_errors"))]
        assert not relaxed, package
