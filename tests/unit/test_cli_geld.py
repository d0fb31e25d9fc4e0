"""Issue 12.4 CLI contracts from the installed console script: ``region show|inhabitants|
key`` and ``allocation --issue`` (with ``vastgesteld``/``correcties`` in the JSON)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from .console_script import run_zorgapp


def _json(data_dir: Path, *argv: str) -> Any:
    done = run_zorgapp(data_dir, *argv)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_region_show_inhabitants_and_key(demo_vault: Path, isolated_data_dir: Path,
                                         tmp_path: Path) -> None:
    kluis = str(demo_vault)
    shown = _json(isolated_data_dir, "region", "show", kluis, "--json")
    assert shown["regio"] == "Hollands Midden" and shown["sleutel"] == "inwoners"
    assert len(shown["leden"]) == 18
    leiden = next(m for m in shown["leden"] if m["cbs_code"] == "GM0546")
    assert leiden["gemeente"] == "Leiden" and set(leiden["inwoners"]) == {"2025"}
    allocation_2025 = _json(isolated_data_dir, "allocation", kluis, "--year", "2025", "--json")

    figures = tmp_path / "inwoners.csv"
    figures.write_text("cbs_code;inwoners\nGM0546;300000\nGM0513;80000\n", encoding="utf-8")
    _json(isolated_data_dir, "region", "inhabitants", kluis, "--year", "2026", "--csv",
          str(figures), "--json")
    leiden = next(m for m in _json(isolated_data_dir, "region", "show", kluis, "--json")["leden"]
                  if m["cbs_code"] == "GM0546")
    assert leiden["inwoners"]["2026"] == 300000 and leiden["inwoners"]["2025"] != 300000
    again = _json(isolated_data_dir, "allocation", kluis, "--year", "2025", "--json")
    assert again["aandelen"] == allocation_2025["aandelen"]  # 2025 not restated

    percentages = tmp_path / "vast.csv"
    codes = [m["cbs_code"] for m in shown["leden"]]
    regels = [f"{c};5,5" for c in codes[:17]] + [f"{codes[17]};6,5"]
    percentages.write_text("cbs_code;percentage\n" + "\n".join(regels) + "\n", encoding="utf-8")
    vast = _json(isolated_data_dir, "region", "key", kluis, "--key", "vast", "--percentages",
                 str(percentages), "--json")
    assert vast["sleutel"] == "vast" and vast["vaste_percentages"][codes[17]] == "6.5"
    assert sum(Decimal(p) for p in vast["vaste_percentages"].values()) == 100
    by_key = _json(isolated_data_dir, "allocation", kluis, "--year", "2025", "--json")
    assert by_key["sleutel"] == "vast"
    mix = _json(isolated_data_dir, "region", "key", kluis, "--key", "mix",
                "--inwoners-percentage", "40", "--json")
    assert (mix["sleutel"], mix["inwoners_percentage"], mix["vaste_percentages"]) == (
        "mix", "40", None)
    refused = run_zorgapp(isolated_data_dir, "region", "key", kluis, "--key", "vast")
    assert refused.returncode == 2 and "--percentages" in refused.stderr
    regels[0] = f"{codes[0]};50"
    percentages.write_text("\n".join(regels) + "\n", encoding="utf-8")
    refused = run_zorgapp(isolated_data_dir, "region", "key", kluis, "--key", "vast",
                          "--percentages", str(percentages))
    assert refused.returncode == 2 and "100" in refused.stderr


def test_allocation_issue(demo_vault: Path, isolated_data_dir: Path) -> None:
    kluis = str(demo_vault)
    issued = _json(isolated_data_dir, "allocation", kluis, "--year", "2025", "--quarter", "1",
                   "--issue", "--json")
    assert issued["vastgesteld"] and issued["correcties"] == []
    assert {"van", "tot", "sleutel", "totaal", "niet_verdeeld", "aandelen"} <= set(issued)
    shown = _json(isolated_data_dir, "allocation", kluis, "--year", "2025", "--quarter", "1")
    assert shown["vastgesteld"] == issued["vastgesteld"]
    assert shown["aandelen"] == issued["aandelen"]
    twice = run_zorgapp(isolated_data_dir, "allocation", kluis, "--year", "2025", "--quarter",
                        "1", "--issue")
    assert twice.returncode == 2 and "al vastgesteld" in twice.stderr
    q2 = _json(isolated_data_dir, "allocation", kluis, "--year", "2025", "--quarter", "2")
    assert q2["vastgesteld"] is None and q2["correcties"] == []
    year = _json(isolated_data_dir, "allocation", kluis, "--year", "2025")
    assert year["verrekening"] is not None and len(year["verrekening"]) == 18
