"""Forward-only schema migrations on ``PRAGMA user_version``.

Each ``NNN_name.sql`` brings the schema from version NNN-1 to NNN. The runner makes a
backup before it touches an existing vault, then applies each step in its own
transaction together with the new ``user_version``.
"""

from __future__ import annotations

import re
from importlib import resources


def migrations() -> list[tuple[int, str, str]]:
    """All steps as (version, name, sql), in order."""
    steps = []
    for entry in resources.files(__name__).iterdir():
        match = re.fullmatch(r"(\d{3})_(\w+)\.sql", entry.name)
        if match:
            steps.append((int(match.group(1)), match.group(2), entry.read_text(encoding="utf-8")))
    steps.sort()
    for expected, (version, _name, _sql) in enumerate(steps, start=1):
        if version != expected:
            raise RuntimeError(f"migration {expected:03d} is missing")
    return steps


def latest_version() -> int:
    return len(migrations())
