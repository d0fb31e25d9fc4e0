from __future__ import annotations

import json

import pytest

from zorgapp.errors import UsageError
from zorgapp.exchange.card import (
    ContactCard,
    OwnKeys,
    fingerprint,
    normalise_fingerprint,
)


def card() -> ContactCard:
    return OwnKeys.generate().card("Łukasz Wiśniewski", "Veilig Thuis", "IJsselland")


def test_text_and_json_forms_read_back_the_same_card() -> None:
    c = card()
    assert ContactCard.parse(c.to_text()) == c
    assert ContactCard.parse(json.dumps(c.to_json())) == c


def test_fingerprint_is_eight_groups_of_four_and_depends_on_both_keys() -> None:
    c = card()
    groups = c.fingerprint.split(" ")
    assert len(groups) == 8 and all(len(g) == 4 for g in groups)
    other = OwnKeys.generate()
    assert fingerprint(c.age_recipient, other.public_signing_key()) != c.fingerprint
    assert normalise_fingerprint(c.fingerprint.replace(" ", "").lower()) == c.fingerprint


def test_a_card_with_a_typo_in_a_key_is_refused() -> None:
    c = card()
    text = c.to_text()
    key = c.signing_key
    altered = text.replace(key, key[:-1] + ("0" if key[-1] != "0" else "1"))
    with pytest.raises(UsageError):
        ContactCard.parse(altered)
    with pytest.raises(UsageError):
        ContactCard.parse(text.replace(c.age_recipient, c.age_recipient[:-2]))
    with pytest.raises(UsageError):
        ContactCard.parse("hallo")


def test_signature_checks_with_the_public_key_on_the_card() -> None:
    keys = OwnKeys.generate()
    c = keys.card("A", "B", "C")
    sig = keys.sign(b"manifest")
    assert c.verify(b"manifest", sig)
    assert not c.verify(b"manifesT", sig)
