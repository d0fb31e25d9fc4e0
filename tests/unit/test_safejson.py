"""``safejson``: the depth check before parsing, against a plain scanner."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zorgapp.safejson import JsonLimitError, depth_within, loads


def _depth(data: bytes) -> int | None:
    """The deepest nesting outside strings, one character at a time; ``None`` when the
    brackets do not pair up or a string stays open (the parser refuses that anyway)."""
    open_: list[str] = []
    deepest = 0
    in_string = escaped = False
    for byte in data:
        char = chr(byte)
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            open_.append(char)
            deepest = max(deepest, len(open_))
        elif char in "]}" and (not open_ or open_.pop() + char not in ("[]", "{}")):
            return None
    return deepest if not open_ and not in_string else None


@settings(max_examples=1000, deadline=None)
@given(data=st.lists(st.sampled_from([b'"', b"\\", b"[", b"]", b"{", b"}", b"a", b" ", b"\xc3\xa9"]),
                     max_size=40).map(b"".join),
       limit=st.integers(1, 6))
def test_depth_check_agrees_with_a_plain_scanner(data: bytes, limit: int) -> None:
    depth = _depth(data)
    if depth is not None:
        assert depth_within(data, limit) == (depth <= limit)


def test_depth_limit_refuses_before_parsing() -> None:
    deep = b"[" * 40 + b"]" * 40
    with pytest.raises(JsonLimitError) as info:
        loads(deep, max_bytes=1000)
    assert info.value.reason == "depth"
    text = json.dumps({"a": [[{"b": "[[[[ not counted ]]]]"}]]}).encode()
    assert loads(text, max_bytes=1000, max_depth=4) == {"a": [[{"b": "[[[[ not counted ]]]]"}]]}
    with pytest.raises(JsonLimitError):
        loads(text, max_bytes=1000, max_depth=3)
