"""Issue 11, item 13: SIGKILLs of the installed ``zorgapp`` over create, demo, import,
backup, restore, passwd and recover.

After every kill: ``vault check`` and ``audit verify --anchor`` (the anchor taken just
before the kill) exit 0; the marker case committed just before the kill is still there;
for passwd and recover exactly one of the old and the new passphrase opens the vault; a
create or demo left either nothing (and runs again) or a whole vault; an import all or
nothing; a backup that appeared restores; a restore left the old vault or the backup in
place, and the old vault kept aside.

The default run is a sample (one or two aimed kills per command); ``python -m pytest -m slow``
kills 200+ times, half at seeded random moments of a measured run, half aimed at a window
the command makes visible on disk. The table of tries and outcomes is printed at the end
of the session (tests/reliability/conftest.py).
"""

from __future__ import annotations

import random
import signal
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.unit.exchange.conftest import make_pair
from zorgapp.errors import WrongPassphraseError
from zorgapp.services.demo import fill_demo, make_demo_vault
from zorgapp.store import audit as audit_mod
from zorgapp.store import keyfile, staging
from zorgapp.store.audit import parse_anchor
from zorgapp.store.backup import make_backup, restore
from zorgapp.store.vault import Vault

from .killing import (
    Scenario,
    Snapshot,
    Try,
    Watch,
    add_marker_case,
    check_fails,
    checks_fail,
    kill_runs,
    kill_seed,
    leftovers,
    new_passphrase,
    opened,
    report,
    secret_args,
    snapshot_of,
    vault_files,
    verify_fails,
)

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

#: Kills per command: the default sample and the slow run (together 205).
FAST = {"create": 2, "demo": 1, "import": 2, "backup": 2, "restore": 2, "passwd": 2, "recover": 1}
SLOW = {"create": 30, "demo": 25, "import": 30, "backup": 30, "restore": 35, "passwd": 30, "recover": 25}
FAST_SEED = 11


def _late(attempt: int) -> bool:
    """Which aimed tries go for the late window (aimed tries are 0, 1 in the sample and
    the odd ones in the slow run)."""
    return attempt % 4 == 1


def _temp_files(folder: Path) -> set[str]:
    return {p.name for p in folder.glob(".tmp-*")}


class VaultScenario(Scenario):
    """A command on an existing vault: the judge checks it, proves the trail up to the
    anchor taken before the kill, finds the marker case, then commits the next one."""

    def __init__(self, folder: Path, data: Path, kills: int) -> None:
        self.folder, self.data, self.kills = folder, data, kills
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / "kluis.zorg"
        self.passphrase: str | None = PASSPHRASE
        self.recovery_key = ""
        self.before: Snapshot | None = None
        self.temp_before: set[str] = set()

    def make_vault(self, cases: int = 5) -> None:
        vault, self.recovery_key = Vault.create(self.path, PASSPHRASE)
        fill_demo(vault, cases)
        add_marker_case(vault, "begin")
        self.before = snapshot_of(vault)
        vault.lock()

    def secret(self) -> list[str]:
        return secret_args(self.folder.parent, self.passphrase, self.recovery_key)

    def verify_vault(self) -> tuple[list[str], Snapshot | None]:
        """CLI checks (the first openers after the kill), then a look inside, then the
        next marker case. Returns problems and what was found."""
        assert self.before is not None
        problems = checks_fail(self.data, self.path, self.secret(), self.before.anchor)
        try:
            with opened(self.path, self.passphrase, self.recovery_key) as vault:
                found = snapshot_of(vault)
                problems += self.before.lost_in(found)
                self.inspect(vault, problems)
                add_marker_case(vault, f"{self.command}-{len(found.dossiers)}")
                self.before = snapshot_of(vault)
        except Exception as exc:  # noqa: BLE001 - reported as the try's failure
            return [*problems, f"does not open: {type(exc).__name__}: {exc}"], None
        new_temp = _temp_files(self.folder) - self.temp_before
        if new_temp:
            problems.append(f"temporary files left: {sorted(new_temp)}")
        return problems, found

    def inspect(self, vault: Vault, problems: list[str]) -> None:
        """Scenario-specific look inside the open vault."""


