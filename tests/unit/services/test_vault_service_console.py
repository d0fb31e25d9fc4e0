"""The installed ``zorgapp`` command runs the same vault use cases as the GUI:
``vault passwd`` (``vault_service.change_passphrase_at``) and ``audit verify``
(``vault_service.verify_audit``), in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from zorgapp.store.vault import Vault

NEW = "een andere lange wachtwoordzin"


def _zorgapp(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("zorgapp")
    if not script.exists():  # pragma: no cover - the test extra installs the package
        pytest.skip("the zorgapp console script is not installed")
    env = {k: v for k, v in os.environ.items() if k != "ZORGAPP_PASSPHRASE"}
    env["ZORGAPP_DATA_DIR"] = str(data_dir)
    return subprocess.run([str(script), "--lang", "nl", *args], capture_output=True, text=True,
                          env=env, stdin=subprocess.DEVNULL, timeout=120)


def test_passwd_and_audit_verify_from_the_console_script(tmp_path: Path, vault_path: Path) -> None:
    Vault.create(vault_path, PASSPHRASE)[0].lock()
    old, new, wrong = tmp_path / "oud", tmp_path / "nieuw", tmp_path / "fout"
    old.write_text(PASSPHRASE, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    wrong.write_text("niet de goede wachtwoordzin", encoding="utf-8")

    refused = _zorgapp("vault", "passwd", str(vault_path), "--passphrase-file", str(wrong),
                       "--new-passphrase-file", str(new), data_dir=tmp_path)
    assert refused.returncode == 2, refused.stderr

    done = _zorgapp("vault", "passwd", str(vault_path), "--passphrase-file", str(old),
                    "--new-passphrase-file", str(new), data_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "De wachtwoordzin is gewijzigd." in done.stderr

    verified = _zorgapp("audit", "verify", str(vault_path), "--passphrase-file", str(new),
                        data_dir=tmp_path)
    assert verified.returncode == 0, verified.stderr
    vault = Vault.unlock(vault_path, NEW)
    count = vault.audit.head()[0]
    vault.lock()
    # create, the failed unlock, unlock/passphrase/lock, unlock: all before 'verify' counted
    assert f"Het logboek is ongeschonden ({count - 2} regels)." in verified.stderr
