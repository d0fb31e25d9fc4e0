"""Translations and locale-aware formatting, through Babel.

Dutch is the source language of every msgid. English comes from
``translations/en/LC_MESSAGES/zorgapp.po``; a Dutch catalog exists too (for
corrections of wording without touching code). A catalog is read from the compiled
``.mo`` beside it (committed, shipped; ``translations/update_catalogs.py`` writes it);
when that is missing or was compiled from another ``.po`` (an edit not yet compiled)
the ``.po`` is compiled in memory (``zorgapp.po_reader``), never written to disk. Babel is imported
when a date, number or amount is first formatted, and a catalog is read once per
language, when first needed: the lock screen must not wait for either (issue 15).
"""

from __future__ import annotations

import functools
import gettext
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from zorgapp.domain.errors import N_ as N_  # the one N_ (marks for extraction; _() later)
from zorgapp.paths import translations_dir
from zorgapp.po_reader import STAMP, MoCatalog, compile_po, stamp

if TYPE_CHECKING:
    from decimal import Decimal

    from babel import Locale

DOMAIN = "zorgapp"
LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
_LOCALES = {"nl": "nl_NL", "en": "en_GB"}

_language = DEFAULT_LANGUAGE
_translations: gettext.NullTranslations | None = None  # read at the first _()
_loaded: dict[str, gettext.NullTranslations] = {}
_listeners: list[Callable[[str], None]] = []


def load_catalog(language: str) -> gettext.NullTranslations:
    """The catalog for ``language``: the shipped .mo when it was compiled from the .po
    beside it (its stamp says so; the frozen build ships the .mo alone), else the .po
    compiled in memory."""
    folder = translations_dir() / language / "LC_MESSAGES"
    mo = folder / f"{DOMAIN}.mo"
    po = folder / f"{DOMAIN}.po"
    source = po.read_bytes() if po.is_file() else None
    if mo.is_file():
        compiled = MoCatalog(mo.read_bytes())
        if source is None or compiled.info().get(STAMP.lower()) == stamp(source):
            return compiled
    if source is not None:
        return gettext.GNUTranslations(compile_po(source))
    return gettext.NullTranslations()


def _catalog(language: str) -> gettext.NullTranslations:
    """``load_catalog`` once per language and process."""
    found = _loaded.get(language)
    if found is None:
        found = _loaded[language] = load_catalog(language)
    return found


def set_language(language: str) -> None:
    """Switch every later ``_()`` call and format to ``language`` (nl or en)."""
    global _language, _translations
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    _language = language
    _translations = None
    for listener in list(_listeners):
        listener(language)


def on_language_changed(listener: Callable[[str], None]) -> None:
    _listeners.append(listener)


def language() -> str:
    return _language


def locale() -> Locale:
    return _locale(_LOCALES[_language])


@functools.lru_cache(maxsize=8)
def _locale(name: str) -> Locale:
    """Parsed once per language: Babel makes a new ``Locale`` per parse (8 µs), and
    every date and amount on screen asks for one (issue 15)."""
    from babel import Locale

    return Locale.parse(name)


def _active() -> gettext.NullTranslations:
    global _translations
    if _translations is None:
        _translations = _catalog(_language)
    return _translations


def _(message: str) -> str:
    """Translate ``message`` (a Dutch msgid) into the active language."""
    return _active().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _active().ngettext(singular, plural, n)


#: CLDR territories that are not countries (EU, the world, test codes)
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"})


def country_names() -> dict[str, str]:
    """ISO country code -> name in the active language (CLDR, through Babel)."""
    return {code: str(name) for code, name in locale().territories.items()
            if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES}


def language_names() -> dict[str, str]:
    """ISO 639 language code (two or three letters) -> name in the active language."""
    return {code: str(name) for code, name in locale().languages.items()
            if code.isalpha() and len(code) in (2, 3)}


def format_date(value: date, fmt: str = "medium") -> str:
    """A date the way the active language writes it (``22 nov 2026``)."""
    from babel.dates import format_date as babel_format_date

    return babel_format_date(value, format=fmt, locale=locale())


def format_date_long(value: date) -> str:
    """``22 november 2026``: for letters."""
    return format_date(value, "long")


def format_datetime(value: datetime, fmt: str = "medium") -> str:
    from babel.dates import format_datetime as babel_format_datetime

    return babel_format_datetime(value, format=fmt, locale=locale())


def format_moment(value: datetime) -> str:
    """ "29 nov 2026, 12:52": the date as everywhere on screen and paper, then the time."""
    from babel.dates import format_time

    return "{}, {}".format(format_date(value.date()), format_time(value, format="short",
                                                                  locale=locale()))


def format_money(amount: Decimal) -> str:
    """``€ 1.234,56`` in Dutch, ``€1,234.56`` in English."""
    from babel.numbers import format_currency

    return format_currency(amount, "EUR", locale=locale())


def format_number(value: int | Decimal) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, locale=locale())
