"""One registry of user settings, kept as JSON in the user's config folder.

Settings never hold personal data: only preferences (language, auto-lock minutes,
letterhead of the coordinator's own organisation, the last vault's path).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, NamedTuple

from zorgapp.i18n import N_
from zorgapp.paths import config_dir


class Setting(NamedTuple):
    """One preference (a named tuple, not a dataclass: the window start reads the
    settings and ``dataclasses`` would cost it 9 ms, issue 15)."""

    key: str
    default: Any
    type: type
    label: str  # msgid, translated where shown


REGISTRY: dict[str, Setting] = {
    s.key: s
    for s in (
        Setting("language", "nl", str, N_("Taal")),
        Setting("autolock_minutes", 5, int, N_("Automatisch vergrendelen na (minuten)")),
        Setting("last_vault", "", str, N_("Laatst geopende kluis")),
        Setting("privacy_initials", False, bool, N_("Initialen in plaats van namen in lijsten")),
        Setting("letter_organisation", "", str, N_("Organisatie (briefhoofd)")),
        Setting("letter_address", "", str, N_("Adres (briefhoofd)")),
        Setting("letter_contact", "", str, N_("Contact (briefhoofd)")),
        Setting("letter_place", "", str, N_("Plaats (briefhoofd)")),
        Setting("letter_logo", "", str, N_("Logo (briefhoofd)")),
        Setting("letter_signer", "", str, N_("Ondertekenaar (plaatsingsbrief)")),
    )
}


class Settings:
    """Typed access with defaults; unknown or wrongly typed values fall back."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or (config_dir() / "settings.json")
        self._values: dict[str, Any] = {}
        try:
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(loaded, dict):
                self._values = loaded
        except (FileNotFoundError, ValueError):
            pass

    def get(self, key: str) -> Any:
        setting = REGISTRY[key]
        value = self._values.get(key, setting.default)
        if not isinstance(value, setting.type) or (setting.type is int and isinstance(value, bool)):
            return setting.default
        return value

    def set(self, key: str, value: Any) -> None:
        setting = REGISTRY[key]
        self._values[key] = setting.type(value)
        from zorgapp.fileio import atomic_write  # writing only: the start reads

        atomic_write(self.path, json.dumps(self._values, indent=2, ensure_ascii=False).encode())
