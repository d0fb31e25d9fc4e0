"""Folding text for search, so that names are found as people type them.

A coordinator types "stefanescu" for "Ștefănescu" and "lukasz" for "Łukasz". Unicode
decomposition removes most diacritics; a few letters (Ł, Ø, ß, Đ, Æ, Œ, ı) are separate
letters with no decomposition and get an explicit mapping.
"""

from __future__ import annotations

import re
import unicodedata

_SPECIAL = str.maketrans({
    "Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "Ð": "D", "ð": "d",
    "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe", "ß": "ss", "ı": "i", "Þ": "Th", "þ": "th",
})
_TOKEN = re.compile(r"\w+", re.UNICODE)


def vouw(text: str) -> str:
    """Lower case, without diacritics: the form both the index and queries use."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.casefold()


def zoektermen(query: str) -> list[str]:
    """The words of a query, folded; punctuation splits words like the index does."""
    return _TOKEN.findall(vouw(query))


def fts_query(query: str) -> str:
    """An FTS5 MATCH expression: every word must occur as a word prefix."""
    return " AND ".join(f'"{term}"*' for term in zoektermen(query))
