"""The log keeps personal data out; settings hold preferences only."""

from __future__ import annotations

import logging
import stat
from pathlib import Path

from zorgapp.logs import setup_logging
from zorgapp.settings import REGISTRY, Settings


def test_log_redacts_bsn_and_email_and_is_private(tmp_path: Path) -> None:
    path = setup_logging(folder=tmp_path)
    log = logging.getLogger("zorgapp.test")
    log.warning("import failed for %s with BSN %s", "iemand@example.org", "111222333")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "import failed" in text
    assert "111222333" not in text and "iemand@example.org" not in text
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_settings_round_trip_and_fall_back_on_bad_values(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "settings.json")
    assert settings.get("autolock_minutes") == 5
    settings.set("autolock_minutes", 12)
    settings.set("language", "en")
    again = Settings(tmp_path / "settings.json")
    assert again.get("autolock_minutes") == 12 and again.get("language") == "en"
    (tmp_path / "settings.json").write_text('{"autolock_minutes": "veel"}')
    assert Settings(tmp_path / "settings.json").get("autolock_minutes") == 5


def test_settings_hold_no_case_data() -> None:
    """Every setting is a preference: nothing keyed on clients or dossiers."""
    forbidden = ("naam", "bsn", "dossier", "persoon", "client", "passphrase", "key")
    assert not [k for k in REGISTRY if any(word in k for word in forbidden)]
