"""``zorgapp stats export PATH --year Y --out F.json [--csv F.csv]`` and
``zorgapp stats merge F1.json F2.json … --out F.json``, from the installed script."""

from __future__ import annotations

import csv
import json
import stat
from pathlib import Path

from tests.conftest import PASSPHRASE
from tests.unit.console_script import run_zorgapp
from zorgapp.domain import statistiek_bestand as sb
from zorgapp.store.vault import Vault


def _small(data: dict) -> list[object]:
    return [c for c in sb.cellen(data) if isinstance(c, int) and 0 < c < 5]


def test_export_and_merge_from_the_installed_script(demo_vault: Path, tmp_path: Path) -> None:
    out, out_csv = tmp_path / "hm.json", tmp_path / "hm.csv"
    done = run_zorgapp(tmp_path / "data", "stats", "export", str(demo_vault), "--year", "2025",
                       "--out", str(out), "--csv", str(out_csv))
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["formaat"] == "zorgapp-statistiek" and data["jaar"] == 2025
    assert data["maten"]["signalen"]["totaal"] > 0
    assert not _small(data)
    assert "2025-" not in out.read_text(encoding="utf-8")  # no date finer than the year
    rows = list(csv.reader(out_csv.open(encoding="utf-8")))
    assert rows[0] == list(sb.CSV_KOLOMMEN)
    assert ["2025", "signalen", "totaal", "", str(data["maten"]["signalen"]["totaal"])] in rows
    assert all(not (r[4].isdigit() and 0 < int(r[4]) < 5) for r in rows[1:])

    vault = Vault.unlock(demo_vault, PASSPHRASE)
    try:
        exports = [e for e in vault.audit.entries()
                   if e.action == "export" and e.record_type == "statistiek"]
    finally:
        vault.lock()
    assert [(e.record_uuid, sorted(e.fields)) for e in exports] == [("2025", ["csv", "json"])]

    other = dict(data, regios=["Regio Elders"])
    (tmp_path / "elders.json").write_text(json.dumps(other), encoding="utf-8")
    merged = tmp_path / "nl.json"
    done = run_zorgapp(tmp_path / "data", "stats", "merge", str(out),
                       str(tmp_path / "elders.json"), "--out", str(merged))
    assert done.returncode == 0, done.stderr
    samen = json.loads(merged.read_text(encoding="utf-8"))
    assert samen["samengevoegd"] is True and len(samen["regios"]) == 2
    assert samen["maten"]["signalen"]["totaal"] == 2 * data["maten"]["signalen"]["totaal"]
    assert not _small(samen)
    hidden = [c for c in sb.cellen(data) if c in ("<5", "x")]
    marked = [c for c in sb.cellen(samen) if isinstance(c, str)]
    assert len(marked) == len(hidden) and all(c == "x" or c.startswith("≥") for c in marked)


def test_merge_refuses_other_files_with_a_plain_message(demo_vault: Path,
                                                        tmp_path: Path) -> None:
    a = tmp_path / "a.json"
    assert run_zorgapp(tmp_path / "data", "stats", "export", str(demo_vault), "--year", "2025",
                       "--out", str(a)).returncode == 0
    data = json.loads(a.read_text(encoding="utf-8"))
    (tmp_path / "b.json").write_text(json.dumps(dict(data, jaar=2024, regios=["B"])),
                                     encoding="utf-8")
    (tmp_path / "c.json").write_text('{"formaat": "iets anders"}', encoding="utf-8")
    (tmp_path / "d.json").write_text("geen json", encoding="utf-8")
    for other, words in (("b.json", "verschillende jaren"), ("c.json", "geen statistiekexport"),
                         ("d.json", "geen statistiekexport")):
        done = run_zorgapp(tmp_path / "data", "stats", "merge", str(a),
                           str(tmp_path / other), "--out", str(tmp_path / "m.json"))
        assert done.returncode == 2, done.stderr
        assert words in done.stderr and "Traceback" not in done.stderr
        assert not (tmp_path / "m.json").exists()
