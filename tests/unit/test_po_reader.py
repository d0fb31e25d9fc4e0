"""The PO reader gives the catalogs Babel gives (issue 15: no Babel before the lock screen)."""

from __future__ import annotations

import gettext
import io
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from zorgapp import i18n
from zorgapp.paths import translations_dir
from zorgapp.po_reader import STAMP, MoCatalog, compile_po, mo_image, stamp


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


def _catalog_folder(root: Path, po: bytes | None, mo: bytes | None) -> None:
    folder = root / "en" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    if po is not None:
        (folder / "zorgapp.po").write_bytes(po)
    if mo is not None:
        (folder / "zorgapp.mo").write_bytes(mo)


def test_shipped_mo_is_read_only_when_compiled_from_the_po_beside_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An edited .po whose .mo was not compiled again still wins; a .mo alone (the
    frozen build) is read as it is."""
    monkeypatch.setattr(i18n, "translations_dir", lambda: tmp_path)
    old = SAMPLE.encode()
    new = old.replace(b'msgstr "Open (button)"', b'msgstr "Open (knob)"')
    assert stamp(old) != stamp(new)
    _catalog_folder(tmp_path / "fresh", old, mo_image(old))
    _catalog_folder(tmp_path / "stale", new, mo_image(old))
    _catalog_folder(tmp_path / "alone", None, mo_image(old))
    for name, expected in (("fresh", "Open (button)"), ("stale", "Open (knob)"),
                           ("alone", "Open (button)")):
        monkeypatch.setattr(i18n, "translations_dir", lambda n=name: tmp_path / n)
        assert i18n.load_catalog("en").pgettext("knop", "Open") == expected, name
    fresh = gettext.GNUTranslations(io.BytesIO(mo_image(old)))
    assert fresh.info()[STAMP.lower()] == stamp(old)
    assert stamp(old.replace(b"\n", b"\r\n")) == stamp(old)  # a checkout with CRLF line ends


@pytest.mark.parametrize("language", ["nl", "en"])
def test_committed_mo_matches_its_po(language: str) -> None:
    folder = translations_dir() / language / "LC_MESSAGES"
    assert (folder / "zorgapp.mo").read_bytes() == mo_image((folder / "zorgapp.po").read_bytes()), (
        "the .mo is older than its .po: run python translations/update_catalogs.py --mo")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_mo_catalog_answers_as_gettext_does(language: str) -> None:
    """The catalog the start reads (looked up when asked) against the stdlib's reader."""
    data = mo_image((translations_dir() / language / "LC_MESSAGES" / "zorgapp.po").read_bytes())
    ours, theirs = MoCatalog(data), gettext.GNUTranslations(io.BytesIO(data))
    assert ours.info() == theirs.info()
    keys = list(theirs._catalog)  # type: ignore[attr-defined]
    assert len(keys) > 100
    for key in keys:
        if isinstance(key, tuple):
            for n in (0, 1, 2, 5):
                assert ours.ngettext(key[0], "x", n) == theirs.ngettext(key[0], "x", n)
        elif key:
            assert ours.gettext(key) == theirs.gettext(key)
    for missing in ("Bestaat niet", "", "Zzz"):
        assert ours.gettext(missing) == theirs.gettext(missing)
    assert ours.ngettext("een", "twee", 2) == theirs.ngettext("een", "twee", 2) == "twee"


def test_mo_catalog_edge_cases() -> None:
    data = mo_image(SAMPLE.encode())
    ours, theirs = MoCatalog(data), gettext.GNUTranslations(io.BytesIO(data))
    for message in ('Eén "dossier"\nen nog een regel', "Vaag", "Leeg", "Oud", "Open"):
        assert ours.gettext(message) == theirs.gettext(message)
    assert ours.pgettext("knop", "Open") == theirs.pgettext("knop", "Open") == "Open (button)"
    for n in (0, 1, 2):
        assert (ours.ngettext("{n} dossier", "{n} dossiers", n)
                == theirs.ngettext("{n} dossier", "{n} dossiers", n))
        assert (ours.npgettext("knop", "a", "b", n) == theirs.npgettext("knop", "a", "b", n))
