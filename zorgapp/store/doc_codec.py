"""Dossier documents as stored: compact JSON, deflated with a preset dictionary.

The case document is nine tenths of a vault, and most of it is the same keys, codes and
nulls in every case; deflate with a dictionary of one typical document (keys and codes,
no text of anybody's) stores a 3.7 KB document in about 0.6 KB. Fewer pages also means
a faster unlock (every page's HMAC is checked) and smaller backups. Compression runs
before SQLCipher encrypts the page, so nothing readable reaches the disk.

A stored document is either TEXT (plain JSON: vaults before schema 5, read as they are
and compressed when next written) or a BLOB whose first byte says how it was packed.
``DICT_1`` may never change: documents packed with it can only be read with it; a
better dictionary gets a new first byte. ``DEFLATE_DICT_2`` (issue 15) packs documents
of format 3 (the legal track, CoMensha set, partners, feedback) with a dictionary of
three such documents stripped to their keys and codes (no names, no free text):
``resources/data/document_woordenboek_2.json``, pinned by its hash in the tests. It
saves about a tenth of every document over ``DICT_1``; documents packed with
``DICT_1`` stay readable and are packed anew when next written.

``DEFLATE_UUIDS`` (schema 18) takes every uuid out of the JSON text and stores it as 16
bytes in front of the deflated rest, where a one-byte mark stands in its place; the
dictionary is DICT_2's with the same marks (``dict_3``). A random uuid costs deflate
about 23 bytes, and a demo document holds about 19: the document shrinks by a seventh.
The text comes back byte for byte. Older documents stay readable as they are.
"""

from __future__ import annotations

import binascii
import json
import re
import zlib
from functools import cache
from typing import Any

from zorgapp.jsontext import compact
from zorgapp.paths import resource
from zorgapp.store.connection import damaged

DEFLATE_DICT_1 = 1  # raw deflate (8 KiB window) with DICT_1
DEFLATE_DICT_2 = 2  # raw deflate (32 KiB window) with the dictionary of format 3
DEFLATE_UUIDS = 3  # uuids as 16 bytes each, the rest deflated as DICT_2 (marked)

