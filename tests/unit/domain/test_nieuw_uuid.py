"""Ids as text are made without the ``UUID`` object (a demo vault makes a million):
they must read exactly as ``str(uuid.uuid4())`` and ``str(uuid.UUID(int=..., version=4))``."""

from __future__ import annotations

import random
import uuid

import pytest

from zorgapp.domain.codes import nieuw_uuid, uuid4_tekst


def test_text_of_a_number_is_that_of_a_version_4_uuid() -> None:
    rng = random.Random(15)
    for getal in [0, (1 << 128) - 1, *(rng.getrandbits(128) for _ in range(2000))]:
        assert uuid4_tekst(getal) == str(uuid.UUID(int=getal, version=4))


def test_a_new_id_is_a_random_version_4_uuid() -> None:
    ids = {nieuw_uuid() for _ in range(1000)}
    assert len(ids) == 1000
    for tekst in ids:
        u = uuid.UUID(tekst)
        assert str(u) == tekst and u.version == 4 and u.variant == uuid.RFC_4122
    # every random bit stays random: all four variant digits, all sixteen elsewhere
    assert {tekst[19] for tekst in ids} == set("89ab")
    assert {tekst[15] for tekst in ids} == set("0123456789abcdef")


def test_fixed_ids_are_still_heard(monkeypatch: pytest.MonkeyPatch) -> None:
    """bench/*_fingerprint.py fix ``uuid.uuid4`` to compare runs."""
    monkeypatch.setattr(uuid, "uuid4", lambda: uuid.UUID(int=7, version=4))
    assert nieuw_uuid() == str(uuid.UUID(int=7, version=4))