# -- create and demo ----------------------------------------------------------------------

class CreateScenario(Scenario):
    """``vault create`` (``demo`` with ``cases``): nothing at the path, or a whole vault."""

    command = "create"

    cases = 0

    def __init__(self, folder: Path, data: Path, kills: int) -> None:
        self.folder, self.data = folder, data
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / "nieuw.zorg"
        self.temp_before: set[str] = set()

    def next_try(self, attempt: int) -> Try:
        self.path = self.folder / f"nieuw-{attempt + 2}.zorg"
        self.temp_before = _temp_files(self.folder)
        staged, key = staging.staged_path(self.path), keyfile.key_path(self.path)
        if _late(attempt):  # the renames into place: key file first, the database last
            return Try(self.args(), lambda: key.exists(), 0.004)
        return Try(self.args(), lambda: staged.exists() or self.path.exists(),
                   0.3 if self.cases else 0.05)

    def args(self) -> tuple[str, ...]:
        if self.cases:
            return ("demo", str(self.path), "--cases", str(self.cases), "--json")
        return ("vault", "create", str(self.path), "--json")

    def judge(self, finished: bool) -> tuple[str, list[str]]:
        problems: list[str] = []
        if self.path.exists():
            state = "whole vault in place"
            problems += checks_fail(self.data, self.path, secret_args(self.folder.parent, PASSPHRASE))
            try:
                with opened(self.path) as vault:
                    count = len(snapshot_of(vault).dossiers)
            except Exception as exc:  # noqa: BLE001
                return state, [*problems, f"does not open: {type(exc).__name__}: {exc}"]
            if count != self.cases:
                state = f"vault with {count} of {self.cases} cases"
                problems.append(state)
        else:
            state = "nothing in place"
            problems += self.run_again()
        allowed = {n for p in self.folder.glob("nieuw-*.zorg") for n in vault_files(p)}
        stray = [n for n in leftovers(self.folder, allowed) if not n.startswith(".tmp-")]
        new_temp = _temp_files(self.folder) - self.temp_before
        if stray or new_temp:
            problems.append(f"left behind: {stray + sorted(new_temp)}")
        return state, problems

    def run_again(self) -> list[str]:
        """The next create or demo at the same path must simply work."""
        try:
            if self.cases:
                make_demo_vault(self.path, self.cases, PASSPHRASE)
            else:
                Vault.create(self.path, PASSPHRASE)[0].lock()
        except Exception as exc:  # noqa: BLE001
            return [f"the next {self.command} fails: {type(exc).__name__}: {exc}"]
        return []


class DemoScenario(CreateScenario):
    command = "demo"

    def __init__(self, folder: Path, data: Path, kills: int) -> None:
        super().__init__(folder, data, kills)
        self.cases = 30 if kills > 5 else 8


# -- import ---------------------------------------------------------------------------------

class ImportScenario(VaultScenario):
    """``bundle import``: all of the bundle's cases or none, each with its audit entry."""

    command = "import"

    def prepare(self) -> None:
        pair = make_pair(self.folder, cases=6 * self.kills + 6)  # 3 a try, and to spare
        self.sender, self.recipient = pair.sa, pair.sb.kaart().age_recipient
        self.pool = list(pair.uuids)
        self.path = pair.b.path
        add_marker_case(pair.b, "begin")
        self.before = snapshot_of(pair.b)
        pair.b.lock()
        self.bundle_uuids: set[str] = set()

    def next_try(self, attempt: int) -> Try:
        assert self.before is not None
        chosen = [u for u in self.pool if u not in self.before.dossiers][:3]
        assert chosen, "the pool of cases to import ran out"
        bundle = self.folder / "overdracht.zorgbundle"
        self.sender.exporteer(chosen, bundle, [self.recipient])
        self.bundle_uuids = set(chosen)
        self.temp_before = _temp_files(self.folder)
        args = ("bundle", "import", str(self.path), str(bundle), "--json")
        if _late(attempt):  # the unlock is committed; the import's transaction follows
            wal = Path(str(self.path) + "-wal")
            return Try(args, lambda: wal.exists(), 0.3)
        lock = Path(str(self.path) + ".lock")
        return Try(args, lambda: lock.exists(), 0.6)

    def judge(self, finished: bool) -> tuple[str, list[str]]:
        assert self.before is not None
        before = self.before
        problems, found = self.verify_vault()
        if found is None:
            return "does not open", problems
        new = found.dossiers - before.dossiers
        if not new:
            return "nothing imported", problems
        if new != self.bundle_uuids:
            problems.append(f"{len(new)} of {len(self.bundle_uuids)} cases imported")
        return "all imported", problems

    def inspect(self, vault: Vault, problems: list[str]) -> None:
        with vault.read():
            recorded = {e.record_uuid for e in vault.audit.entries() if e.action == audit_mod.IMPORT}
        if (self.bundle_uuids & snapshot_of(vault).dossiers) - recorded:
            problems.append("imported cases without their audit entry")


