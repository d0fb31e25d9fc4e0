"""Translations and locale-aware formatting, through Babel.

Dutch is the source language of every msgid. English comes from
``translations/en/LC_MESSAGES/zorgapp.po``; a Dutch catalog exists too (for
corrections of wording without touching code). A catalog is read from its compiled
``.mo`` when present; when missing (running from a source checkout) the ``.po`` is
compiled in memory, never written to disk.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal

from babel import Locale
from babel.dates import format_date as _babel_format_date
from babel.dates import format_datetime as _babel_format_datetime
from babel.dates import format_time as _babel_format_time
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal
from babel.support import Translations

from zorgapp.domain.errors import N_ as N_  # the one N_ (marks for extraction; _() later)
from zorgapp.paths import translations_dir

DOMAIN = "zorgapp"
LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
_LOCALES = {"nl": "nl_NL", "en": "en_GB"}

_language = DEFAULT_LANGUAGE
_translations: gettext.NullTranslations = gettext.NullTranslations()
_listeners: list[Callable[[str], None]] = []


def load_catalog(language: str) -> gettext.NullTranslations:
    """The catalog for ``language``, compiling the .po in memory when no .mo exists."""
    folder = translations_dir() / language / "LC_MESSAGES"
    mo = folder / f"{DOMAIN}.mo"
    po = folder / f"{DOMAIN}.po"
    if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as fh:
            return Translations(fh, domain=DOMAIN)
    if po.is_file():
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=language)
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        return Translations(buffer, domain=DOMAIN)
    return gettext.NullTranslations()


def set_language(language: str) -> None:
    """Switch every later ``_()`` call and format to ``language`` (nl or en)."""
    global _language, _translations
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    _language = language
    _translations = load_catalog(language)
    for listener in list(_listeners):
        listener(language)


def on_language_changed(listener: Callable[[str], None]) -> None:
    _listeners.append(listener)


def language() -> str:
    return _language


def locale() -> Locale:
    return Locale.parse(_LOCALES[_language])


def _(message: str) -> str:
    """Translate ``message`` (a Dutch msgid) into the active language."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


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
    return _babel_format_date(value, format=fmt, locale=locale())


def format_date_long(value: date) -> str:
    """``22 november 2026``: for letters."""
    return _babel_format_date(value, format="long", locale=locale())


def format_datetime(value: datetime, fmt: str = "medium") -> str:
    return _babel_format_datetime(value, format=fmt, locale=locale())


def format_moment(value: datetime) -> str:
    """ "29 nov 2026, 12:52": the date as everywhere on screen and paper, then the time."""
    return "{}, {}".format(format_date(value.date()), _babel_format_time(value, format="short",
                                                                            locale=locale()))


def format_money(amount: Decimal) -> str:
    """``€ 1.234,56`` in Dutch, ``€1,234.56`` in English."""
    return format_currency(amount, "EUR", locale=locale())


def format_number(value: int | Decimal) -> str:
    return format_decimal(value, locale=locale())


set_language(DEFAULT_LANGUAGE)
