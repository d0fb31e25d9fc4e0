"""QR codes of contact cards (segno), as PNG for the screen and SVG for print.

Kept in ``reports`` with the other printable output; the card text itself comes from
``exchange.card.ContactCard.to_text`` (the same text a scanner reads back).
"""

from __future__ import annotations

import io


def qr_png(text: str, scale: int = 5) -> bytes:
    import segno

    buffer = io.BytesIO()
    segno.make(text, error="m", micro=False).save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()


def qr_svg(text: str, scale: int = 4) -> bytes:
    import segno

    buffer = io.BytesIO()
    segno.make(text, error="m", micro=False).save(buffer, kind="svg", scale=scale, border=2,
                                                  xmldecl=True)
    return buffer.getvalue()
