"""``jsontext``: the bytes of the standard library, written by orjson where it can.

A bundle's files are hashed and signed, and a document's text is what the dictionary
compresses: the fast writer must give the very bytes ``json.dumps`` gave before.
"""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zorgapp import jsontext

# What documents and bundles hold: strings (any text, control characters, line
# separators, non-BMP), integers within and beyond 64 bits, booleans, null, nested
# lists and objects; no floats (``domain.geld`` refuses them).
_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)
_SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), _TEXT)
_JSON = st.recursive(_SCALAR, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(_TEXT, inner, max_size=4)), max_leaves=25)


def _compact(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _readable(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


@settings(max_examples=500, deadline=None)
@given(data=_JSON)
def test_the_same_bytes_as_the_standard_library(data: Any) -> None:
    assert jsontext.compact(data) == _compact(data)
    assert jsontext.readable(data) == _readable(data)


class _Soort(StrEnum):
    OMM = "omm"


@pytest.mark.parametrize("data", [
    {2: "a", 1: "b"},                      # keys that are not strings
    {"groot": 2 ** 64, "klein": -(2 ** 63) - 1},  # beyond 64 bits
    {"soort": _Soort.OMM, _Soort.OMM: [1]},  # subclasses of str, as keys too
    {"rij": (1, "twee", None)},            # tuples are lists
    {"b": {"  x": "a  b\n  c"}, "a": [[], {}, [[1]]]},  # spaces that are not indentation
    [], {}, "", 0,
])
def test_what_orjson_writes_otherwise_is_written_by_the_standard_library(data: Any) -> None:
    assert jsontext.compact(data) == _compact(data)
    assert jsontext.readable(data) == _readable(data)


def test_what_the_standard_library_refuses_is_still_refused() -> None:
    from datetime import date

    for data in ({"op": date(2026, 1, 1)}, {"x": object()}):
        with pytest.raises(TypeError):
            jsontext.compact(data)
        with pytest.raises(TypeError):
            jsontext.readable(data)


@settings(max_examples=200, deadline=None)
@given(value=st.floats(allow_nan=False, allow_infinity=False))
def test_a_float_reads_back_as_the_same_number(value: float) -> None:
    assert json.loads(jsontext.compact({"x": value}))["x"] == value
    assert json.loads(jsontext.readable([value]))[0] == value


def test_real_documents_are_written_byte_for_byte() -> None:
    from zorgapp.services.demo import DemoGenerator

    generator = DemoGenerator()
    for dossier in generator.dossiers(40):
        document = dossier.to_dict()
        assert jsontext.compact(document) == _compact(document)
        assert jsontext.readable(document) == _readable(document)
