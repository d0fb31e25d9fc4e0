"""A gettext ``.po`` file compiled to ``.mo`` bytes in memory, without Babel.

Running from a source checkout there is no compiled catalog; Babel's reader takes a
tenth of a second per catalog and importing Babel another, both before the lock screen
shows. This reader knows the subset our catalogs use (written by Babel's
``update_catalogs``): ``msgctxt``, ``msgid``, ``msgid_plural``, ``msgstr``/``msgstr[n]``,
strings continued over lines, ``#,`` flags. Like Babel's ``write_mo`` it leaves out
fuzzy and untranslated messages (the header stays; an empty plural form falls back on
the msgid). ``tests/unit/test_po_reader.py``
holds it to Babel's result on our catalogs. ``mo_image`` makes the ``.mo`` files the
package ships (``translations/update_catalogs.py`` writes them, ``build.spec`` too):
reading one takes a few milliseconds where compiling the ``.po`` takes forty.
"""

from __future__ import annotations

import gettext
import io
import re
import struct
import zlib


def _unquote(text: str) -> str:
    """A PO string literal: JSON's escapes plus the few C ones JSON lacks."""
    body = text.strip()
    if len(body) < 2 or body[0] != '"' or body[-1] != '"':
        raise ValueError("not a quoted PO string")
    if "\\" not in body:
        return body[1:-1]  # most strings: nothing to unescape
    import json  # only for the few strings with escapes

    if "\\a" in body or "\\v" in body or "\\'" in body:
        body = body.replace("\\a", "\\u0007").replace("\\v", "\\u000b").replace("\\'", "'")
    return str(json.loads(body))


#: A ``#,`` flags line, or a field with its string and the strings continuing it.
_TOKEN = re.compile(
    r'^(?:#,(?P<flags>[^\n]*)'
    r'|(?P<field>msgctxt|msgid_plural|msgid|msgstr)(?:\[(?P<index>\d+)\])?[ \t]+'
    r'(?P<value>"(?:[^"\\\n]|\\.)*"(?:[ \t]*\r?\n[ \t]*"(?:[^"\\\n]|\\.)*")*))',
    re.MULTILINE)
_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


def _entries(text: str) -> list[dict[str, object]]:
    """The messages of a PO text, each as its fields (``msgstr`` a list of forms).

    One regular expression finds the fields and flags (obsolete ``#~`` lines and other
    comments never match it); a ``msgctxt`` or ``msgid`` after a ``msgstr`` starts the
    next message, and a fuzzy flag belongs to the message that follows it."""
    entries: list[dict[str, object]] = []
    current: dict[str, object] = {}
    for token in _TOKEN.finditer(text):
        field = token.group("field")
        if field is None:  # flags of the next message
            if "msgstr" in current:
                entries.append(current)
                current = {}
            if "fuzzy" in token.group("flags").replace(",", " ").split():
                current["fuzzy"] = True
            continue
        if field in ("msgctxt", "msgid") and "msgstr" in current:
            entries.append(current)
            current = {}
        raw = token.group("value")
        if "\n" in raw or "\\" in raw:
            value = "".join(_unquote(f'"{part}"') for part in _STRING.findall(raw))
        else:
            value = raw[1:-1]  # one line, nothing escaped: most strings
        index = token.group("index")
        if field == "msgstr" and not index:
            current["msgstr"] = [value]
        else:
            _append(current, (field, int(index) if index else 0), value, new=True)
    if "msgid" in current:
        entries.append(current)
    return [entry for entry in entries if "msgid" in entry]


def _append(entry: dict[str, object], key: tuple[str, int], text: str, new: bool = False) -> None:
    field, index = key
    if field == "msgstr":
        forms = entry.setdefault("msgstr", [])
        assert isinstance(forms, list)
        while len(forms) <= index:
            forms.append("")
        forms[index] += text
    else:
        entry[field] = text if new else str(entry.get(field, "")) + text


def _pairs(entries: list[dict[str, object]]) -> dict[bytes, bytes]:
    """Original and translated strings as ``.mo`` stores them."""
    found: dict[bytes, bytes] = {}
    for entry in entries:
        msgid = str(entry["msgid"])
        stored = entry.get("msgstr", [""])
        forms = [str(f) for f in stored] if isinstance(stored, list) else [str(stored)]
        if msgid and entry.get("fuzzy"):
            continue  # Babel's write_mo: no fuzzy messages,
        key = msgid
        if "msgid_plural" in entry:  # an empty plural form falls back on its msgid
            plural = str(entry["msgid_plural"])
            forms = [f or (msgid if i == 0 else plural) for i, f in enumerate(forms)]
            key += "\0" + plural
        elif msgid and not forms[0]:
            continue  # and no untranslated ones
        if "msgctxt" in entry:
            key = str(entry["msgctxt"]) + "\x04" + key
        found[key.encode()] = "\0".join(forms).encode()
    return found


MO_MAGIC = 0x950412DE

