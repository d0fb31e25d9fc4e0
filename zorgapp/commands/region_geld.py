"""``zorgapp region show|inhabitants|key``: the region as the allocation sees it.

- ``show PATH [--json]``: the members with their inhabitants per year, the default key
  and its percentages;
- ``inhabitants PATH --year Y --csv F``: that year's figures (1 January) from a CBS
  StatLine export or a plain ``cbs_code;inwoners`` file; other years stay as they were;
- ``key PATH --key inwoners|binding|vast|mix [--percentages F] [--inwoners-percentage
  N]``: the default key; ``vast`` reads ``cbs_code;percentage`` lines summing to 100.

The same use cases as Financiën > "Regio bewerken…" and "Verdeelsleutel…" in the window;
every change is audited. Bad input is refused (exit 2) and changes nothing.
"""

from __future__ import annotations

import argparse
import csv
import io
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from zorgapp.commands.common import open_vault, out, say, secret_options
from zorgapp.commands.region import read_export
from zorgapp.errors import EXIT_OK, N_, UsageError
from zorgapp.i18n import _


def register_actions(region: Any) -> None:
    """Add the three subcommands to ``zorgapp region``."""
    p = region.add_parser("show", help=_("de regio: gemeenten, inwoners per jaar, sleutel"))
    p.add_argument("path")
    p.add_argument("--json", action="store_true", help=_("uitvoer als JSON"))
    secret_options(p)
    p.set_defaults(func=cmd_show)

    p = region.add_parser("inhabitants", help=_("inwonertallen van één jaar inlezen"))
    p.add_argument("path")
    p.add_argument("--year", type=int, required=True, help=_("jaar (1 januari)"))
    p.add_argument("--csv", required=True, metavar="F",
                   help=_("CSV uit CBS StatLine, of regels 'cbs_code;inwoners'"))
    p.add_argument("--json", action="store_true", help=_("uitvoer als JSON"))
    secret_options(p)
    p.set_defaults(func=cmd_inhabitants)

    p = region.add_parser("key", help=_("de standaard verdeelsleutel instellen"))
    p.add_argument("path")
    p.add_argument("--key", required=True, choices=["inwoners", "binding", "vast", "mix"],
                   help=_("verdeelsleutel"))
    p.add_argument("--percentages", metavar="F",
                   help=_("bij 'vast': regels 'cbs_code;percentage', samen 100"))
    p.add_argument("--inwoners-percentage", metavar="N",
                   help=_("bij 'mix': het deel (0-100) dat naar inwoners gaat"))
    p.add_argument("--json", action="store_true", help=_("uitvoer als JSON"))
    secret_options(p)
    p.set_defaults(func=cmd_key)


def regio_json(service: Any) -> dict[str, Any]:
    """What ``region show --json`` prints (documented in docs/cli-json.md)."""
    regio = service.vereist_regio()
    per_jaar = service.inwoners_per_jaar()
    sleutel = service.sleutel(0)
    vast = sleutel.vaste_percentages if sleutel.soort == "vast" else None
    return {
        "regio": regio.naam,
        "leden": [{"cbs_code": g.cbs_code, "gemeente": g.naam,
                   "inwoners": {str(j): n for j, n in sorted(per_jaar.get(g.cbs_code, {}).items())}}
                  for g in regio.actieve_gemeenten()],
        "sleutel": str(sleutel.soort),
        "vaste_percentages": {c: str(p) for c, p in sorted((vast or {}).items())} or None,
        "inwoners_percentage": (None if sleutel.mix_inwoners_pct is None
                                else str(sleutel.mix_inwoners_pct)),
    }


def cmd_show(args: argparse.Namespace) -> int:
    from zorgapp.services.region_service import RegionService

    vault = open_vault(args)
    try:
        data = regio_json(RegionService(vault))
    finally:
        vault.lock()
    if args.json:
        out(data)
        return EXIT_OK
    say(_("Regio {naam}, verdeelsleutel: {sleutel}").format(naam=data["regio"],
                                                           sleutel=data["sleutel"]))
    for lid in data["leden"]:
        cijfers = ", ".join(f"{j}: {n}" for j, n in lid["inwoners"].items()) or "–"
        say(f"{lid['cbs_code']}  {lid['gemeente']}  {cijfers}")
    return EXIT_OK


def cmd_inhabitants(args: argparse.Namespace) -> int:
    from datetime import date

    from zorgapp.services.region_service import RegionService

    if not 1800 <= args.year <= 2200:
        raise UsageError(N_("{jaar} is geen geldig jaar."), jaar=args.year)
    text = read_export(Path(args.csv))
    vault = open_vault(args)
    try:
        result = RegionService(vault).importeer_cbs(text, date(args.year, 1, 1), jaar=args.year)
    finally:
        vault.lock()
    if args.json:
        out({"jaar": args.year, "bijgewerkt": result.bijgewerkt,
             "ontbrekend": result.ontbrekend, "buiten_regio": result.buiten_regio,
             "niet_herkend": result.niet_herkend})
    else:
        say(_("{aantal} gemeenten bijgewerkt met inwonertallen voor {jaar}.").format(
            aantal=len(result.bijgewerkt), jaar=args.year))
    return EXIT_OK


def _percentages(path: str) -> dict[str, Decimal]:
    """``cbs_code;percentage`` lines (``,`` or ``.`` as decimal mark; a header is skipped)."""
    text = read_export(Path(path))
    uit: dict[str, Decimal] = {}
    for rij in csv.reader(io.StringIO(text), delimiter=";" if ";" in text else "\t"):
        cellen = [c.strip() for c in rij]
        if len(cellen) < 2 or not cellen[0]:
            continue
        try:
            uit[cellen[0]] = Decimal(cellen[1].replace(",", "."))
        except InvalidOperation:
            if not uit:  # the header line
                continue
            raise UsageError(N_("'{waarde}' is geen percentage."), waarde=cellen[1]) from None
    if not uit:
        raise UsageError(N_("{bestand} bevat geen percentages."), bestand=path)
    return uit


def cmd_key(args: argparse.Namespace) -> int:
    from zorgapp.services.region_service import RegionService

    vast = _percentages(args.percentages) if args.percentages else None
    if args.key == "vast" and vast is None:
        raise UsageError(N_("Geef bij de sleutel 'vast' een bestand met --percentages."))
    mix = None
    if args.inwoners_percentage is not None:
        try:
            mix = Decimal(str(args.inwoners_percentage).replace(",", "."))
        except InvalidOperation:
            raise UsageError(N_("'{waarde}' is geen percentage."),
                             waarde=args.inwoners_percentage) from None
    if args.key == "mix" and mix is None:
        raise UsageError(N_("Geef bij de sleutel 'mix' het deel naar inwoners met "
                            "--inwoners-percentage."))
    vault = open_vault(args)
    try:
        service = RegionService(vault)
        service.zet_sleutel(args.key, vaste_percentages=vast, mix_inwoners_pct=mix)
        data = regio_json(service)
    finally:
        vault.lock()
    if args.json:
        out(data)
    else:
        say(_("Verdeelsleutel ingesteld: {sleutel}.").format(sleutel=args.key))
    return EXIT_OK
