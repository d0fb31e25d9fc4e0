"""Issue 11, item 12: leftovers.

Did: killed backups left ``.tmp-*.partial`` files forever; a killed ``--demo`` left a
``zorgapp-demo-*`` folder in the temporary folder; ``--out /nonexistent-dir/x.pdf``
silently created folders; ``case list --json`` printed every name without an entry in
the audit trail.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from zorgapp.store.vault import Vault

from .helpers import cli_env, run_cli, start_cli, zorgapp_command

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def _wait_until(condition, proc: subprocess.Popen[bytes], seconds: float = 120) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and proc.poll() is None:
        if condition():
            return True
        time.sleep(0.0005)
    return bool(condition())


@pytest.fixture
def big_vault(vault_path: Path) -> Path:
    """Big enough (about 30 MB) that a backup takes a moment to copy."""
    vault, _ = Vault.create(vault_path, PASSPHRASE)
    for i in range(6):
        vault.set_meta(f"ballast-{i}", os.urandom(2_500_000).hex())
    vault.lock()
    return vault_path


def test_killed_backup_leaves_no_partial_behind(big_vault: Path, tmp_path: Path) -> None:
    dest = tmp_path / "usb"
    dest.mkdir()
    data = tmp_path / "data"
    for _ in range(10):  # until a kill lands while the copy is being written
        proc = start_cli(data, "vault", "backup", str(big_vault), str(dest))
        _wait_until(lambda: any(dest.glob(".tmp-*.partial")), proc)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        if any(dest.glob(".tmp-*.partial")):
            break
    else:
        pytest.fail("no kill landed while the backup was being copied")
    # The next backup into that folder removes what the killed one left.
    result = run_cli(data, "vault", "backup", str(big_vault), str(dest))
    assert result.returncode == 0, result.stderr
    assert not list(dest.glob(".tmp-*"))


def test_partial_in_the_vaults_own_backup_folder_goes_at_the_next_unlock(vault_path: Path) -> None:
    vault, _ = Vault.create(vault_path, PASSPHRASE)
    vault.lock()
    folder = Path(str(vault_path) + ".backups")
    folder.mkdir()
    stale = folder / ".tmp-k1lled.partial"
    stale.write_bytes(b"encrypted pages of a killed backup")
    Vault.unlock(vault_path, PASSPHRASE).lock()
    assert not stale.exists()


def _demo_folders(root: Path) -> set[Path]:
    return set(root.glob("zorgapp-demo-*"))


def _start_demo(tmp_path: Path, root: Path) -> subprocess.Popen[bytes]:
    env = cli_env(TMPDIR=str(root), QT_QPA_PLATFORM="offscreen")
    return subprocess.Popen(
        [*zorgapp_command(), "--demo", "--demo-cases", "3", "--data-dir", str(tmp_path / "data")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)


def test_killed_demo_folder_is_removed_at_the_next_demo(tmp_path: Path) -> None:
    root = tmp_path / "tmp"
    root.mkdir()
    first = _start_demo(tmp_path, root)
    try:
        assert _wait_until(lambda: any(root.glob("zorgapp-demo-*/demo.zorg.key")), first)
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=60)
    killed = _demo_folders(root)
    assert len(killed) == 1  # what the report saw: it stays after the kill
    second = _start_demo(tmp_path, root)
    try:
        # One look at the folder per poll: two looks could straddle the moment the killed
        # folder is gone and the new one not yet made, and see "only new ones" in nothing.
        def only_new() -> bool:
            now = _demo_folders(root)
            return bool(now) and not killed & now

        assert _wait_until(only_new, second)
        assert len(_demo_folders(root)) == 1  # its own, in use: not removed
    finally:
        second.send_signal(signal.SIGKILL)
        second.wait(timeout=60)


def test_out_into_a_missing_folder_is_refused(vault_path: Path, tmp_path: Path) -> None:
    vault, _ = Vault.create(vault_path, PASSPHRASE)
    vault.lock()
    missing = tmp_path / "bestaat-niet"
    result = run_cli(tmp_path / "data", "report", "annual", str(vault_path), "--year", "2026",
                     "--out", str(missing / "sub" / "jaar.pdf"))
    assert result.returncode == 2, result.stderr
    assert "bestaat niet" in result.stderr and "Traceback" not in result.stderr
    assert not missing.exists()


def test_case_list_is_recorded_as_an_export(vault_path: Path, tmp_path: Path) -> None:
    from datetime import date

    from zorgapp.services.demo import fill_demo

    vault, _ = Vault.create(vault_path, PASSPHRASE)
    fill_demo(vault, 7, vandaag=date(2026, 11, 1))
    vault.lock()
    for args in (("--json",), ()):
        result = run_cli(tmp_path / "data", "case", "list", str(vault_path), *args)
        assert result.returncode == 0, result.stderr
    vault = Vault.unlock(vault_path, PASSPHRASE)
    try:
        exports = [e for e in vault.audit.entries() if e.action == "export"]
    finally:
        vault.lock()
    assert len(exports) == 2
    assert all(e.record_type == "dossier" and e.outcome == "7" and "naam" in e.fields
               for e in exports)
    assert "gemeente" in exports[0].fields  # the JSON has more columns than the plain list


def test_partial_of_a_killed_create_goes_at_the_next_create(tmp_path: Path) -> None:
    """A create killed while it wrote its key file or head left a ``.tmp-*.partial``;
    no vault in that folder may ever be unlocked, so the next create clears it."""
    stale = tmp_path / ".tmp-k1lled.partial"
    stale.write_bytes(b"a wrapped key, half written")
    vault, _ = Vault.create(tmp_path / "nieuw.zorg", PASSPHRASE)
    vault.lock()
    assert not stale.exists()