# -- backup ---------------------------------------------------------------------------------

class BackupScenario(VaultScenario):
    """``vault backup``: the vault untouched; a backup that appeared is whole and restores."""

    command = "backup"

    def prepare(self) -> None:
        self.make_vault(cases=20)
        with opened(self.path) as vault:  # a few MB, so that the copy takes a moment
            for i in range(3 if self.kills > 5 else 1):
                vault.set_meta(f"ballast-{i}", random.Random(i).randbytes(1_500_000).hex())
            self.before = snapshot_of(vault)
        self.dest = self.folder / "usb"
        self.dest.mkdir()

    def next_try(self, attempt: int) -> Try:
        self.existing = set(self.dest.glob("*.zorg"))
        self.temp_before = _temp_files(self.folder)
        if _late(attempt):  # renamed into place, key file and head to follow
            return Try(self.args(), lambda: bool(set(self.dest.glob("*.zorg")) - self.existing), 0.004)
        return Try(self.args(), lambda: any(self.dest.glob(".tmp-*.partial")), 0.1)

    def args(self) -> tuple[str, ...]:
        return ("vault", "backup", str(self.path), str(self.dest))

    def judge(self, finished: bool) -> tuple[str, list[str]]:
        assert self.before is not None
        before = self.before
        problems, _found = self.verify_vault()
        made = sorted(set(self.dest.glob("*.zorg")) - self.existing)
        state = "backup made" if made else "no backup"
        if any(self.dest.glob(".tmp-*.partial")):
            state += ", partial copy left"
        for backup in made:
            problems += self.restores(backup, before)
        return state, problems

    def restores(self, backup: Path, before: Snapshot) -> list[str]:
        missing = [s for s in (".key", ".head") if not Path(str(backup) + s).exists()]
        problems = [f"backup without {', '.join(missing)}"] if missing else []
        probe = self.folder / "proef.zorg"
        try:
            restore(backup, probe, passphrase=PASSPHRASE)
            with opened(probe) as vault:
                problems += before.lost_in(snapshot_of(vault))
        except Exception as exc:  # noqa: BLE001
            problems.append(f"the backup does not restore: {type(exc).__name__}: {exc}")
        for path in [*self.folder.glob("proef.zorg*"), *self.dest.glob(backup.name + "*")]:
            path.unlink()
        return problems

    def finish(self) -> list[str]:
        """The next backup into the folder removes what killed ones left there."""
        done = make_demo_backup(self.path, self.dest)
        left = [p.name for p in self.dest.glob(".tmp-*")]
        return ([] if done else ["the backup after the kills failed"]) + (
            [f"left in the backup folder: {left}"] if left else [])


def make_demo_backup(path: Path, dest: Path) -> bool:
    with opened(path) as vault:
        return make_backup(vault, dest).exists()


# -- restore --------------------------------------------------------------------------------

