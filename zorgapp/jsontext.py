"""JSON text as the standard library writes it, written by ``orjson`` where it can.

Two forms are written in bulk: the compact text of every stored dossier document
(``store.doc_codec``; a 100,000-case demo encodes 100,000 of them) and the readable,
sorted text of the files in a bundle (``exchange.spec.encode_json``: hashed and signed,
and a bundle of 1,000 dossiers is mostly this). The standard library writes the
readable form with its pure-Python encoder (``indent`` turns the C one off), about
1.2 ms for a dossier file. ``orjson`` writes both forms in a tenth of the time, and
the bytes are the same, with two exceptions that are handled here:

* floats: ``orjson`` writes ``1e-5`` where Python writes ``1e-05``, and ``null`` for
  NaN and the infinities (which are not JSON). Documents and bundles hold no floats:
  amounts are Decimals and ``domain.geld`` refuses floats. Finding one would cost a walk
  over every value, as long as the writing itself, so a float is written ``orjson``'s
  way (read back as the same number);
* what ``orjson`` cannot write or writes in a form of its own (keys that are not
  strings, integers beyond 64 bits, subclasses of ``str``/``int``/``dict``/``list``,
  dates, dataclasses): it refuses, and the standard library writes the text or raises
  as it always did.

The readable form comes from ``orjson``'s two-space indentation, halved: a JSON string
never holds a raw newline (it is escaped), so every newline in the text starts a line
whose leading spaces are indentation only.
"""

from __future__ import annotations

import json
from typing import Any

import orjson

# Everything orjson would write in a form of its own is handed back (and refused).
_EIGEN = orjson.OPT_PASSTHROUGH_SUBCLASS | orjson.OPT_PASSTHROUGH_DATETIME \
    | orjson.OPT_PASSTHROUGH_DATACLASS
_READABLE = _EIGEN | orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE
#: Never in orjson's output (it escapes every control character): marks a line done.
_DONE = b"\x02"


def _refuse(value: Any) -> Any:
    raise TypeError(type(value).__name__)


def compact(data: Any) -> bytes:
    """``json.dumps(data, ensure_ascii=False, separators=(",", ":"))`` in UTF-8."""
    try:
        return orjson.dumps(data, default=_refuse, option=_EIGEN)
    except TypeError:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def readable(data: Any) -> bytes:
    """``json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\\n"`` in
    UTF-8: what a bundle's files hold."""
    try:
        text = orjson.dumps(data, default=_refuse, option=_READABLE)
    except TypeError:
        return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
                + "\n").encode("utf-8")
    return _halve_indentation(text)


def _halve_indentation(text: bytes) -> bytes:
    """Two spaces of indentation per level made one: deepest lines first, each marked
    done so that a shallower pass does not halve it again; then the marks go."""
    deepest = 0
    while b"\n" + b"  " * (deepest + 1) in text:
        deepest += 1
    for level in range(deepest, 0, -1):
        text = text.replace(b"\n" + b"  " * level, b"\n" + _DONE + b" " * level)
    return text.replace(b"\n" + _DONE, b"\n")
