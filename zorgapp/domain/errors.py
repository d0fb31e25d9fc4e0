"""Errors the domain rules raise.

The domain imports the standard library only, so it cannot translate: it raises a
Dutch msgid (marked with ``N_`` for extraction) plus named parameters, and the GUI or
CLI translates it with ``_()`` when showing it.
"""

from __future__ import annotations

from typing import Any


def N_(message: str) -> str:
    """Mark a string for extraction without translating it here."""
    return message


class DomainError(ValueError):
    """Input the rules of the field refuse: impossible transition, date or amount."""

    def __init__(self, msgid: str, **params: Any) -> None:
        super().__init__(msgid.format(**params) if params else msgid)
        self.msgid = msgid
        self.params = params
