"""``zorgapp region import-cbs``: the region's inhabitants from a CBS StatLine export.

The same import as Financiën > "Inwonertallen van CBS importeren" in the window, for IT
staff who prepare a vault: the file's period gives the reference date (or ``--date``
when the file has none), only the region's municipalities are updated, and the import
is in the audit trail. A file that is not an export, an impossible figure or a period
that is not a year is refused (exit 2) and changes nothing.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from zorgapp.commands.common import open_vault, out, say, secret_options
from zorgapp.commands.parsing import subcommands
from zorgapp.domain.cbs import MAX_TEKENS
from zorgapp.errors import EXIT_OK, N_, UsageError
from zorgapp.i18n import _, format_date


def register(sub: Any) -> None:
    region = subcommands(sub.add_parser("region", help=_("regio: gemeenten en inwonertallen")))
    p = region.add_parser("import-cbs", help=_("inwonertallen uit een CBS-export (CSV) inlezen"))
    p.add_argument("path")
    p.add_argument("file", metavar=_("BESTAND"), help=_("CSV uit CBS StatLine"))
    p.add_argument("--date", metavar="JJJJ-MM-DD",
                   help=_("peildatum, als het bestand geen periode noemt"))
    p.add_argument("--json", action="store_true", help=_("uitvoer als JSON"))
    secret_options(p)
    p.set_defaults(func=cmd_import_cbs)
    from zorgapp.commands import region_geld

    region_geld.register_actions(region)


def read_export(path: Path) -> str:
    """The file as text: UTF-8 (StatLine) or Windows-1252 (saved again by Excel); at
    most a few MB are read, so a wrong file cannot fill the memory."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(4 * MAX_TEKENS + 1)
    except FileNotFoundError:
        raise UsageError(N_("Bestand {bestand} bestaat niet."), bestand=str(path)) from None
    except IsADirectoryError:
        raise UsageError(N_("{bestand} is een map. Geef de naam van een bestand."),
                         bestand=str(path)) from None
    if len(data) > 4 * MAX_TEKENS:
        raise UsageError(N_("{bestand} is te groot voor een CBS-export."), bestand=str(path))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _peildatum(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(N_("Geef de peildatum als JJJJ-MM-DD, bijvoorbeeld 2025-01-01.")) from None


def cmd_import_cbs(args: argparse.Namespace) -> int:
    from zorgapp.services.region_service import RegionService

    peildatum = _peildatum(args.date)
    text = read_export(Path(args.file))
    vault = open_vault(args)
    try:
        result = RegionService(vault).importeer_cbs(text, peildatum)
    finally:
        vault.lock()
    if args.json:
        out({"bijgewerkt": result.bijgewerkt, "ontbrekend": result.ontbrekend,
             "buiten_regio": result.buiten_regio, "niet_herkend": result.niet_herkend,
             "peildatum": result.peildatum.isoformat() if result.peildatum else None})
    else:
        peil = format_date(result.peildatum) if result.peildatum else "–"
        say(_("{aantal} gemeenten bijgewerkt met inwonertallen op {datum}.").format(
            aantal=len(result.bijgewerkt), datum=peil))
        if result.ontbrekend:
            say(_("Zonder cijfer: {codes}.").format(codes=", ".join(result.ontbrekend)))
    return EXIT_OK
