"""``zorgapp privacy``: the client's requests that are recorded on the case.

``restrict PATH NR --reason T`` and ``lift PATH NR --reason T`` switch the restriction
of processing (art. 18 AVG) on and off; ``correct PATH NR --fields a,b --reason T``
records that fields were corrected on request (art. 16; the new values are saved the
normal way); ``show PATH NR --json`` lists the events. Each is an audit entry.
"""

from __future__ import annotations

import argparse

from zorgapp.commands.common import open_vault, out, say, secret_options
from zorgapp.commands.parsing import subcommands
from zorgapp.errors import EXIT_OK
from zorgapp.i18n import _


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    privacy = subcommands(sub.add_parser(
        "privacy", help=_("verzoeken van de cliënt: correctie en beperking (art. 16 en 18 AVG)")))
    for naam, hulp in (("restrict", _("verwerking beperken: bewaren, niet gebruiken of delen")),
                       ("lift", _("beperking van de verwerking opheffen")),
                       ("correct", _("vastleggen dat gegevens op verzoek zijn gecorrigeerd")),
                       ("show", _("verzoeken van dit dossier tonen"))):
        p = privacy.add_parser(naam, help=hulp)
        p.add_argument("path")
        p.add_argument("case", metavar="DOSSIERNUMMER")
        if naam == "show":
            p.add_argument("--json", action="store_true", help=_("als JSON"))
        else:
            p.add_argument("--reason", required=True, metavar="T", help=_("reden of verzoek"))
        if naam == "correct":
            p.add_argument("--fields", required=True, metavar="VELD,VELD",
                           help=_("namen van de gecorrigeerde gegevens, met komma's"))
        secret_options(p)
        p.set_defaults(func=_run, actie=naam)


def _run(args: argparse.Namespace) -> int:
    from zorgapp.services.privacy_service import PrivacyService

    vault = open_vault(args)
    try:
        service = PrivacyService(vault)
        uuid = service.dossier_uuid(args.case)
        if args.actie == "show":
            events = service.events(uuid)
        elif args.actie == "restrict":
            service.beperk(uuid, args.reason)
        elif args.actie == "lift":
            service.hef_op(uuid, args.reason)
        else:
            service.correctie(uuid, args.fields.split(","), args.reason)
    finally:
        vault.lock()
    if args.actie == "show":
        if args.json:
            out([e.to_dict() for e in events])
        else:
            for e in events:
                say(f"{e.datum.isoformat()}  {e.soort.value}  {e.reden}")
        return EXIT_OK
    say({"restrict": _("Verwerking van dossier {nummer} beperkt."),
         "lift": _("Beperking van dossier {nummer} opgeheven."),
         "correct": _("Correctie in dossier {nummer} vastgelegd.")}[args.actie].format(
             nummer=args.case))
    return EXIT_OK
