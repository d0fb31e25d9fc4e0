"""Shared by the opvang use cases: a domain refusal as a message the user can read,
and a checked daily rate. (Allocation and the region use ``validatie`` too.)"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from zorgapp.domain.errors import DomainError
from zorgapp.domain.geld import euro
from zorgapp.domain.opvang import Tarief
from zorgapp.errors import ValidationError
from zorgapp.i18n import format_date


def _toon(value: Any) -> Any:
    return format_date(value) if isinstance(value, date) else value


def validatie(exc: DomainError) -> ValidationError:
    """A domain refusal as a ValidationError with dates ready to show."""
    return ValidationError(exc.msgid, **{k: _toon(v) for k, v in exc.params.items()})


def maak_tarief(dagtarief: Decimal | str, geldig_vanaf: date) -> Tarief:
    """A daily rate from user input, refused with a readable message when impossible."""
    try:
        return Tarief(euro(dagtarief), geldig_vanaf)
    except DomainError as exc:
        raise validatie(exc) from None
