"""The command line: identity, contact, bundle export/inspect/import, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from zorgapp.cli import main


@pytest.fixture
def vaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    monkeypatch.setenv("ZORGAPP_PASSPHRASE", PASSPHRASE)
    a, b = tmp_path / "a.zorg", tmp_path / "b.zorg"
    assert main(["demo", str(a), "--cases", "3"]) == 0
    assert main(["vault", "create", str(b)]) == 0
    capsys.readouterr()
    return a, b


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def card_file(capsys, vault: Path, tmp_path: Path, name: str) -> tuple[Path, dict]:
    code, text, _err = run(capsys, "identity", str(vault), "--name", name, "--organisation", "Org " + name)
    assert code == 0 and text.startswith("ZORGAPP-CONTACTKAART 1")
    code, js, _err = run(capsys, "identity", str(vault), "--json")
    data = json.loads(js)
    assert data["age_recipient"].startswith("age1") and len(data["signing_key"]) == 64
    assert len(data["fingerprint"].split()) == 8 and data["name"] == name
    path = tmp_path / f"{name}.card"
    path.write_text(text, encoding="utf-8")
    return path, data


def case_numbers(capsys, vault: Path) -> list[str]:
    code, js, _ = run(capsys, "case", "list", str(vault), "--json")
    assert code == 0
    return [c["dossiernummer"] for c in json.loads(js)]


def test_cli_round_trip_and_exit_codes(vaults, tmp_path: Path, capsys) -> None:
    a, b = vaults
    card_a, _ja = card_file(capsys, a, tmp_path, "Anna")
    card_b, jb = card_file(capsys, b, tmp_path, "Bob")
    assert run(capsys, "contact", "add", str(b), str(card_a), "--verified")[0] == 0
    code, _, err = run(capsys, "contact", "add", str(a), str(card_b))
    assert code == 0 and "niet geverifieerd" in err.lower()
    assert run(capsys, "contact", "verify", str(a), jb["fingerprint"])[0] == 0
    listed = json.loads(run(capsys, "contact", "list", str(a), "--json")[1])
    assert [(c["name"], c["verified"]) for c in listed] == [("Bob", True)]

    numbers = case_numbers(capsys, a)
    out_file = tmp_path / "case.zorgbundle"
    code, js, err = run(capsys, "bundle", "export", str(a), "--case", numbers[0], "--case", numbers[1],
                        "--out", str(out_file), "--recipient", jb["fingerprint"], "--json")
    assert code == 0, err
    assert json.loads(js)["cases"] == 2

    code, js, err = run(capsys, "bundle", "inspect", str(out_file), "--vault", str(b), "--json")
    assert code == 0, err
    preview = json.loads(js)
    assert preview["sender_known"] and preview["signature_valid"]
    assert [c["status"] for c in preview["cases"]] == ["nieuw", "nieuw"]
    assert case_numbers(capsys, b) == []

    code, js, err = run(capsys, "bundle", "import", str(b), str(out_file), "--json")
    assert code == 0, err
    assert len(json.loads(js)["new"]) == 2
    assert sorted(case_numbers(capsys, b)) == sorted(numbers[:2])
    code, js, _ = run(capsys, "bundle", "import", str(b), str(out_file), "--json")
    assert code == 0 and json.loads(js)["already_imported"]

    # show is the same in both vaults
    shown = [json.loads(run(capsys, "case", "show", str(v), numbers[0], "--json")[1]) for v in (a, b)]
    assert shown[0] == shown[1]

    # damaged: exit 1; not for this vault: exit 2
    data = bytearray(out_file.read_bytes())
    data[len(data) // 2] ^= 1
    bad = tmp_path / "bad.zorgbundle"
    bad.write_bytes(bytes(data))
    code, _, err = run(capsys, "bundle", "import", str(b), str(bad))
    assert code == 1 and "beschadigd" in err
    code, _, err = run(capsys, "bundle", "import", str(a), str(out_file))
    assert code == 2 and "niet voor deze kluis" in err


def test_cli_unknown_sender_and_passphrase_bundle(vaults, tmp_path: Path, capsys) -> None:
    a, b = vaults
    numbers = case_numbers(capsys, a)
    phrase = tmp_path / "bundle.pw"
    phrase.write_text("een heel lange wachtwoordzin voor de bundel\n", encoding="utf-8")
    out_file = tmp_path / "pw.zorgbundle"
    code, _, err = run(capsys, "bundle", "export", str(a), "--case", numbers[0], "--out", str(out_file),
                       "--passphrase-file", str(phrase))
    assert code == 0, err
    assert "toestemming" in err  # demo cases have no consent for sharing
    code, js, err = run(capsys, "bundle", "inspect", str(out_file), "--passphrase-file", str(phrase), "--json")
    assert code == 0 and json.loads(js)["cases"][0]["dossiernummer"] == numbers[0]
    code, _, err = run(capsys, "bundle", "inspect", str(out_file))
    assert code == 2
    code, _, err = run(capsys, "bundle", "import", str(b), str(out_file), "--passphrase-file", str(phrase))
    assert code == 1 and "adresboek" in err
    assert case_numbers(capsys, b) == []
    code, _, err = run(capsys, "bundle", "import", str(b), str(out_file), "--passphrase-file", str(phrase),
                       "--allow-unknown-sender")
    assert code == 0, err
    assert case_numbers(capsys, b) == [numbers[0]]


def test_cli_usage_errors(vaults, tmp_path: Path, capsys) -> None:
    a, _b = vaults
    code, _, err = run(capsys, "bundle", "export", str(a), "--case", "HM-2024-0001", "--out", str(tmp_path / "x"))
    assert code == 2 and "--recipient" in err
    code, _, err = run(capsys, "bundle", "export", str(a), "--case", "HM-2024-0001", "--out", str(tmp_path / "x"),
                       "--recipient", "age1nietgoed")
    assert code == 2
