"""Composition root: arguments, paths, logging, language, crash handling, Qt.

``zorgapp SUBCOMMAND …`` goes to the command line (no Qt is loaded);
``zorgapp [--vault PATH] [--lang nl|en] [--demo]`` starts the window.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path


def main(argv: Sequence[str] | None = None) -> int:
    os.umask(0o077)  # every file we create is the user's only
    args = list(sys.argv[1:] if argv is None else argv)
    if "--version" in args:
        from zorgapp.cli import version_text

        print(version_text())
        return 0
    from zorgapp.cli import COMMANDS

    if any(a in COMMANDS for a in args if not a.startswith("-")):
        from zorgapp import cli

        return cli.main(args)
    return run_gui(args)


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="zorgapp")
    parser.add_argument("--vault", help="vault file (.zorg)")
    parser.add_argument("--lang", choices=["nl", "en"])
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--data-dir")
    parser.add_argument("--demo-cases", type=int, default=80)
    return parser


def run_gui(argv: list[str]) -> int:
    args = _gui_parser().parse_args(argv)
    from zorgapp import paths
    from zorgapp.i18n import set_language
    from zorgapp.logs import setup_logging
    from zorgapp.settings import Settings

    if args.data_dir:
        paths.set_data_dir(Path(args.data_dir))
    setup_logging()
    settings = Settings()
    set_language(args.lang or settings.get("language"))
    import zorgapp.services.opvang_service  # noqa: F401  (placement deadlines join the dashboard)
    from zorgapp.ui.application import start

    return start(settings, vault=Path(args.vault) if args.vault else None,
                 demo=args.demo, demo_cases=args.demo_cases)
