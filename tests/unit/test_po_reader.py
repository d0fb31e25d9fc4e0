"""The PO reader gives the catalogs Babel gives (issue 15: no Babel before the lock screen)."""

from __future__ import annotations

import gettext
import io

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from zorgapp.paths import translations_dir
from zorgapp.po_reader import compile_po


def _babel(data: bytes, language: str) -> gettext.GNUTranslations:
    buffer = io.BytesIO()
    write_mo(buffer, read_po(io.BytesIO(data), locale=language))
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_same_catalog_as_babel(language: str) -> None:
    data = (translations_dir() / language / "LC_MESSAGES" / "zorgapp.po").read_bytes()
    ours = gettext.GNUTranslations(compile_po(data))
    theirs = _babel(data, language)
    assert ours._catalog == theirs._catalog  # type: ignore[attr-defined]
    assert len(ours._catalog) > 100  # type: ignore[attr-defined]
    assert [ours.ngettext("a", "b", n) for n in (0, 1, 2)] == [
        theirs.ngettext("a", "b", n) for n in (0, 1, 2)]


SAMPLE = r'''# header
msgid ""
msgstr ""
"Language: en\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"
"Content-Type: text/plain; charset=utf-8\n"

#: a.py:1
msgid "Eén \"dossier\"\n"
"en nog een regel"
msgstr "One \"case\"\n"
"and one more line"

#, fuzzy
msgid "Vaag"
msgstr "Fuzzy"

msgid "Leeg"
msgstr ""

msgctxt "knop"
msgid "Open"
msgstr "Open (button)"

msgid "{n} dossier"
msgid_plural "{n} dossiers"
msgstr[0] "{n} case"
msgstr[1] ""

#~ msgid "Oud"
#~ msgstr "Old"
'''


def test_edge_cases_like_babel() -> None:
    data = SAMPLE.encode()
    ours = gettext.GNUTranslations(compile_po(data))
    theirs = _babel(data, "en")
    mine = {k: v for k, v in ours._catalog.items() if k}  # type: ignore[attr-defined]
    assert mine == {k: v for k, v in theirs._catalog.items() if k}  # type: ignore[attr-defined]
    assert ours.gettext('Eén "dossier"\nen nog een regel') == 'One "case"\nand one more line'
    assert ours.gettext("Vaag") == "Vaag"
    assert ours.gettext("Leeg") == "Leeg"
    assert ours.pgettext("knop", "Open") == "Open (button)"
    assert ours.ngettext("{n} dossier", "{n} dossiers", 2) == "{n} dossiers"
    assert ours.gettext("Oud") == "Oud"