DICT_1 = (
    '{"formaat":2,"uuid":"00000000-0000-4000-8000-000000000000","dossiernummer":"HM-2026-'
    '0001","aangemaakt_op":"2026-01-01T00:00:00.000000+00:00","persoon":{"uuid":"00000000'
    '-0000-4000-8000-000000000000","naam":"","aliassen":[],"geboortedatum":"2026-01-01","'
    'geschatte_leeftijd":null,"leeftijd_geschat_op":null,"geslacht":"man","nationaliteite'
    'n":["ER"],"talen":["en"],"tolk_nodig":true,"bsn":"","v_nummer":"","contact":"","verb'
    'lijfplaats":"","gemeente_van_binding":"GM0000"},"meldingen":[{"uuid":"00000000-0000-'
    '4000-8000-000000000000","datum":"2026-01-01","melder_type":"zorgcoordinatie","melder'
    '_organisatie":"","hoe_ontvangen":"","vindplaats":"","vormen":["onbekend"],"sector":"'
    '","indicatoren":[{"indicator":"buitensporig_overwerk","waargenomen_door":"zorgcoördi'
    'nator","datum":"2026-01-01","toelichting":""},{"indicator":"isolatie","waargenomen_d'
    'oor":"melder","datum":"2026-01-01","toelichting":""},{"indicator":"geen_toegang_bank'
    'pas","waargenomen_door":"opvang","datum":"2026-01-01","toelichting":""},{"indicator"'
    ':"beperking_bewegingsvrijheid","waargenomen_door":"politie","datum":"2026-01-01","to'
    'elichting":""}]}],"traject":{"events":[{"uuid":"00000000-0000-4000-8000-000000000000'
    '","soort":"fase","datum":"2026-01-01","reden":"","auteur":"demo","vastgelegd_op":"20'
    '26-01-01T00:00:00.000000+00:00","fase":"signaal","sluitreden":null,"besluit_soort":n'
    'ull,"uitkomst":null,"geldig_tot":null,"corrigeert":null,"nieuwe_datum":null,"nieuwe_'
    'reden":null,"nieuwe_sluitreden":null,"vervalt":false},{"uuid":"00000000-0000-4000-80'
    '00-000000000000","soort":"fase","datum":"2026-01-01","reden":"","auteur":"demo","vas'
    'tgelegd_op":"2026-01-01T00:00:00.000000+00:00","fase":"intake","sluitreden":null,"be'
    'sluit_soort":null,"uitkomst":null,"geldig_tot":null,"corrigeert":null,"nieuwe_datum"'
    ':null,"nieuwe_reden":null,"nieuwe_sluitreden":null,"vervalt":false},{"uuid":"0000000'
    '0-0000-4000-8000-000000000000","soort":"fase","datum":"2026-01-01","reden":"","auteu'
    'r":"demo","vastgelegd_op":"2026-01-01T00:00:00.000000+00:00","fase":"aangemeld","slu'
    'itreden":null,"besluit_soort":null,"uitkomst":null,"geldig_tot":null,"corrigeert":nu'
    'll,"nieuwe_datum":null,"nieuwe_reden":null,"nieuwe_sluitreden":null,"vervalt":false}'
    ',{"uuid":"00000000-0000-4000-8000-000000000000","soort":"fase","datum":"2026-01-01",'
    '"reden":"","auteur":"demo","vastgelegd_op":"2026-01-01T00:00:00.000000+00:00","fase"'
    ':"bedenktijd","sluitreden":null,"besluit_soort":null,"uitkomst":null,"geldig_tot":nu'
    'll,"corrigeert":null,"nieuwe_datum":null,"nieuwe_reden":null,"nieuwe_sluitreden":nul'
    'l,"vervalt":false},{"uuid":"00000000-0000-4000-8000-000000000000","soort":"fase","da'
    'tum":"2026-01-01","reden":"","auteur":"demo","vastgelegd_op":"2026-01-01T00:00:00.00'
    '0000+00:00","fase":"geplaatst","sluitreden":null,"besluit_soort":null,"uitkomst":nul'
    'l,"geldig_tot":null,"corrigeert":null,"nieuwe_datum":null,"nieuwe_reden":null,"nieuw'
    'e_sluitreden":null,"vervalt":false},{"uuid":"00000000-0000-4000-8000-000000000000","'
    'soort":"fase","datum":"2026-01-01","reden":"","auteur":"demo","vastgelegd_op":"2026-'
    '01-01T00:00:00.000000+00:00","fase":"begeleiding","sluitreden":null,"besluit_soort":'
    'null,"uitkomst":null,"geldig_tot":null,"corrigeert":null,"nieuwe_datum":null,"nieuwe'
    '_reden":null,"nieuwe_sluitreden":null,"vervalt":false},{"uuid":"00000000-0000-4000-8'
    '000-000000000000","soort":"fase","datum":"2026-01-01","reden":"","auteur":"demo","va'
    'stgelegd_op":"2026-01-01T00:00:00.000000+00:00","fase":"afgesloten","sluitreden":"ze'
    'lfstandig","besluit_soort":null,"uitkomst":null,"geldig_tot":null,"corrigeert":null,'
    '"nieuwe_datum":null,"nieuwe_reden":null,"nieuwe_sluitreden":null,"vervalt":false}]},'
    '"toestemmingen":[{"uuid":"00000000-0000-4000-8000-000000000000","doel":"comensha_aan'
    'melding","partner":"","datum":"2026-01-01","hoe_gegeven":"schriftelijk","gegeven_doo'
    'r":"","ingetrokken_op":null,"geldig_tot":null}],"partners":[],"journaal":[{"uuid":"0'
    '0000000-0000-4000-8000-000000000000","datum":"2026-01-01","soort":"contact","tekst":'
    '"","auteur":"demo"}],"taken":[{"uuid":"00000000-0000-4000-8000-000000000000","omschr'
    'ijving":"","deadline":"2026-01-01","gedaan_op":null,"auteur":"demo"}],"opvangbehoeft'
    'en":{"comensha_kenmerk":"","kinderen":[{"uuid":"00000000-0000-4000-8000-000000000000'
    '","naam":"","geboortedatum":"2026-01-01","gaat_mee":true,"bijzonderheden":""}],"veil'
    'igheid":{"daders_in_de_buurt":true,"daders_toelichting":"","geheim_adres_nodig":true'
    ',"telefoon_afspraken":"","bij_vertrek":""},"zorg":{"medisch":"","ggz":"","medicatie"'
    ':"","zwanger":null,"uitgerekend_op":null}}}'
).encode()

_WBITS = -13  # raw deflate, 8 KiB window: a document and the dictionary fit
_WBITS_2 = -15  # 32 KiB: the 20 KB dictionary and most of a document


@cache
def dict_2() -> bytes:
    """The dictionary of ``DEFLATE_DICT_2`` (read once)."""
    return resource("data", "document_woordenboek_2.json").read_bytes()


