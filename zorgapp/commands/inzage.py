"""``zorgapp inzage PATH NR --out DIR``: what is kept about one person (art. 15/20 AVG).

Writes ``DIR/inzage-NR.pdf`` (readable) and ``DIR/inzage-NR.json`` (docs/cli-json.md, "Inzage")
into an existing folder the user names, nowhere else; with ``--attachments`` also the
attachments themselves in ``DIR/inzage-NR-bijlagen/``. The export is recorded in the
audit trail. Exit 2 for an unknown case or a folder that does not exist.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from zorgapp.commands.common import open_vault, say, secret_options
from zorgapp.errors import EXIT_OK, N_, UsageError
from zorgapp.i18n import _


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("inzage", help=_("inzage: alles wat over één persoon bewaard is (PDF en JSON)"))
    p.add_argument("path")
    p.add_argument("case", metavar="DOSSIERNUMMER")
    p.add_argument("--out", required=True, metavar=_("MAP"),
                   help=_("bestaande map waarin inzage-NR.pdf en inzage-NR.json komen"))
    p.add_argument("--attachments", action="store_true",
                   help=_("ook de bijlagen zelf als losse bestanden meegeven"))
    secret_options(p)
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from zorgapp.services.inzage_service import InzageService

    folder = Path(args.out)
    if not folder.is_dir():
        raise UsageError(N_("De map {map} bestaat niet; maak hem eerst aan."), map=str(folder))
    vault = open_vault(args)
    try:
        paden = InzageService(vault).schrijf(args.case, folder, bijlagen=args.attachments)
    finally:
        vault.lock()
    for pad in paden[:2]:
        say(_("Opgeslagen: {pad}").format(pad=pad))
    if len(paden) > 2:
        say(_("{aantal} bijlagen opgeslagen in {map}").format(aantal=len(paden) - 2,
                                                            map=paden[2].parent))
    return EXIT_OK
