"""Every visible string is translatable: catalogs complete, placeholders equal."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from zorgapp import i18n

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "translations"))
from update_catalogs import extract  # noqa: E402

MessageId = str | tuple[str, ...] | list[str]  # Babel's: a tuple or list for plural forms
PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")


def _catalog(language: str):
    with (ROOT / "translations" / language / "LC_MESSAGES" / "zorgapp.po").open("rb") as fh:
        return read_po(fh, locale=language)


@pytest.fixture(scope="module")
def source_ids() -> set[MessageId]:
    return {m.id for m in extract() if m.id}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_catalog_has_every_string_of_the_source(language: str, source_ids: set[MessageId]) -> None:
    catalog = _catalog(language)
    missing = sorted(str(i) for i in source_ids if catalog.get(i) is None or not catalog.get(i).string)
    assert not missing, (f"{len(missing)} strings missing in {language}; "
                         f"run translations/update_catalogs.py: {missing[:10]}")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_placeholders_are_the_same(language: str) -> None:
    wrong = []
    for message in _catalog(language):
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = sorted(PLACEHOLDER.findall(ids[0]))
        for string in strings:
            if sorted(PLACEHOLDER.findall(string)) != expected:
                wrong.append((ids[0], string))
    assert not wrong, wrong[:10]


def test_english_is_active_after_switch() -> None:
    i18n.set_language("en")
    try:
        assert i18n._("De wachtwoordzin klopt niet. Probeer het opnieuw, of gebruik de herstelsleutel.") != (
            "De wachtwoordzin klopt niet. Probeer het opnieuw, of gebruik de herstelsleutel.")
    finally:
        i18n.set_language("nl")


def test_numbers_dates_and_money_follow_the_language() -> None:
    from datetime import date
    from decimal import Decimal

    i18n.set_language("nl")
    assert i18n.format_date_long(date(2026, 11, 22)) == "22 november 2026"
    assert i18n.format_money(Decimal("1234.56")).replace("\xa0", " ") == "€ 1.234,56"
    i18n.set_language("en")
    try:
        assert i18n.format_date_long(date(2026, 11, 22)) == "22 November 2026"
        assert i18n.format_money(Decimal("1234.56")) == "€1,234.56"
    finally:
        i18n.set_language("nl")


def test_no_fstrings_inside_translation_calls() -> None:
    offenders = []
    pattern = re.compile(r"""\b_\(\s*f["']""")
    for path in (ROOT / "zorgapp").rglob("*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}")
    assert not offenders, offenders
