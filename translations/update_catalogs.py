"""Extract every msgid from the source and bring the catalogs up to date.

    python translations/update_catalogs.py

Writes ``translations/zorgapp.pot``; in ``nl`` every msgstr equals its msgid (Dutch is
the source language; the catalog exists so wording can be corrected without touching
code); in ``en`` existing translations are kept, new msgids get an empty msgstr (the
catalog test then fails until someone translates them), obsolete ones are dropped;
then each ``zorgapp.mo`` is compiled from its ``.po`` (committed: the start reads it).
After translating by hand, run it again (or ``--mo`` for the ``.mo`` files alone).
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
METHOD_MAP = [("**.py", "python")]


def extract() -> Catalog:
    """All translatable strings in ``zorgapp/``."""
    catalog = Catalog(project="Zorgapp", domain="zorgapp", charset="utf-8")
    for filename, lineno, message, _comments, _context in extract_from_dir(
        ROOT / "zorgapp", METHOD_MAP, keywords=KEYWORDS, strip_comment_tags=True
    ):
        catalog.add(message, None, [(f"zorgapp/{filename}", lineno)])
    return catalog


def _read(path: Path, locale: str) -> Catalog:
    if path.exists():
        with path.open("rb") as fh:
            return read_po(fh, locale=locale)
    return Catalog(locale=locale, domain="zorgapp", charset="utf-8")


def _translated(string: str | tuple[str, ...] | list[str] | None) -> bool:
    """A plural entry counts as translated only when every form is filled in."""
    if isinstance(string, (tuple, list)):
        return all(string)
    return bool(string)


def _carry(previous: str | tuple[str, ...] | list[str] | None,
           msgid: str | tuple[str, ...] | list[str]) -> str | tuple[str, ...] | list[str]:
    """The old translation when its shape (singular or plural) still fits the msgid."""
    plural = isinstance(msgid, (tuple, list))
    if previous is not None and isinstance(previous, (tuple, list)) == plural:
        return previous
    return ("", "") if plural else ""


def update() -> None:
    template = extract()
    with (ROOT / "translations" / "zorgapp.pot").open("wb") as fh:
        write_po(fh, template, omit_header=False, sort_output=True, width=100)
    for locale in ("nl", "en"):
        path = ROOT / "translations" / locale / "LC_MESSAGES" / "zorgapp.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        old = _read(path, locale)
        new = Catalog(locale=locale, domain="zorgapp", charset="utf-8", project="Zorgapp",
                      copyright_holder="Zorgapp", fuzzy=False)
        for message in template:
            if not message.id:
                continue
            previous = old.get(message.id)
            string: str | tuple[str, ...] | list[str] | None
            if locale == "nl":
                string = message.id
            else:
                string = _carry(previous.string if previous is not None else None, message.id)
            new.add(message.id, string, message.locations)
        with path.open("wb") as fh:
            write_po(fh, new, sort_output=True, width=100, omit_header=False)
    write_mo_files()
    untranslated = [m.id for m in _read(ROOT / "translations" / "en" / "LC_MESSAGES" / "zorgapp.po", "en")
                    if m.id and not _translated(m.string)]
    print(f"{len(template)} msgids; {len(untranslated)} untranslated in en", file=sys.stderr)


def write_mo_files() -> None:
    """The compiled catalog beside each .po, as the package ships it (the start reads it:
    compiling the .po takes ten times as long). ``tests/unit/test_translations.py``
    checks that it matches its .po."""
    sys.path.insert(0, str(ROOT))
    from zorgapp.po_reader import mo_image

    for po in sorted((ROOT / "translations").glob("*/LC_MESSAGES/zorgapp.po")):
        po.with_suffix(".mo").write_bytes(mo_image(po.read_bytes()))


if __name__ == "__main__":
    if "--mo" in sys.argv[1:]:
        write_mo_files()
    else:
        update()