#: A JSON string that is a uuid as ``Dossier.to_dict`` writes them (lower-case hex with
#: dashes); one ``split`` finds them all (the leading quote makes the scan fast).
_UUID = re.compile(rb'"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"')
#: Stands in for a quoted uuid taken out: ``json.dumps`` escapes every control character,
#: so its output never holds this byte, and UTF-8 never uses it inside another character.
_MARK = b"\x01"
_COUNT = 2  # bytes of the number of uuids taken out (big-endian)


@cache
def dict_3() -> bytes:
    """The dictionary of ``DEFLATE_UUIDS``: that of DICT_2 with its uuids marked as
    the documents' are (derived from the pinned file, so it never changes either)."""
    return _UUID.sub(_MARK, dict_2())


@cache
def _packer_3() -> zlib._Compress:
    """A compressor primed with the dictionary once; each document uses a copy.
    Level 7, zlib's default memLevel and strategy: measured on the documents of a
    20,000-case demo (zlib 1.2.13) they store one in the same size as level 9 with
    memLevel 9 and Z_FILTERED did (686 against 685 bytes deflated, of about 1,000 stored)
    in three quarters of the time (0.15 against 0.19 ms); level 6 was 12 bytes larger.
    ``decode`` reads every level alike."""
    return zlib.compressobj(7, zlib.DEFLATED, _WBITS_2, 8, zlib.Z_DEFAULT_STRATEGY, dict_3())


def encode(document: dict[str, Any]) -> bytes:
    """A document as stored: compact JSON with its uuids taken out as 16 bytes each
    (deflate spends about 23 bytes on the 36 characters of a random uuid, a sixth of
    a document), the rest deflated with the marked format-3 dictionary."""
    text = compact(document)
    parts = _UUID.split(text)  # text, uuid, text, uuid, ..., text
    count = len(parts) // 2
    if count >= 1 << (8 * _COUNT):  # never in practice: pack without taking out
        packer = zlib.compressobj(6, zlib.DEFLATED, _WBITS_2, 8, zlib.Z_DEFAULT_STRATEGY,
                                  dict_2())
        return bytes((DEFLATE_DICT_2,)) + packer.compress(text) + packer.flush()
    raw = binascii.unhexlify(b"".join(parts[1::2]).replace(b"-", b""))
    packer = _packer_3().copy()
    body = _MARK.join(parts[0::2])
    return (bytes((DEFLATE_UUIDS,)) + count.to_bytes(_COUNT, "big") + raw
            + packer.compress(body) + packer.flush())


def decode(data: bytes | str) -> dict[str, Any]:
    """A stored document back; a BLOB that does not unpack is damage, not a bug."""
    if isinstance(data, str):  # plain JSON, as written before schema 5
        return dict(json.loads(data))
    if not data or data[0] not in (DEFLATE_DICT_1, DEFLATE_DICT_2, DEFLATE_UUIDS):
        raise damaged("document format")
    if data[0] == DEFLATE_UUIDS:
        return dict(json.loads(_with_uuids(data)))
    unpacker = (zlib.decompressobj(_WBITS, DICT_1) if data[0] == DEFLATE_DICT_1
                else zlib.decompressobj(_WBITS_2, dict_2()))
    return dict(json.loads(_inflate(unpacker, data[1:])))


def _inflate(unpacker: zlib._Decompress, stream: bytes) -> bytes:
    try:
        text = unpacker.decompress(stream) + unpacker.flush()
    except zlib.error:
        raise damaged("document") from None
    if not unpacker.eof:
        raise damaged("document")
    return text


def _with_uuids(data: bytes) -> bytes:
    """The JSON text of a ``DEFLATE_UUIDS`` document, its uuids put back in place."""
    count = int.from_bytes(data[1:1 + _COUNT], "big")
    start = 1 + _COUNT + 16 * count
    if len(data) <= start:
        raise damaged("document")
    parts = _inflate(zlib.decompressobj(_WBITS_2, dict_3()), data[start:]).split(_MARK)
    if len(parts) != count + 1:
        raise damaged("document")
    hexes = binascii.hexlify(data[1 + _COUNT:start])
    out = [parts[0]]
    for i, part in enumerate(parts[1:]):
        h = hexes[32 * i:32 * i + 32]
        out += (b'"', h[:8], b"-", h[8:12], b"-", h[12:16], b"-", h[16:20], b"-", h[20:], b'"',
                part)
    return b"".join(out)
