"""Composition root: arguments, paths, logging, language, crash handling, Qt.

``zorgapp COMMAND …`` runs a command of the command line (no Qt is loaded);
``zorgapp [--vault PATH] [--lang nl|en] [--demo]`` starts the window. Both go
through the one parser in ``zorgapp.cli``, so every command it knows is reachable
and ``zorgapp --help`` lists them all. Both start hardened (``zorgapp.hardening``): no
core dump of a process that holds names, the key or the passphrase.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from zorgapp.hardening import harden_process


def main(argv: Sequence[str] | None = None) -> int:
    if getattr(sys, "frozen", False):
        # The frozen executable is also the child processes' program (the page check's
        # readers, ``store.page_apart``): such a start runs its part here and exits.
        # Unfrozen, Python starts them itself and this does nothing (not imported).
        import multiprocessing

        multiprocessing.freeze_support()
    os.umask(0o077)  # every file we create is the user's only
    harden_process()  # no core dumps, no ptrace: before any name, key or passphrase exists
    args = list(sys.argv[1:] if argv is None else argv)
    if "--version" in args:  # answered without building the parser
        from zorgapp.cli import version_text

        print(version_text())
        return 0
    from zorgapp import cli

    return cli.main(args, start_window=run_gui)


def run_gui(args: argparse.Namespace) -> int:
    """Start the window; ``cli.main`` has set the data folder and the language."""
    from zorgapp.i18n import set_language
    from zorgapp.logs import setup_logging
    from zorgapp.settings import Settings

    setup_logging()
    settings = Settings()
    set_language(args.lang or settings.get("language"))
    from zorgapp.ui.application import start

    return start(settings, vault=Path(args.vault) if args.vault else None,
                 demo=args.demo, demo_cases=args.demo_cases)
