"""Issue 11, item 6: no core dump holds names, the key or the passphrase.

The installed ``zorgapp`` (command line and window alike) sets the core file limit to
0 and, on Linux, makes itself not dumpable before anything else; a ``sitecustomize``
(on ``PYTHONPATH``) looks from inside the started process, once through a command and
once through the window's start. The vault key lives in a ``bytearray`` that holds
only zeros after lock.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from zorgapp import hardening
from zorgapp.store.vault import Vault

from .console_script import run_zorgapp

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux")

#: Replaces one command and the window's start with a report of the process's state.
PROBE = '''
import json, resource, sys
import zorgapp.app as app
import zorgapp.commands.vault as vault_commands
from zorgapp import hardening


def state(*_args):
    status = dict(line.split(":", 1) for line in open("/proc/self/status") if ":" in line)
    print(json.dumps({"rlimit_core": list(resource.getrlimit(resource.RLIMIT_CORE)),
                      "dumpable": hardening.dumpable(),
                      "core_dumping": status.get("CoreDumping", "").strip()}))
    return 0


vault_commands.cmd_check = state
app.run_gui = state
'''


def _probe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *argv: str) -> dict[str, object]:
    hook = tmp_path / "hook"
    hook.mkdir(exist_ok=True)
    (hook / "sitecustomize.py").write_text(PROBE, encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(hook))
    result = run_zorgapp(tmp_path / "data", *argv)
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout))


@linux_only
@pytest.mark.parametrize("argv", [("vault", "check", "kluis.zorg"), ("--lang", "nl")],
                         ids=["command", "window"])
def test_the_started_process_makes_no_core_dump(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                argv: tuple[str, ...]) -> None:
    state = _probe(tmp_path, monkeypatch, *argv)
    assert state["rlimit_core"] == [0, 0]
    assert state["dumpable"] == 0
    assert state["core_dumping"] == "0"


def test_hardening_in_a_child_process_reports_what_it_did(tmp_path: Path) -> None:
    """In a child Python, so that the test process itself stays debuggable."""
    import subprocess

    code = ("import json, resource; from zorgapp import hardening; "
            "done = hardening.harden_process(); "
            "print(json.dumps([done, list(resource.getrlimit(resource.RLIMIT_CORE)), "
            "hardening.dumpable()]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=60).stdout
    done, limit, dumpable = json.loads(out)
    assert limit == [0, 0] and "rlimit_core" in done
    if sys.platform.startswith("linux"):
        assert dumpable == 0 and "not_dumpable" in done


def test_dumpable_is_reported_for_this_process() -> None:
    if sys.platform.startswith("linux"):
        assert hardening.dumpable() in (1, 2)  # pytest itself is not hardened
    else:
        assert hardening.dumpable() is None


# -- the key in memory --------------------------------------------------------------------


def test_the_vault_key_is_zeroed_at_lock(vault_path: Path) -> None:
    vault, _recovery = Vault.create(vault_path, PASSPHRASE)
    vault.lock()
    vault = Vault.unlock(vault_path, PASSPHRASE)
    key = vault.key
    assert isinstance(key, bytearray) and len(key) == 32 and any(key)
    vault.lock()
    assert key == bytearray(32)
    assert vault._key is None


def test_the_key_is_zeroed_when_an_unlock_fails_halfway(vault_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    vault, _recovery = Vault.create(vault_path, PASSPHRASE)
    vault.lock()
    keys: list[bytearray] = []
    made = Vault.__init__

    def keep(self: Vault, *args: object, **kwargs: object) -> None:
        made(self, *args, **kwargs)  # type: ignore[arg-type]
        keys.append(self._key)  # type: ignore[arg-type]

    def broken(self: Vault, fresh: bool) -> None:
        raise RuntimeError("a bug during the migration")

    monkeypatch.setattr(Vault, "__init__", keep)
    monkeypatch.setattr(Vault, "_migrate", broken)
    with pytest.raises(RuntimeError):
        Vault.unlock(vault_path, PASSPHRASE)
    assert keys and all(k == bytearray(32) for k in keys)
