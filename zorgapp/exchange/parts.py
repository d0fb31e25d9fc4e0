"""Extension point: per-dossier data kept outside the dossier document.

Features that store more about a case in their own tables (placements, costs) register
a ``BundlePart`` here, so a bundle carries that data too (``parts`` in each
``dossiers/<uuid>.json``), it counts when comparing "identical / differs", and an
import writes it back. A part must be JSON-safe and deterministic (same rows, same
JSON), or every re-import would look like a change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from zorgapp.store.connection import Connection


@dataclass(frozen=True)
class BundlePart:
    name: str
    # The rows of one dossier as JSON: fn(db, dossier_uuid) -> value.
    export: Callable[[Connection, str], Any]
    # Replace the rows of one dossier: fn(db, dossier_uuid, value, fresh_ids). With
    # ``fresh_ids`` (import "keep both") the rows get new uuids of their own.
    replace: Callable[[Connection, str, Any, bool], None]
    # Check an incoming value before anything is written: fn(db, dossier_uuid, value) ->
    # the uuids of its rows. Raises DomainError (or ValueError, KeyError, TypeError) for
    # a value the domain refuses; the caller refuses row uuids that another case here
    # already uses, or that occur twice in the bundle.
    check: Callable[[Connection, str, Any], list[str]] | None = None


PARTS: dict[str, BundlePart] = {}


def register(part: BundlePart) -> None:
    PARTS[part.name] = part


def export_parts(db: Connection, dossier_uuid: str) -> dict[str, Any]:
    return {name: part.export(db, dossier_uuid) for name, part in sorted(PARTS.items())}
