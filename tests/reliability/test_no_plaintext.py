"""No personal data in plaintext on disk: vault, key file, WAL, backups, logs, and no
attachment content (in the vaults, their WAL and backups, bundles, logs)."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest

from zorgapp.domain.zoeken import vouw
from zorgapp.logs import setup_logging
from zorgapp.paths import resource
from zorgapp.services.demo import fill_demo
from zorgapp.services.dossier_service import DossierService
from zorgapp.store.backup import make_backup
from zorgapp.store.dossiers import Filter
from zorgapp.store.vault import Vault

from ..conftest import PASSPHRASE

#: Shorter byte strings turn up by chance in megabytes of ciphertext (a 4-byte name
#: matches a random 5 MB file with odds of about 1 in 1,000), which made this test flaky.
MIN_BYTES = 6


def demo_names() -> set[str]:
    pools = json.loads(resource("data", "demo_data_rules.json").read_text(encoding="utf-8"))
    names: set[str] = set()
    for pool in pools["names"]["pools"].values():
        for key in ("given_f", "given_m", "family"):
            names.update(pool[key])
    # Also the folded forms that go into the search index.
    return names | {vouw(n) for n in names}


def every_file(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def test_no_demo_name_in_any_file(tmp_path: Path, isolated_data_dir: Path) -> None:
    log_file = setup_logging(folder=isolated_data_dir)
    vault_path = tmp_path / "kluis.zorg"
    vault, _ = Vault.create(vault_path, PASSPHRASE)
    fill_demo(vault, 300)
    service = DossierService(vault)
    ids = service.zoek(Filter(zoek="stefanescu"))
    rows = service.rijen(ids)
    full_names = {row.naam for row in service.rijen(service.zoek(Filter())).values()}
    assert len(full_names) > 100
    for row in list(rows.values())[:5]:
        service.open(row.uuid)
        logging.getLogger("zorgapp.test").info("opened dossier %s", row.uuid)
    make_backup(vault)
    # Check while the vault is open (the WAL exists) and after it is closed.
    snapshots = [{p: p.read_bytes() for p in every_file(tmp_path)}]
    assert any(str(p).endswith("-wal") for p in snapshots[0]), "WAL should exist while open"
    vault.lock()
    snapshots.append({p: p.read_bytes() for p in every_file(tmp_path) + every_file(isolated_data_dir)})
    names = demo_names() | full_names | {vouw(n) for n in full_names}
    assert "Ștefănescu" in names and "stefanescu" in names
    for snapshot in snapshots:
        for path, data in snapshot.items():
            for name in names:
                for encoded in (name.encode("utf-8"), name.encode("utf-16-le")):
                    if len(encoded) >= MIN_BYTES:
                        assert encoded not in data, f"{name!r} found in {path.name}"
    assert log_file in snapshots[1]


# -- attachments ------------------------------------------------------------------------

GUI_MARKER = "ZORGBIJLAGE-GUI-9d41c7"
CLI_MARKER = "ZORGBIJLAGE-CLI-5e88a2"


def marked_pdf(path: Path, marker: str) -> Path:
    """A PDF whose bytes hold ``marker`` in plain text (uncompressed page and title)."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pageCompression=0)
    c.setTitle(marker)
    c.drawString(100, 750, f"Toestemmingsformulier {marker}")
    c.save()
    assert marker.encode() in path.read_bytes()
    return path


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_no_attachment_content_in_any_file(tmp_path: Path, isolated_data_dir: Path,
                                           qtbot: Any) -> None:
    """A PDF attached through the dossier view's tab and one through the installed
    command line, viewed, exported in a bundle and imported into a second vault: the
    marker inside them is found in no file but the user's own originals."""
    from tests.gui.conftest import settle
    from tests.unit.console_script import run_zorgapp
    from tests.unit.exchange.conftest import make_pair
    from zorgapp.services.bijlage_service import BijlageService
    from zorgapp.ui.dossier.view import DossierView

    setup_logging(folder=isolated_data_dir)
    originals = tmp_path / "eigen-bestanden"  # the user's own files: not scanned
    originals.mkdir()
    work = tmp_path / "kluizen"
    work.mkdir()
    pair = make_pair(work, cases=2)
    try:
        view = DossierView()
        qtbot.addWidget(view)
        view.set_service(DossierService(pair.a))
        view.open(pair.uuids[0])
        settle(qtbot)
        assert view.bijlagen_tab.voeg_toe([marked_pdf(originals / "gui.pdf", GUI_MARKER)])
        settle(qtbot)
        assert view.bijlagen_tab.model.rowCount() == 1
        view.bijlagen_tab.view.setCurrentIndex(view.bijlagen_tab.model.index(0, 0))
        view.bijlagen_tab.bekijk()
        settle(qtbot)
        assert view.bijlagen_tab.preview is not None
        view.bijlagen_tab.preview.reject()
        view.clear()
        pair.a.lock()
        cli = run_zorgapp(isolated_data_dir, "attachment", "add", str(work / "a.zorg"),
                          "--case", _nummer(work / "a.zorg", pair.uuids[1]),
                          str(marked_pdf(originals / "cli.pdf", CLI_MARKER)))
        assert cli.returncode == 0, cli.stderr
        pair.a = Vault.unlock(work / "a.zorg", PASSPHRASE)
        from zorgapp.services.bundle_service import BundleService

        pair.sa = BundleService(pair.a, actor="anna")
        for b in BijlageService(pair.a).lijst(pair.uuids[1]):
            BijlageService(pair.a).bekijk(b.uuid)
        bundle = pair.sa.exporteer(pair.uuids, work / "overdracht", [pair.sb.kaart().age_recipient])
        pair.sb.importeer(pair.sb.bekijk(bundle.pad))
        assert len(BijlageService(pair.b).lijst(pair.uuids[0])) == 1
        make_backup(pair.b)
        snapshots = [{p: p.read_bytes() for p in every_file(work)}]
        assert any(str(p).endswith("-wal") for p in snapshots[0]), "WAL should exist while open"
    finally:
        for v in (pair.a, pair.b):
            if v.is_open:
                v.lock()
    snapshots.append({p: p.read_bytes() for p in every_file(work) + every_file(isolated_data_dir)})
    for snapshot in snapshots:
        for path, data in snapshot.items():
            for marker in (GUI_MARKER, CLI_MARKER):
                for encoded in (marker.encode("utf-8"), marker.encode("utf-16-le")):
                    assert encoded not in data, f"{marker!r} found in {path.name}"


def _nummer(vault_path: Path, uuid: str) -> str:
    vault = Vault.unlock(vault_path, PASSPHRASE)
    try:
        return DossierService(vault).laad(uuid).dossiernummer
    finally:
        vault.lock()
