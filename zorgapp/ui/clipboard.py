"""The clipboard: what Zorgapp puts there is taken off again when the vault locks.

A recovery key or a name left on the clipboard outlives the lock screen: the next
person at the laptop pastes it anywhere. Every copy button goes through ``copy``, which
remembers a fingerprint (SHA-256) of the text, never the text. At lock,
``clear_ours`` empties the clipboard when it still holds something we put there, and
also when the platform says our process owns it (X11, Wayland, Windows: the user
copied from a field with Ctrl+C) or the X11 selection (text selected in a field).
Whatever another program put on the clipboard since then is left alone.
"""

from __future__ import annotations

import hashlib

from PySide6.QtGui import QClipboard, QGuiApplication

_ours: set[str] = set()


def _fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def copy(text: str) -> None:
    """Put ``text`` on the clipboard until the vault locks."""
    QGuiApplication.clipboard().setText(text)
    _ours.add(_fingerprint(text))


def clear_ours() -> bool:
    """Take our data off the clipboard (at lock); True when something was cleared."""
    clipboard = QGuiApplication.clipboard()
    cleared = False
    held = clipboard.text()
    if (held and _fingerprint(held) in _ours) or clipboard.ownsClipboard():
        clipboard.clear(QClipboard.Mode.Clipboard)
        cleared = True
    if clipboard.supportsSelection() and clipboard.ownsSelection():
        clipboard.clear(QClipboard.Mode.Selection)
        cleared = True
    _ours.clear()
    return cleared
