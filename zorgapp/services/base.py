"""What every use-case service holds: the open vault, who acts, and what day it is.

``vandaag`` is injectable so tests (and reports made "as of" a date) do not depend
on the clock.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from zorgapp.store.audit import local_user
from zorgapp.store.vault import Vault


class VaultService:
    def __init__(self, vault: Vault, actor: str | None = None,
                 vandaag: Callable[[], date] = date.today) -> None:
        self.vault = vault
        self.actor = actor or local_user()
        self._vandaag = vandaag

    @property
    def vandaag(self) -> date:
        return self._vandaag()
