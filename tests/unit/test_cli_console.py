"""The installed ``zorgapp`` command: every command reachable, discoverable with
``--help`` in the user's language, and the documented exit codes.

The list of commands comes from the parser itself, so a new command is covered the
day it is registered.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from zorgapp import cli
from zorgapp.errors import EXIT_OK, EXIT_USAGE
from zorgapp.i18n import set_language
from zorgapp.services import vault_service
from zorgapp.settings import Settings

from .console_script import run_zorgapp


def _walk(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    yield path, parser
    for name, child in cli.subparsers(parser).items():
        yield from _walk(child, (*path, name))


def _listed(parser: argparse.ArgumentParser) -> dict[str, str]:
    """Sub-command name -> its one-line help, as the parser will print it."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return {a.dest: a.help or "" for a in action._choices_actions}
    return {}


COMMANDS = [path for path, _parser in _walk(cli.build_parser())]


def test_the_walk_finds_every_command() -> None:
    names = {path[0] for path in COMMANDS if path}
    assert {"vault", "demo", "audit", "case", "allocation", "report", "identity", "contact",
            "bundle"} <= names
    assert ("contact", "list") in COMMANDS and ("vault", "create") in COMMANDS


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "zorgapp")
def test_help_of_every_command_from_the_installed_script(path: tuple[str, ...],
                                                         isolated_data_dir: Path) -> None:
    done = run_zorgapp(isolated_data_dir, *path, "--help")
    assert done.returncode == EXIT_OK, done.stderr
    assert done.stdout.startswith(" ".join(("gebruik: zorgapp", *path))), done.stdout[:200]
    assert "toon deze hulptekst en stop" in done.stdout and "opties:" in done.stdout
    assert "usage:" not in done.stdout and "show this help" not in done.stdout
    parser = dict(_walk(cli.build_parser()))[path]
    if any(not a.option_strings for a in parser._actions
           if not isinstance(a, argparse._SubParsersAction)):
        assert "positionele argumenten:" in done.stdout
    lines = done.stdout.splitlines()
    for name, text in _listed(parser).items():  # one line each: name and its whole help
        assert any(re.fullmatch(rf"\s+{re.escape(name)}\s+{re.escape(text)}", line)
                   for line in lines), (name, text, done.stdout)


def test_help_follows_lang_option_and_settings(isolated_data_dir: Path) -> None:
    set_language("en")
    try:
        english = _listed(cli.build_parser())
    finally:
        set_language("nl")
    dutch = _listed(cli.build_parser())
    assert english != dutch

    by_option = run_zorgapp(isolated_data_dir, "--lang", "en", "--help")
    Settings().set("language", "en")  # the same data folder the script is given
    by_settings = run_zorgapp(isolated_data_dir, "--help")
    for done in (by_option, by_settings):
        assert done.returncode == EXIT_OK
        assert done.stdout.startswith("usage: zorgapp") and "commands:" in done.stdout
        assert "show this help message and exit" in done.stdout
        for name, text in english.items():
            assert re.search(rf"^\s+{re.escape(name)}\s+{re.escape(text)}$", done.stdout,
                             re.MULTILINE), (name, text)


@pytest.mark.parametrize(("argv", "dutch", "english"), [
    (("verzin",), "ongeldige keuze: 'verzin' (kies uit", "invalid choice: 'verzin' (choose from"),
    (("case", "list", "x.zorg", "--verzin"), "onbekende argumenten: --verzin",
     "unrecognized arguments: --verzin"),
    (("case", "show"), "deze argumenten zijn verplicht: path, dossiernummer",
     "the following arguments are required: path, dossiernummer"),
    (("allocation", "x.zorg", "--year", "abc"), "ongeldige waarde voor int: 'abc'",
     "invalid int value: 'abc'"),
])
def test_argparse_speaks_the_users_language(argv: tuple[str, ...], dutch: str, english: str,
                                            isolated_data_dir: Path) -> None:
    done = run_zorgapp(isolated_data_dir, *argv)
    assert done.returncode == EXIT_USAGE
    assert dutch in done.stderr and "gebruik: zorgapp" in done.stderr, done.stderr
    assert english not in done.stderr and "usage:" not in done.stderr
    done = run_zorgapp(isolated_data_dir, "--lang", "en", *argv)
    assert done.returncode == EXIT_USAGE
    assert english in done.stderr and "usage: zorgapp" in done.stderr, done.stderr


def test_contact_commands_reach_the_command_line(tmp_path: Path, isolated_data_dir: Path) -> None:
    """The bug: ``zorgapp contact …`` fell through to the window's parser."""
    for name in ("a.zorg", "b.zorg"):
        vault, _key = vault_service.create_vault(tmp_path / name, PASSPHRASE)
        vault.lock()
    card = run_zorgapp(isolated_data_dir, "identity", str(tmp_path / "a.zorg"), "--name", "Anna")
    assert card.returncode == EXIT_OK, card.stderr
    (tmp_path / "anna.card").write_text(card.stdout, encoding="utf-8")
    added = run_zorgapp(isolated_data_dir, "contact", "add", str(tmp_path / "b.zorg"),
                        str(tmp_path / "anna.card"), "--json")
    assert added.returncode == EXIT_OK, added.stderr
    listed = run_zorgapp(isolated_data_dir, "contact", "list", str(tmp_path / "b.zorg"), "--json")
    assert listed.returncode == EXIT_OK, listed.stderr
    assert [c["name"] for c in json.loads(listed.stdout)] == ["Anna"]
    verified = run_zorgapp(isolated_data_dir, "contact", "verify", str(tmp_path / "b.zorg"),
                           json.loads(added.stdout)["fingerprint"])
    assert verified.returncode == EXIT_OK, verified.stderr


@pytest.mark.parametrize(("argv", "message"), [
    (("case", "show", "{vault}", "HM-1999-0001", "--json"), "HM-1999-0001"),
    (("report", "summary", "{vault}", "--case", "HM-1999-0001", "--out", "{pdf}"), "HM-1999-0001"),
    (("report", "letter", "{vault}", "--placement", "geen-plaatsing", "--out", "{pdf}"),
     "Plaatsing niet gevonden"),
])
def test_a_missing_record_is_a_usage_error(argv: tuple[str, ...], message: str, tmp_path: Path,
                                           isolated_data_dir: Path) -> None:
    vault, _key = vault_service.create_vault(tmp_path / "kluis.zorg", PASSPHRASE)
    vault.lock()
    pdf = tmp_path / "x.pdf"
    done = run_zorgapp(isolated_data_dir, *(a.format(vault=tmp_path / "kluis.zorg", pdf=pdf)
                                            for a in argv))
    assert done.returncode == EXIT_USAGE, done.stderr
    assert message in done.stderr and "Traceback" not in done.stderr
    assert not pdf.exists()


def test_no_command_module_imports_the_cli() -> None:
    root = Path(cli.__file__).parent / "commands"
    offenders = [p.name for p in root.glob("*.py")
                 if re.search(r"^\s*(from zorgapp\.cli |from zorgapp import cli\b|import zorgapp\.cli)",
                              p.read_text(encoding="utf-8"), re.MULTILINE)]
    assert not offenders


def test_admin_guide_lists_every_command() -> None:
    guide = (Path(cli.__file__).parents[1] / "docs" / "admin.md").read_text(encoding="utf-8")
    leaves = [path for path, parser in _walk(cli.build_parser()) if path and not cli.subparsers(parser)]
    missing = [" ".join(p) for p in leaves if f"`zorgapp {' '.join(p)} " not in guide]
    assert not missing, f"docs/admin.md's command table lacks: {missing}"
