"""Beheer: backups and restore, passphrase, settings, the audit log, and handover.

One tab per section, one section per module: ``backups.py``, ``passphrase.py``,
``settings.py``, ``audit.py`` (handover is ``ui/dialogs/overdracht_panel.py``);
``page.py`` strings them together. Every vault action goes through
``services.vault_service`` on the task runner.
"""

from __future__ import annotations

from zorgapp.ui.pages.beheer.backups import RestoreDialog
from zorgapp.ui.pages.beheer.page import BeheerPage

__all__ = ["BeheerPage", "RestoreDialog"]
