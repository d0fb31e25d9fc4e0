"""Forward-only schema migrations on ``PRAGMA user_version``.

Each ``NNN_name.sql`` brings the schema from version NNN-1 to NNN. The runner makes a
backup before it touches an existing vault, then applies each step in its own
transaction together with the new ``user_version``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from importlib import resources
from typing import Any


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


def python_step(name: str) -> Callable[[Any], object] | None:
    """The Python part of a step, run after its SQL in the same transaction; keyed by
    the step's name, because numbers change when branches are merged. Needed where a
    step must read documents, which are compressed since schema 5."""
    if name == "partners":
        from zorgapp.store.partners import koppel_losse_partners

        return koppel_losse_partners
    if name == "statistiek":
        from zorgapp.store.statistiek import vul_statistiek_kolommen

        return vul_statistiek_kolommen
    if name == "deadlines":
        from zorgapp.store.deadlines import vul_deadlines

        return vul_deadlines
    return None
