"""JSON from outside, parsed only after its size and nesting depth are known to be sane.

Python's parser recurses once per nested array or object: a few kilobytes of ``[[[[``
end in a ``RecursionError`` traceback, and a file of any size is read whole. Everything
Zorgapp reads from a file it did not just write itself (bundle members, the
``.failed`` file beside a vault) goes through ``loads`` here, which refuses with
``JsonLimitError`` before parsing: too large, nested too deep, duplicate keys,
``NaN``/``Infinity``, or simply not JSON.
"""

from __future__ import annotations

import json
import re
from typing import Any

DEFAULT_DEPTH = 32

# A complete string, or an unterminated one taken to the end (invalid JSON either way):
# possessive, so a hostile input cannot make the scan quadratic.
# Runs of plain characters are taken whole (``++``): a third of the time of one character
# at a time, on the dossier files of a bundle.
_STRING = re.compile(rb'"(?:[^"\\]++|\\.)*+"|".*', re.DOTALL)
_NOT_BRACKET = re.compile(rb"[^\[\]{}]+")
_EMPTY_PAIR = re.compile(rb"\[\]|\{\}")


class JsonLimitError(ValueError):
    """The text is not JSON, or not JSON within the limits; ``reason`` says which."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def depth_within(data: bytes, max_depth: int) -> bool:
    """Whether no array/object nests deeper than ``max_depth`` (strings ignored).

    Brackets inside strings are taken out first; then the innermost empty pairs are
    peeled off ``max_depth`` times: whatever is left nests deeper (or is unbalanced,
    which the parser refuses anyway). Linear in the size, no recursion.
    """
    brackets = _NOT_BRACKET.sub(b"", _STRING.sub(b'""', data))
    for _ in range(max_depth):
        if not brackets:
            return True
        brackets, count = _EMPTY_PAIR.subn(b"", brackets)
        if count == 0:
            return False
    return not brackets


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise JsonLimitError("duplicate key")
    return result


def _no_constant(name: str) -> Any:
    raise JsonLimitError(f"constant {name}")


def loads(data: bytes, *, max_bytes: int, max_depth: int = DEFAULT_DEPTH) -> Any:
    """Parse UTF-8 JSON within the limits, or raise ``JsonLimitError``."""
    if len(data) > max_bytes:
        raise JsonLimitError("size")
    if not depth_within(data, max_depth):
        raise JsonLimitError("depth")
    try:
        text = data.decode("utf-8")
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except JsonLimitError:
        raise
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise JsonLimitError("json") from None