#: Header field of a shipped ``.mo``: the CRC-32 of the ``.po`` it was compiled from.
STAMP = "X-Po-Crc32"


def stamp(data: bytes) -> str:
    """The ``STAMP`` value of a PO text (line ends as in the repository)."""
    crc = zlib.crc32(data.replace(b"\r\n", b"\n"))
    return f"{crc:08x}"


def mo_image(data: bytes) -> bytes:
    """The ``.mo`` shipped with the package: ``compile_po`` with the PO's ``STAMP`` in
    its header, so a catalog edited after it was compiled is noticed (``i18n``)."""
    return compile_po(data, stamped=True).getvalue()


def compile_po(data: bytes, stamped: bool = False) -> io.BytesIO:
    """The ``.mo`` image of a UTF-8 PO file, ready for ``gettext.GNUTranslations``."""
    pairs = _pairs(_entries(data.decode("utf-8")))
    if stamped:
        header = pairs.get(b"", b"")
        if header and not header.endswith(b"\n"):
            header += b"\n"
        pairs[b""] = header + f"{STAMP}: {stamp(data)}\n".encode()
    keys = sorted(pairs)
    offsets = []
    ids_at = strs_at = 0
    for k in keys:
        offsets.append((ids_at, len(k), strs_at, len(pairs[k])))
        ids_at += len(k) + 1
        strs_at += len(pairs[k]) + 1
    ids = b"".join(k + b"\0" for k in keys)
    strs = b"".join(pairs[k] + b"\0" for k in keys)
    start = 7 * 4 + 16 * len(keys)
    table_ids, table_strs = [], []
    for id_at, id_len, str_at, str_len in offsets:
        table_ids += [id_len, start + id_at]
        table_strs += [str_len, start + len(ids) + str_at]
    header = struct.pack("<Iiiiiii", MO_MAGIC, 0, len(keys), 7 * 4, 7 * 4 + 8 * len(keys), 0, 0)
    body = struct.pack(f"<{len(table_ids)}i", *table_ids) + struct.pack(
        f"<{len(table_strs)}i", *table_strs)
    return io.BytesIO(header + body + ids + strs)


class MoCatalog(gettext.NullTranslations):
    """A compiled catalog whose messages are looked up in its sorted table when asked
    for (a binary search), instead of decoding every one of them at load as
    ``gettext.GNUTranslations`` does: 7 ms the lock screen would wait for (issue 15).
    Answers as ``GNUTranslations`` does (``tests/unit/test_po_reader.py``)."""

    def __init__(self, data: bytes) -> None:
        super().__init__()
        magic, _revision, count, ids_at, strs_at = struct.unpack_from("<Iiiii", data)
        if magic != MO_MAGIC:
            raise ValueError("not a little-endian .mo file")
        self._data, self._count, self._ids_at, self._strs_at = data, count, ids_at, strs_at
        header = (self._find(b"") or b"").decode()
        self._info = {key.strip().lower(): value.strip() for key, sep, value
                      in (line.partition(":") for line in header.splitlines()) if sep}
        self._charset = "utf-8"
        forms = self._info.get("plural-forms", "")
        self.plural = (gettext.c2py(forms.split("plural=")[1].rstrip(";")) if "plural=" in forms
                       else lambda n: int(n != 1))

    def _text(self, table: int, index: int) -> bytes:
        length, offset = struct.unpack_from("<ii", self._data, table + 8 * index)
        return self._data[offset:offset + length]

    def _at_or_after(self, key: bytes) -> int:
        low, high = 0, self._count
        while low < high:
            middle = (low + high) // 2
            if self._text(self._ids_at, middle) < key:
                low = middle + 1
            else:
                high = middle
        return low

    def _find(self, key: bytes) -> bytes | None:
        index = self._at_or_after(key)
        if index < self._count and self._text(self._ids_at, index) == key:
            return self._text(self._strs_at, index)
        return None

    def _forms(self, key: bytes, n: int) -> str | None:
        """Plural form ``n`` of the message stored as ``key`` + NUL + its plural."""
        index = self._at_or_after(key + b"\0")
        if index < self._count and self._text(self._ids_at, index).startswith(key + b"\0"):
            forms = self._text(self._strs_at, index).decode().split("\0")
            form = self.plural(n)
            return forms[form] if form < len(forms) else None
        return None

    # No fallback catalogs: i18n adds none.
    def gettext(self, message: str) -> str:
        found = self._find(message.encode())
        return message if found is None else found.decode()

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        found = self._forms(msgid1.encode(), n)
        if found is None:
            return msgid1 if n == 1 else msgid2
        return found

    def pgettext(self, context: str, message: str) -> str:
        found = self._find(f"{context}\x04{message}".encode())
        return message if found is None else found.decode()

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        found = self._forms(f"{context}\x04{msgid1}".encode(), n)
        if found is None:
            return msgid1 if n == 1 else msgid2
        return found
