"""Use cases of the audit trail for the privacy officer: verify, anchor, alarms.

An *anchor* is the trail's head (``SEQ:HASH``) written down outside the computer. The
holder of the recovery key can rewrite the trail and its head consistently; what they
cannot do is make an old anchor fit again: ``verify(vault, anchor)`` proves that the
trail up to the anchor is unchanged.
"""

from __future__ import annotations

from zorgapp.errors import N_, TamperedError
from zorgapp.store.audit import AuditAlarmError, alarm_message, parse_anchor
from zorgapp.store.vault import Vault

__all__ = ["alarm_at_unlock", "anchor", "verify"]


def verify(vault: Vault, anchor_text: str | None = None) -> int:
    """The number of entries of an intact trail; TamperedError (exit 1) otherwise."""
    point = parse_anchor(anchor_text) if anchor_text is not None else None
    with vault.read():
        problems = vault.audit.verify(point)
        count = vault.audit.head()[0]
    if problems:
        raise TamperedError(
            N_("Het logboek is gewijzigd of ingekort ({problemen}). Neem contact op met de privacyfunctionaris."),
            problemen=", ".join(problems))
    return count


def anchor(vault: Vault) -> str:
    """``SEQ:HASH`` of the newest entry, to keep on paper or elsewhere."""
    with vault.read():
        return vault.audit.anchor()


def alarm_at_unlock(vault: Vault) -> AuditAlarmError | None:
    """What the unlock of this vault noticed (the alarm is in the trail already)."""
    problems = vault.audit.alarms_at_unlock
    return alarm_message(problems) if problems else None

