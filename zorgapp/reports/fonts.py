"""The embedded Unicode fonts every document uses (DejaVu Sans, licence in resources/fonts).

The 14 standard PDF fonts know only Latin-1 (WinAnsi): "Ștefănescu", "Wiśniewski",
"Szőke" and "Nguyễn" would come out with black boxes or question marks. DejaVu covers
all of them; reportlab embeds the subset of glyphs a document uses.
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from zorgapp.paths import resource_dir

SANS = "ZorgSans"
SANS_BOLD = "ZorgSans-Bold"
MONO = "ZorgMono"

_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    MONO: "DejaVuSansMono.ttf",
}
_lock = threading.Lock()
_registered = False


def fonts_dir() -> Path:
    return resource_dir() / "fonts"


def register() -> None:
    """Register the fonts once per process (thread-safe: reports run on a worker)."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        folder = fonts_dir()
        for name, filename in _FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(folder / filename)))
        # Paragraph markup <b> and <i> find the bold face through the family mapping;
        # there is no italic face, so italic falls back to the regular one.
        addMapping(SANS, 0, 0, SANS)
        addMapping(SANS, 1, 0, SANS_BOLD)
        addMapping(SANS, 0, 1, SANS)
        addMapping(SANS, 1, 1, SANS_BOLD)
        _registered = True