class RestoreScenario(VaultScenario):
    """``vault restore``: the old vault or the backup at the path; the old one kept aside."""

    command = "restore"

    def prepare(self) -> None:
        self.make_vault(cases=10)
        with opened(self.path) as vault:
            add_marker_case(vault, "in de reservekopie")
            self.backup = make_backup(vault, self.folder / "usb")
        self.backup_snapshot = _backup_snapshot(self.backup)
        with opened(self.path) as vault:
            add_marker_case(vault, "na de reservekopie")
            self.before = snapshot_of(vault)

    def next_try(self, attempt: int) -> Try:
        self.temp_before = _temp_files(self.folder)
        self.names_before = {p.name for p in self.folder.iterdir()}
        args = ("vault", "restore", str(self.backup), str(self.path))
        if _late(attempt):  # the journal and the renames follow the staged head within ms
            staged_head = staging.staged_path(self.path).name + ".head"
            pending = staging.pending_path(self.path).name
            return Try(args, lambda: bool({staged_head, pending} & set(_names(self.folder))), 0.02)
        return Try(args, lambda: bool(set(_names(self.folder)) - self.names_before - {"kluis.zorg.lock"}),
                   0.15)

    def judge(self, finished: bool) -> tuple[str, list[str]]:
        assert self.before is not None
        old = self.before
        problems = check_fails(self.data, self.path, self.secret())  # the first opener
        try:
            found = _snapshot_at(self.path)
        except Exception as exc:  # noqa: BLE001
            return "does not open", [*problems, f"does not open: {type(exc).__name__}: {exc}"]
        if old.dossiers <= found.dossiers:
            state, anchor = "old vault kept in place", old.anchor
        elif found.dossiers == self.backup_snapshot.dossiers:
            state, anchor = "backup restored", self.backup_snapshot.anchor
            problems += self.kept_aside(old)
        else:
            return "a mixture", [*problems, "neither the old vault nor the backup at the path"]
        problems += verify_fails(self.data, self.path, self.secret(), anchor)
        left = [n for n in _names(self.folder) if ".staged" in n or n.endswith(".pending")]
        if left:
            problems.append(f"staged files left after the next open: {left}")
        with opened(self.path) as vault:
            add_marker_case(vault, "volgende poging")
            self.before = snapshot_of(vault)
        return state, problems

    def kept_aside(self, old: Snapshot) -> list[str]:
        asides = sorted(p for p in self.folder.glob("kluis.zorg.voor-terugzetten-*")
                        if not p.name.endswith((".key", ".head", "-wal", "-shm", ".lock")))
        if not asides:
            return ["the old vault was not kept aside"]
        problems = []
        try:
            with opened(asides[-1]) as vault:
                problems += old.lost_in(snapshot_of(vault))
                with vault.read():
                    problems += [f"aside: {p}" for p in vault.audit.verify(parse_anchor(old.anchor))]
        except Exception as exc:  # noqa: BLE001
            problems.append(f"the vault kept aside does not open: {type(exc).__name__}: {exc}")
        for path in self.folder.glob("kluis.zorg.voor-terugzetten-*"):
            path.unlink()
        return problems


def _names(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir()]


def _snapshot_at(path: Path) -> Snapshot:
    with opened(path) as vault:
        return snapshot_of(vault)


def _backup_snapshot(backup: Path) -> Snapshot:
    """A backup's cases and its anchor, read without changing it (from a copy)."""
    import json

    head = json.loads(Path(str(backup) + ".head").read_text(encoding="utf-8"))
    probe = backup.parent / "proef" / "kopie.zorg"
    probe.parent.mkdir()
    restore(backup, probe, passphrase=PASSPHRASE)
    found = _snapshot_at(probe)
    return Snapshot(found.dossiers, f"{head['seq']}:{head['hash']}")


# -- passwd and recover -----------------------------------------------------------------------

