"""The JSON Schema of bundle documents (``docs/bundle-schema.json``), applied on import.

The package carries its own copy (``bundle-schema.json`` beside this file; a test keeps
it identical to the documented one), so a frozen build checks exactly what the
documentation promises. ``jsonschema`` keeps JSON's types apart from Python's: ``true``
is not the integer 1, a name must be a string.

Two validators of the same schema: ``jsonschema_rs`` (compiled) says whether a document
is valid, in a few microseconds; ``jsonschema`` (pure Python, about 5 ms a dossier: half
the time of reading a 1,000-dossier bundle) runs only for a document that one refused,
and has the last word: it alone refuses, and it writes the message. So a document is
never refused that was accepted before, and the messages stay as they were; the one way
the fast check could let through what the full check would refuse, a different reading
of a keyword, is what ``tests/unit/exchange/test_schema_fast.py`` looks for.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator

SCHEMA_FILE = "bundle-schema.json"
_MAX_REPORTED = 3


@cache
def schema() -> dict[str, Any]:
    text = resources.files("zorgapp.exchange").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _definition(definition: str) -> dict[str, Any]:
    """``$defs/<definition>`` as a schema of its own, with the definitions it refers to."""
    root = schema()
    sub = dict(root["$defs"][definition])
    sub["$defs"] = root["$defs"]
    sub["$schema"] = root["$schema"]
    return sub


@cache
def _validator(definition: str) -> Draft202012Validator:
    sub = _definition(definition)
    Draft202012Validator.check_schema(sub)
    return Draft202012Validator(sub)


@cache
def _fast(definition: str) -> Callable[[Any], bool]:
    """Whether a document is valid, by the compiled validator."""
    return jsonschema_rs.Draft202012Validator(_definition(definition)).is_valid


def valid_fast(document: Any, definition: str) -> bool:
    """The compiled check alone: ``False`` also for what it cannot read (a lone surrogate
    in a string, a key that is not a string), which the full check then judges."""
    try:
        return bool(_fast(definition)(document))
    except ValueError:
        return False


def problems(document: Any, definition: str) -> list[str]:
    """Where ``document`` breaks ``$defs/<definition>``: JSON paths, never values.

    The paths go into messages and logs, so they must not carry personal data: only
    key names and list positions from the schema's own structure are used.
    """
    if valid_fast(document, definition):
        return []
    found: list[str] = []
    for error in _validator(definition).iter_errors(document):
        path = "".join(f"[{p}]" if isinstance(p, int) else f".{_safe(p)}" for p in error.absolute_path)
        found.append(f"${path}: {_what(error)}")
        if len(found) >= _MAX_REPORTED:
            break
    return sorted(found)


def _what(error: Any) -> str:
    """The kind of problem; for a missing key its name (from the schema, not the data)."""
    if error.validator == "required" and isinstance(error.instance, dict):
        missing = [k for k in error.validator_value if k not in error.instance]
        return "ontbreekt " + ", ".join(missing)
    if error.validator == "type":
        expected = error.validator_value
        return "geen " + ("/".join(expected) if isinstance(expected, list) else str(expected))
    return str(error.validator)


def _safe(key: Any) -> str:
    """A key name from the document, short and printable (it may be the sender's text)."""
    text = "".join(c for c in str(key) if c.isprintable())
    return text[:40]
