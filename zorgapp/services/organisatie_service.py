"""What belongs to the organisation that keeps the vault, so it travels with the vault:
the letterhead (with a phone number) and the dossier prefix. Kept in the vault's
``meta`` table, never in the per-user settings.json.

Before this the letterhead was per user in settings.json (and every document said
"Zorgapp" when it was empty); the first read of a vault's letterhead copies those
settings into the vault once (``letter_migrated``), so nobody loses what they typed.
The logo is stored as image data (base64), so a moved vault keeps it too.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path
from typing import Any

from zorgapp.domain.dossier import maak_dossiernummer
from zorgapp.errors import N_, KnownError
from zorgapp.services.base import VaultService
from zorgapp.store import audit
from zorgapp.store.audit import local_user
from zorgapp.store.vault import Vault

DEFAULT_PREFIX = "HM"
#: text fields of the letterhead, as meta keys (the same names settings.json used)
LETTER_TEXT_KEYS = ("letter_organisation", "letter_address", "letter_phone",
                    "letter_contact", "letter_place")
LOGO_KEY = "letter_logo_data"
MIGRATED_KEY = "letter_migrated"
MAX_LOGO_BYTES = 1_000_000


class LogoError(KnownError):
    """The chosen logo cannot be used (missing, too large)."""


def _set_meta(db: Any, key: str, value: str) -> None:
    """One meta value inside the caller's transaction (with its audit entry)."""
    db.execute("INSERT INTO meta (key, value) VALUES (?, ?) "
               "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))


def _migrate(vault: Vault, settings_get: Callable[[str], Any] | None) -> None:
    """Copy the per-user letterhead from settings.json into ``vault`` once."""
    if vault.meta(MIGRATED_KEY) == "1":
        return
    if settings_get is None:
        from zorgapp.settings import Settings

        settings_get = Settings().get
    for key in LETTER_TEXT_KEYS:
        try:
            old = str(settings_get(key) or "").strip()
        except KeyError:
            continue  # letter_phone did not exist in settings.json
        if old and not vault.meta(key):
            vault.set_meta(key, old)
    try:
        logo = str(settings_get("letter_logo") or "").strip()
    except KeyError:
        logo = ""
    if logo and not vault.meta(LOGO_KEY) and Path(logo).is_file():
        data = Path(logo).read_bytes()
        if len(data) <= MAX_LOGO_BYTES:
            vault.set_meta(LOGO_KEY, base64.b64encode(data).decode("ascii"))
    vault.set_meta(MIGRATED_KEY, "1")


def afzender_onbekend(card: Any) -> bool:
    """True while a vault's handover identity is not filled in: no name, only the login
    name (what bundles showed as "root —  ()"), or no organisation."""
    name = (card.name or "").strip()
    return not name or name == local_user() or not (card.organisation or "").strip()


def naam_voor_formulier(card: Any) -> str:
    """The card's name for a form: empty when it is only the login name."""
    name = (card.name or "").strip()
    return "" if name == local_user() else name


class OrganisatieService(VaultService):
    """Letterhead and dossier prefix of this vault."""

    def briefhoofd_velden(self, settings_get: Callable[[str], Any] | None = None) -> dict[str, str]:
        """The letterhead's text fields (after the one-time copy from settings.json)."""
        _migrate(self.vault, settings_get)
        return {key: self.vault.meta(key) for key in LETTER_TEXT_KEYS}

    def logo(self) -> bytes:
        """The logo image, or empty bytes."""
        text = self.vault.meta(LOGO_KEY)
        return base64.b64decode(text) if text else b""

    def bewaar_briefhoofd(self, velden: dict[str, str], logo: Path | bytes | None = None,
                          logo_weg: bool = False) -> None:
        """Store the letterhead; ``logo`` a file or image data, ``logo_weg`` removes it."""
        data: bytes | None = None
        if isinstance(logo, Path):
            if not logo.is_file():
                raise LogoError(N_("Het logo {pad} kan niet worden gelezen. Kies een PNG- of "
                                   "JPEG-bestand."), pad=str(logo))
            data = logo.read_bytes()
        elif isinstance(logo, bytes):
            data = logo
        if data is not None and len(data) > MAX_LOGO_BYTES:
            raise LogoError(N_("Het logo is te groot (meer dan 1 MB). Kies een kleinere afbeelding."))
        _migrate(self.vault, None)  # never overwrite later with the old settings
        values = {key: velden[key].strip() for key in LETTER_TEXT_KEYS if key in velden}
        if data is not None:
            values[LOGO_KEY] = base64.b64encode(data).decode("ascii")
        elif logo_weg:
            values[LOGO_KEY] = ""
        with self.vault.transaction() as db:
            for key, value in values.items():
                _set_meta(db, key, value)
            self.vault.audit.record(audit.CHANGE, record_type="briefhoofd",
                                    fields=[k for k in values if k != LOGO_KEY])

    def briefhoofd(self) -> Any:
        """A ``reports.style.Briefhoofd`` (imported here: reportlab loads only to print)."""
        from zorgapp.reports.style import Briefhoofd

        velden = self.briefhoofd_velden()
        return Briefhoofd(organisatie=velden["letter_organisation"],
                          adres=velden["letter_address"], telefoon=velden["letter_phone"],
                          contact=velden["letter_contact"], plaats=velden["letter_place"],
                          logo=self.logo())

    def prefix(self) -> str:
        return self.vault.meta("dossier_prefix", DEFAULT_PREFIX)

    def stel_prefix_in(self, prefix: str) -> str:
        """Set the prefix of new dossier numbers (1-8 letters); returns it upper case."""
        prefix = prefix.strip().upper()
        maak_dossiernummer(prefix, 2026, 1)  # the domain refuses a wrong prefix
        with self.vault.transaction() as db:
            _set_meta(db, "dossier_prefix", prefix)
            self.vault.audit.record(audit.CHANGE, record_type="dossier_prefix")
        return prefix
