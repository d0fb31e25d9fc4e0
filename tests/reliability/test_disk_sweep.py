"""Issue 11, items 1 and 13 under ``-m slow``: the disk fills up, or turns read-only,
under every command of the kill suite.

On a small real tmpfs (skipped where mounting is not allowed), each of create, demo,
import, backup, restore and passwd runs with the disk filled up to a sweep of free
space levels, and once on a read-only mount. Each run must end with exit 0 (it fitted)
or exit 3 and its message (never "damaged", never a traceback); with room again,
``vault check`` and ``audit verify --anchor`` exit 0, the marker case committed before
is still there, and the command runs again. The one-off cases (check, list, restore and
create on a full or read-only disk) are in test_full_and_read_only_disk.py.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.unit.exchange.conftest import make_pair
from zorgapp.errors import EXIT_ENVIRONMENT
from zorgapp.store.backup import make_backup
from zorgapp.store.vault import Vault

from .helpers import fill_disk, make_read_only, make_writable, small_disk
from .killing import (
    SUMMARIES,
    Snapshot,
    add_marker_case,
    check_fails,
    checks_fail,
    opened,
    run,
    snapshot_of,
    verify_fails,
)

FREE_KIB = (0, 4, 16, 64, 256, 768, 1536, 3072)
FULL, READ_ONLY = "De schijf is vol", "alleen-lezen"
NEW = "een nieuwe wachtwoordzin op een volle schijf"


class Sweep:
    """One command on the small disk; ``args`` for the run, ``judge`` for what it left."""

    def __init__(self, disk: Path, side: Path, data: Path) -> None:
        self.disk, self.side, self.data = disk, side, data
        self.vault = disk / "kluis.zorg"
        self.passphrase = PASSPHRASE
        self.before: Snapshot | None = None

    def args(self) -> list[str]:
        """The command line of the command under test (each sweep says its own)."""
        raise NotImplementedError

    def setup(self) -> None:
        """A vault with a marker case: what no full disk may cost."""
        vault, _ = Vault.create(self.vault, PASSPHRASE)
        add_marker_case(vault, "voor de volle schijf")
        self.before = snapshot_of(vault)
        vault.lock()

    def judge(self) -> list[str]:
        """``vault check`` first (the first opener), a look inside, then ``audit verify``
        with the anchor of what should be there."""
        secret_file = self.side / "zin.txt"
        secret_file.write_text(self.passphrase, encoding="utf-8")
        secret = ["--passphrase-file", str(secret_file)]
        problems = check_fails(self.data, self.vault, secret)
        with opened(self.vault, self.passphrase) as vault:
            found = snapshot_of(vault)
        anchor, more = self.expect(found)
        problems += more + verify_fails(self.data, self.vault, secret, anchor)
        self.before = found
        left = [p.name for p in self.disk.iterdir() if p.name.startswith(".tmp-") or ".staged" in p.name
                or p.name.endswith(".pending")]
        return problems + ([f"left on the disk: {left}"] if left else [])

    def expect(self, found: Snapshot) -> tuple[str, list[str]]:
        """The anchor to verify against, and what is missing."""
        assert self.before is not None
        return self.before.anchor, self.before.lost_in(found)


class CreateSweep(Sweep):
    cases = 0

    def setup(self) -> None:
        self.target = self.disk / "nieuw.zorg"

    def args(self) -> list[str]:
        if self.cases:
            return ["demo", str(self.target), "--cases", str(self.cases)]
        return ["vault", "create", str(self.target)]

    def judge(self) -> list[str]:
        problems: list[str] = []
        if self.target.exists():
            problems += checks_fail(self.data, self.target, [])
            with opened(self.target) as vault:
                count = len(snapshot_of(vault).dossiers)
            if count != self.cases:
                problems.append(f"a vault with {count} of {self.cases} cases")
        left = [p.name for p in self.disk.iterdir() if p.name != "opvulling.bin"
                and p.name not in {self.target.name + s for s in ("", ".key", ".head")}]
        for path in self.disk.glob("nieuw.zorg*"):
            path.unlink()
        return problems + ([f"left on the disk: {left}"] if left else [])


class DemoSweep(CreateSweep):
    cases = 20


class BackupSweep(Sweep):
    def args(self) -> list[str]:
        return ["vault", "backup", str(self.vault), str(self.disk / "usb")]

    def judge(self) -> list[str]:
        problems = super().judge()
        for backup in (self.disk / "usb").glob("*.zorg"):
            if not all(Path(str(backup) + s).exists() for s in (".key", ".head")):
                problems.append("a backup without its key file or head")
        shutil.rmtree(self.disk / "usb", ignore_errors=True)
        return problems


class RestoreSweep(Sweep):
    def setup(self) -> None:
        super().setup()
        with opened(self.vault) as vault:
            self.backup = make_backup(vault, self.disk / "reserve")
            marker = add_marker_case(vault, "na de reservekopie")
            self.before = Snapshot(snapshot_of(vault).dossiers, snapshot_of(vault).anchor, marker)
        head = json.loads(Path(str(self.backup) + ".head").read_text(encoding="utf-8"))
        self.backup_anchor = f"{head['seq']}:{head['hash']}"
        self.backup_dossiers = self.before.dossiers - {self.before.marker} if self.before else frozenset()

    def args(self) -> list[str]:
        return ["vault", "restore", str(self.backup), str(self.vault)]

    def expect(self, found: Snapshot) -> tuple[str, list[str]]:
        assert self.before is not None
        if self.before.dossiers <= found.dossiers:
            return self.before.anchor, []
        for path in self.disk.glob("kluis.zorg.voor-terugzetten-*"):  # it fitted: the old
            path.unlink()                                              # one was kept aside
        if found.dossiers != self.backup_dossiers:
            return self.backup_anchor, ["neither the old vault nor the backup at the path"]
        return self.backup_anchor, []

    def judge(self) -> list[str]:
        problems = super().judge()
        with opened(self.vault) as vault:  # a change the next restore may not lose
            marker = add_marker_case(vault, "na de poging")
            self.before = Snapshot(snapshot_of(vault).dossiers, snapshot_of(vault).anchor, marker)
        return problems


class PasswdSweep(Sweep):
    def args(self) -> list[str]:
        (self.side / "oud.txt").write_text(self.passphrase, encoding="utf-8")
        self.new = NEW if self.passphrase != NEW else PASSPHRASE
        (self.side / "nieuw.txt").write_text(self.new, encoding="utf-8")
        return ["vault", "passwd", str(self.vault), "--passphrase-file", str(self.side / "oud.txt"),
                "--new-passphrase-file", str(self.side / "nieuw.txt")]

    def judge(self) -> list[str]:
        from zorgapp.errors import WrongPassphraseError
        from zorgapp.store import keyfile

        works = []
        for phrase in (self.passphrase, self.new):
            try:
                keyfile.read_key_file(self.vault).unwrap(phrase)
                works.append(phrase)
            except WrongPassphraseError:
                pass
        if len(works) != 1:
            return [f"{len(works)} of the old and new passphrase open the vault"]
        self.passphrase = works[0]
        return super().judge()


class ImportSweep(Sweep):
    def setup(self) -> None:
        super().setup()
        pair = make_pair(self.side / "afzender", cases=40)
        pair.b.lock()
        with opened(self.vault) as vault:
            from zorgapp.services.bundle_service import BundleService

            recipient = BundleService(vault).kaart().age_recipient
            BundleService(vault).voeg_contact_toe(pair.sa.kaart().to_text(), geverifieerd=True)
            self.before = snapshot_of(vault)
        self.bundle = self.side / "overdracht.zorgbundle"
        pair.sa.exporteer(pair.uuids, self.bundle, [recipient])
        pair.a.lock()
        self.imported = frozenset(pair.uuids)
        self.clean, self.clean_before = self.side / "schoon", self.before
        self.clean.mkdir()
        for path in self.disk.glob("kluis.zorg*"):
            shutil.copy2(path, self.clean / path.name)

    def args(self) -> list[str]:
        return ["bundle", "import", str(self.vault), str(self.bundle)]

    def expect(self, found: Snapshot) -> tuple[str, list[str]]:
        assert self.before is not None
        anchor, problems = super().expect(found)
        new = found.dossiers - self.before.dossiers
        if new and new != self.imported:
            problems.append(f"{len(new)} of {len(self.imported)} cases imported")
        self.fitted = bool(new)
        return anchor, problems

    def judge(self) -> list[str]:
        self.fitted = False
        problems = super().judge()
        if self.fitted:  # start again from the vault without the bundle's cases
            for path in self.disk.glob("kluis.zorg*"):
                path.unlink()
            for path in self.clean.iterdir():
                shutil.copy2(path, self.disk / path.name)
            self.before = self.clean_before
        return problems


SWEEPS: dict[str, Callable[[Path, Path, Path], Sweep]] = {
    "create": CreateSweep, "demo": DemoSweep, "import": ImportSweep, "backup": BackupSweep,
    "restore": RestoreSweep, "passwd": PasswdSweep,
}


def _outcome(result, expected: str) -> tuple[str, list[str]]:
    if result.returncode == 0:
        return "fitted", []
    told = (result.returncode == EXIT_ENVIRONMENT and expected in result.stderr
            and "De kluis is beschadigd" not in result.stderr and "Traceback" not in result.stderr)
    return ("told", []) if told else (
        f"exit {result.returncode}", [f"exit {result.returncode}: {result.stderr.strip()[-300:]}"])


@pytest.mark.slow
def test_full_and_read_only_disk_under_every_command(tmp_path: Path) -> None:
    table, failures = [], []
    for command, make in SWEEPS.items():
        outcomes: Counter[str] = Counter()
        held = tries = 0
        with small_disk(tmp_path / f"schijf-{command}", "8m") as disk:
            side = tmp_path / f"naast-{command}"
            side.mkdir()
            sweep = make(disk, side, tmp_path / "data")
            sweep.setup()
            for free in (*FREE_KIB, "ro"):
                if free == "ro":
                    make_read_only(disk)
                    try:
                        result = run(tmp_path / "data", *sweep.args())
                    finally:
                        make_writable(disk)
                    state, problems = _outcome(result, READ_ONLY)
                else:
                    filler = fill_disk(disk, leave=int(free) * 1024)
                    result = run(tmp_path / "data", *sweep.args())
                    filler.unlink()
                    state, problems = _outcome(result, FULL)
                problems += sweep.judge()
                tries += 1
                outcomes[f"{'read-only' if free == 'ro' else 'full'}: {state}"] += 1
                held += not problems
                failures += [f"{command} ({free} KiB free): {p}" for p in problems]
        table.append(f"| {command} | {tries} | {held} | "
                     + ", ".join(f"{k}: {v}" for k, v in sorted(outcomes.items())) + " |")
    text = "| command | tries | held | outcomes |\n|---|---|---|---|\n" + "\n".join(table)
    print("\n" + text)
    SUMMARIES.append(("full and read-only disk under every command (tries, held)", text))
    assert not failures, "\n".join(failures)