class PasswdScenario(VaultScenario):
    """``vault passwd``: exactly one of the old and the new passphrase opens the vault."""

    command = "passwd"

    def prepare(self) -> None:
        self.make_vault()
        self.rng = random.Random(f"{self.command}-zinnen")

    def next_try(self, attempt: int) -> Try:
        self.new = new_passphrase(self.rng)
        self.old = self.passphrase
        (self.folder / "nieuw.txt").write_text(self.new, encoding="utf-8")
        self.temp_before = _temp_files(self.folder)
        if _late(attempt):  # the new key file renamed in; its audit entry follows
            return Try(self.args(), _replaced(keyfile.key_path(self.path)), 0.004)
        if attempt % 4 == 3:  # the key file being written (after the unlock's head)
            return Try(self.args(), _nth_temp_file(self.folder, 2), 0.002)
        return Try(self.args(), lambda: Path(str(self.path) + ".lock").exists(), 1.0)

    def args(self) -> tuple[str, ...]:
        assert self.old is not None
        (self.folder / "oud.txt").write_text(self.old, encoding="utf-8")
        return ("vault", "passwd", str(self.path), "--passphrase-file", str(self.folder / "oud.txt"),
                "--new-passphrase-file", str(self.folder / "nieuw.txt"))

    def judge(self, finished: bool) -> tuple[str, list[str]]:
        opens = [p for p in (self.old, self.new) if p is not None and _opens(self.path, p)]
        if len(opens) != 1:
            return "both or neither", [f"{len(opens)} of the old and new passphrase open the vault"]
        self.passphrase = opens[0]
        state = "new passphrase" if self.passphrase == self.new else "old passphrase"
        self.changed_unrecorded = False
        problems, _found = self.verify_vault()
        if self.changed_unrecorded and self.passphrase == self.new:
            problems.append("the new passphrase works, its change is not in the audit trail")
        return state, problems

    def inspect(self, vault: Vault, problems: list[str]) -> None:
        assert self.before is not None
        seq = parse_anchor(self.before.anchor)[0]
        with vault.read():
            recorded = [e for e in vault.audit.entries_from(seq + 1) if e.action == audit_mod.PASSPHRASE]
        self.changed_unrecorded = not recorded


class RecoverScenario(PasswdScenario):
    """``vault recover``: the same, and every third try with the key file lost first."""

    command = "recover"

    def next_try(self, attempt: int) -> Try:
        if attempt % 3 == 2 and attempt >= 0:
            keyfile.key_path(self.path).unlink(missing_ok=True)
            self.passphrase = None
        return super().next_try(attempt)

    def args(self) -> tuple[str, ...]:
        key_file = self.folder.parent / "herstel-invoer.txt"
        key_file.write_text(self.recovery_key, encoding="utf-8")
        return ("vault", "recover", str(self.path), "--recovery-key-file", str(key_file),
                "--new-passphrase-file", str(self.folder / "nieuw.txt"))

    def judge(self, finished: bool) -> tuple[str, list[str]]:
        if self.old is None and not keyfile.key_path(self.path).exists():
            problems, _found = self.verify_vault()  # the recovery key still opens it
            return "still without key file", problems
        return super().judge(finished)


def _replaced(path: Path) -> Watch:
    """True once ``path`` is another file than now (renamed over, or made)."""
    before = path.stat().st_ino if path.exists() else None

    def watch() -> bool:
        try:
            return path.stat().st_ino != before
        except FileNotFoundError:
            return False
    return watch


def _nth_temp_file(folder: Path, n: int) -> Watch:
    """True once the ``n``-th temporary file of an atomic write has appeared."""
    seen: set[str] = set()
    before = _temp_files(folder)

    def watch() -> bool:
        seen.update(_temp_files(folder) - before)
        return len(seen) >= n
    return watch


def _opens(path: Path, passphrase: str) -> bool:
    try:
        keyfile.read_key_file(path).unwrap(passphrase)
    except WrongPassphraseError:
        return False
    return True


SCENARIOS: dict[str, type[CreateScenario | VaultScenario]] = {
    "create": CreateScenario, "demo": DemoScenario, "import": ImportScenario,
    "backup": BackupScenario, "restore": RestoreScenario, "passwd": PasswdScenario,
    "recover": RecoverScenario,
}


@pytest.mark.parametrize("command", list(FAST))
def test_kill_sample(command: str, tmp_path: Path) -> None:
    """One or two kills aimed at the command's windows (early, then late)."""
    scenario = SCENARIOS[command](tmp_path / command, tmp_path / "data", FAST[command])
    tally = kill_runs(scenario, tmp_path / "data", FAST[command], kill_seed(FAST_SEED), calibrated=False)
    report(tally, FAST[command])


@pytest.mark.slow
@pytest.mark.parametrize("command", list(SLOW))
def test_kill_many(command: str, tmp_path: Path) -> None:
    scenario = SCENARIOS[command](tmp_path / command, tmp_path / "data", SLOW[command])
    tally = kill_runs(scenario, tmp_path / "data", SLOW[command], kill_seed())
    report(tally, SLOW[command])
