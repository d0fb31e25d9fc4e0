"""The compiled schema check (``jsonschema_rs``) in front of the full one (``jsonschema``).

The fast check may only ever say "valid" where the full check finds nothing: a bundle
must never get in because the two read a keyword differently. Real dossier files must
take the fast way (else it saves nothing), and damaged ones must still be refused with
the full check's message.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import PASSPHRASE
from zorgapp.exchange import schema
from zorgapp.exchange.export import collect
from zorgapp.services.demo import fill_demo
from zorgapp.store.dossiers import DossierRepository
from zorgapp.store.vault import Vault


@pytest.fixture(scope="module")
def dossier_files(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    path: Path = tmp_path_factory.mktemp("fast") / "a.zorg"
    vault, _ = Vault.create(path, PASSPHRASE)
    try:
        fill_demo(vault, 25)
        with vault.read() as db:
            files = collect(db, DossierRepository(db).all_uuids())
        return [f.to_json() for f in files]
    finally:
        vault.lock()


def _full(document: Any, definition: str = "dossier_file") -> list[Any]:
    return list(schema._validator(definition).iter_errors(document))


def test_real_dossier_files_take_the_fast_way(dossier_files: list[dict[str, Any]]) -> None:
    assert len(dossier_files) == 25
    for document in dossier_files:
        assert schema.valid_fast(document, "dossier_file")
        assert _full(document) == []


def test_a_damaged_file_keeps_the_full_checks_message(dossier_files: list[dict[str, Any]]) -> None:
    document = copy.deepcopy(dossier_files[0])
    del document["dossier"]["persoon"]["naam"]
    document["dossier"]["meldingen"][0]["datum"] = "2026-01-01\n"  # Python's $ allows this
    assert not schema.valid_fast(document, "dossier_file")
    assert schema.problems(document, "dossier_file") == ["$.dossier.persoon: ontbreekt naam"]


#: Values a sender could put anywhere: the types JSON has, and strings close to the
#: patterns (a date with a newline, upper-case hex, a lone surrogate).
_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-2, 2**70), st.floats(allow_nan=False),
    st.just(1.0), st.just(0), st.just(True),
    st.sampled_from(["", "2026-01-01", "2026-01-01\n", "2026-13-45", "2026-01-01T00:00:00",
                     "0000000A-0000-4000-8000-000000000000", "00000000-0000-4000-8000-000000000000",
                     "HM-2026-0001", "HM-2026-0001\n", "x" * 300, "\ud800", "man", "signaal"]),
    st.text(max_size=12),
    st.just([]), st.just({}), st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a document: keys of objects and positions in lists."""
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _paths(value, (*prefix, i))
    return found


def _mutate(document: Any, data: st.DataObject) -> Any:
    document = copy.deepcopy(document)
    for _ in range(data.draw(st.integers(1, 3))):
        paths = _paths(document)[1:]
        if not paths:
            break
        path = data.draw(st.sampled_from(paths))
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        last = path[-1]
        action = data.draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[last] = data.draw(_VALUES)
        elif action == "delete":
            del parent[last]
        elif isinstance(parent, dict):
            parent[data.draw(st.sampled_from(["extra", "uuid", "naam", "datum", "1"]))] = \
                data.draw(_VALUES)
        else:
            parent.append(data.draw(_VALUES))
    return document


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_fast_check_never_lets_through_what_the_full_check_refuses(
        dossier_files: list[dict[str, Any]], data: st.DataObject) -> None:
    document = _mutate(data.draw(st.sampled_from(dossier_files)), data)
    if schema.valid_fast(document, "dossier_file"):
        assert _full(document) == []
