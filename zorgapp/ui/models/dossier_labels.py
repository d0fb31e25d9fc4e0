"""The texts of the dossier list's cells: labels of codes and dates, cached per language.

The labels are cached per language: every new list makes the texts of the rows it
shows, and Babel takes about 0.2 ms a date (issue 15); the same few codes and days
come back again and again.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from zorgapp import i18n
from zorgapp.domain.codes import FASE_LABELS, UITBUITINGSVORM_LABELS, Fase, Uitbuitingsvorm
from zorgapp.domain.persoon import Persoon
from zorgapp.i18n import _, format_date


def initialen(naam: str) -> str:
    """Initials of a name as shown in privacy mode."""
    return Persoon(naam=naam).initialen() if naam else ""


def fase_label(code: str) -> str:
    return _fase_label(code, i18n.language())


@lru_cache(maxsize=64)
def _fase_label(code: str, _language: str) -> str:
    try:
        return _(FASE_LABELS[Fase(code)])
    except ValueError:
        return code


def vormen_label(codes: str) -> str:
    return _vormen_label(codes, i18n.language())


@lru_cache(maxsize=1024)
def _vormen_label(codes: str, _language: str) -> str:
    labels = []
    for code in codes.split():
        try:
            labels.append(_(UITBUITINGSVORM_LABELS[Uitbuitingsvorm(code)]))
        except ValueError:
            labels.append(code)
    return ", ".join(labels)


def datum_label(iso: str | None) -> str:
    if not iso:
        return ""
    return _datum_label(iso, i18n.language())


@lru_cache(maxsize=8192)
def _datum_label(iso: str, _language: str) -> str:
    try:
        return format_date(date.fromisoformat(iso))
    except ValueError:
        return iso
