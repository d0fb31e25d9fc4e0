"""Reading documents back: text and metadata through pypdf."""

from __future__ import annotations

import io
import re
import unicodedata
from decimal import Decimal

from pypdf import PdfReader


def reader(pdf: bytes) -> PdfReader:
    assert pdf.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(pdf))


def pages(pdf: bytes) -> list[str]:
    return [unicodedata.normalize("NFC", page.extract_text() or "").replace("\xa0", " ")
            for page in reader(pdf).pages]


def text(pdf: bytes) -> str:
    return "\n".join(pages(pdf))


def squash(s: str) -> str:
    """Without white space: pypdf splits lines and table cells at will."""
    return re.sub(r"\s+", "", s)


_MONEY_NL = re.compile(r"€\s?(-?[\d.]+,\d\d)")


def amounts_nl(s: str) -> list[Decimal]:
    return [Decimal(m.replace(".", "").replace(",", ".")) for m in _MONEY_NL.findall(s)]


def money(amount: Decimal) -> str:
    from zorgapp.i18n import format_money

    return format_money(amount).replace("\xa0", " ")
