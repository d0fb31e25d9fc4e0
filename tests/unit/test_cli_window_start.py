"""A window start parses the window's options without building every command's parser
(issue 15, item 1); anything else still gets the whole command line."""

from __future__ import annotations

from typing import Any

import pytest

from zorgapp import cli


@pytest.mark.parametrize("argv", [[], ["--vault", "k.zorg"], ["--vault=k.zorg"], ["--demo"],
                                  ["--demo", "--demo-cases", "20"], ["--demo-cases=5", "--demo"]])
def test_window_options_alone_are_a_window_start(argv: list[str]) -> None:
    assert cli.window_start(argv)
    args = cli.build_parser(with_commands=False).parse_args(argv)
    assert getattr(args, "command", None) is None


@pytest.mark.parametrize("argv", [["--help"], ["-h"], ["vault", "check", "k.zorg"],
                                  ["--vault", "k.zorg", "allocation"], ["--version"]])
def test_anything_else_gets_the_whole_command_line(argv: list[str]) -> None:
    assert not cli.window_start(argv)


@pytest.mark.parametrize("argv, whole", [(["--vault", "k.zorg"], False), (["--help"], True)])
def test_main_builds_the_parser_it_needs(monkeypatch: pytest.MonkeyPatch, argv: list[str],
                                         whole: bool) -> None:
    real = cli.build_parser
    built: list[bool] = []

    def recording(with_commands: bool = True) -> Any:
        built.append(with_commands)
        return real(with_commands)

    monkeypatch.setattr(cli, "build_parser", recording)
    assert cli.main(argv, start_window=lambda args: 0) == 0
    assert built == [whole]
