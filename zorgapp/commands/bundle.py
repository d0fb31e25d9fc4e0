"""``zorgapp bundle export|inspect|import``: encrypted case bundles (.zorgbundle).

Two secrets can be in play, so they have distinct options:

* the **vault** is opened with ``--vault-passphrase-file F``, the environment variable
  ``ZORGAPP_PASSPHRASE``, ``--recovery-key-file F`` or a prompt;
* ``--passphrase-file F`` is always the **bundle's** passphrase: on export, encrypt to
  that passphrase instead of to recipients' cards; on inspect/import, the passphrase of
  a bundle that was made that way.

Exit codes: 0 ok; 1 the bundle is damaged, altered, badly signed, or from a sender not in
the address book (without ``--allow-unknown-sender``); 2 not for this vault, wrong
passphrase, or bad usage.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from zorgapp.commands.common import open_vault, out, say
from zorgapp.commands.parsing import subcommands
from zorgapp.errors import EXIT_OK, N_, UsageError
from zorgapp.fileio import check_target
from zorgapp.i18n import _, ngettext
from zorgapp.store import keyfile


def _vault_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--vault-passphrase-file", metavar="F",
                   help=_("lees de wachtwoordzin van de kluis uit bestand F (of gebruik ZORGAPP_PASSPHRASE)"))
    p.add_argument("--recovery-key-file", metavar="F", help=_("open de kluis met de herstelsleutel uit bestand F"))


def _bundle_passphrase_option(p: argparse.ArgumentParser, help_text: str) -> None:
    p.add_argument("--passphrase-file", metavar="F", help=help_text)


def register(sub: Any) -> None:
    bundle = subcommands(sub.add_parser(
        "bundle", help=_("dossiers overdragen in een versleutelde bundel"),
        description=_("Overdrachtsbundels (.zorgbundle). De kluis opent u met --vault-passphrase-file "
                      "of ZORGAPP_PASSPHRASE; --passphrase-file is steeds de wachtwoordzin van de bundel.")))

    p = bundle.add_parser("export", help=_("dossiers in een bundel zetten"))
    p.add_argument("path", help=_("de kluis"))
    p.add_argument("--case", action="append", required=True, metavar="NR", help=_("dossiernummer (herhaalbaar)"))
    p.add_argument("--out", required=True, metavar="F", help=_("bestand voor de bundel"))
    p.add_argument("--recipient", action="append", default=[], metavar="SLEUTEL",
                   help=_("ontvanger: age1…-sleutel of vingerafdruk uit het adresboek (herhaalbaar)"))
    p.add_argument("--recipient-card", action="append", default=[], metavar="F",
                   help=_("ontvanger: bestand met een contactkaart (herhaalbaar)"))
    _bundle_passphrase_option(p, _("versleutel met de wachtwoordzin uit bestand F in plaats van voor ontvangers"))
    p.add_argument("--json", action="store_true", help=_("uitvoer als JSON"))
    _vault_options(p)
    p.set_defaults(func=cmd_export)

    p = bundle.add_parser("inspect", help=_("bundel controleren en tonen wat inlezen zou doen"))
    p.add_argument("bundle", metavar="F")
    p.add_argument("--vault", metavar="PAD", help=_("de kluis waarvoor de bundel bestemd is"))
    _bundle_passphrase_option(p, _("wachtwoordzin van de bundel uit bestand F"))
    p.add_argument("--json", action="store_true", help=_("uitvoer als JSON"))
    _vault_options(p)
    p.set_defaults(func=cmd_inspect)

    p = bundle.add_parser("import", help=_("bundel inlezen"))
    p.add_argument("path", help=_("de kluis"))
    p.add_argument("bundle", metavar="F")
    p.add_argument("--on-conflict", choices=["mine", "theirs", "both"], default="mine",
                   help=_("bij een dossier dat hier anders is: mijn versie houden, die van de afzender "
                          "nemen, of allebei houden (standaard: mine)"))
    p.add_argument("--allow-unknown-sender", action="store_true",
                   help=_("ook inlezen als de afzender niet in het adresboek staat (na controle!)"))
    _bundle_passphrase_option(p, _("wachtwoordzin van de bundel uit bestand F"))
    p.add_argument("--json", action="store_true", help=_("uitvoer als JSON"))
    _vault_options(p)
    p.set_defaults(func=cmd_import)


def _open(args: argparse.Namespace, path: str) -> Any:
    ns = argparse.Namespace(path=path, passphrase_file=args.vault_passphrase_file,
                            recovery_key_file=args.recovery_key_file)
    return open_vault(ns)


def _bundle_passphrase(args: argparse.Namespace) -> str | None:
    return keyfile.read_secret_file(args.passphrase_file) if args.passphrase_file else None


def cmd_export(args: argparse.Namespace) -> int:
    from zorgapp.exchange.card import ContactCard
    from zorgapp.services.bundle_service import BundleService
    from zorgapp.services.dossier_service import DossierService

    check_target(Path(args.out))  # a folder, a device or a missing folder: before unlocking
    phrase = _bundle_passphrase(args)
    if phrase is not None and (args.recipient or args.recipient_card):
        raise UsageError(N_("Kies ontvangers of een wachtwoordzin, niet allebei."))
    if phrase is None and not (args.recipient or args.recipient_card):
        raise UsageError(N_("Geef --recipient, --recipient-card of --passphrase-file."))
    cards = []
    for name in args.recipient_card:
        try:
            cards.append(ContactCard.parse(Path(name).read_text(encoding="utf-8")))
        except OSError:
            raise UsageError(N_("Het bestand {bestand} kan niet worden gelezen."), bestand=name) from None
    vault = _open(args, args.path)
    try:
        service = BundleService(vault)
        dossiers = DossierService(vault)
        uuids = [dossiers.uuid_voor(nr) for nr in args.case]
        recipients = [r if r.startswith("age1") else service.contact_voor(r).age_recipient
                      for r in args.recipient] + [c.age_recipient for c in cards]
        for c in service.adresboek():
            if c.age_recipient in recipients and not c.geverifieerd:
                say(_("Let op: {naam} is nog niet geverifieerd in het adresboek.").format(naam=c.naam or c.fingerprint))
        result = service.exporteer(uuids, Path(args.out), recipients, phrase)
    finally:
        vault.lock()
    if result.zonder_toestemming:
        say(_("Let op: geen geldige toestemming voor het delen van gegevens in {dossiers}.").format(
            dossiers=", ".join(result.zonder_toestemming)))
    if args.json:
        out({"bundle": str(result.pad), "bundle_id": result.bundle_id, "cases": result.aantal,
             "recipients": result.ontvangers, "without_consent": result.zonder_toestemming})
    else:
        say(ngettext("{aantal} dossier overgedragen in {pad}.",
                     "{aantal} dossiers overgedragen in {pad}.", result.aantal).format(
            aantal=result.aantal, pad=result.pad))
    return EXIT_OK


def _preview_json(v: Any) -> dict[str, Any]:
    return {
        "bundle_id": v.bundle.bundle_id,
        "created_at": v.bundle.created_at,
        "encryption": v.bundle.encryption,
        "sender": v.afzender.to_json(),
        "sender_known": v.afzender_bekend,
        "sender_verified": v.afzender_geverifieerd,
        "signature_valid": v.handtekening_geldig,
        "already_imported": v.al_ontvangen,
        "cases": [{"uuid": d.uuid, "dossiernummer": d.dossiernummer, "status": d.status,
                   "number_taken": d.nummer_bezet,
                   "differences": [{"path": x.pad, "mine": x.mijn, "theirs": x.hun} for x in d.verschillen]}
                  for d in v.dossiers],
    }


def _say_sender(v: Any) -> None:
    card = v.afzender
    say(_("Afzender: {naam} ({organisatie}, {regio}), vingerafdruk {vingerafdruk}").format(
        naam=card.name, organisatie=card.organisation, regio=card.region, vingerafdruk=card.fingerprint))
    say(_("Handtekening: geldig."))
    if not v.afzender_bekend:
        say(_("Waarschuwing: deze afzender staat niet in uw adresboek. Vergelijk de vingerafdruk met de afzender."))
    elif not v.afzender_geverifieerd:
        say(_("Let op: deze afzender is nog niet geverifieerd."))




def cmd_inspect(args: argparse.Namespace) -> int:
    from zorgapp.services import bundle_service

    phrase = _bundle_passphrase(args)
    if not args.vault:
        bundle = bundle_service.lees_zonder_kluis(Path(args.bundle), phrase)
        data = {"bundle_id": bundle.bundle_id, "created_at": bundle.created_at,
                "encryption": bundle.encryption, "sender": bundle.sender.to_json(),
                "signature_valid": True,
                "cases": [{"uuid": d.uuid, "dossiernummer": d.dossiernummer} for d in bundle.dossiers]}
        if args.json:
            out(data)
        else:
            say(ngettext("Bundel in orde: {aantal} dossier, ondertekend door {naam} (vingerafdruk {vingerafdruk}).",
                         "Bundel in orde: {aantal} dossiers, ondertekend door {naam} (vingerafdruk {vingerafdruk}).",
                         len(bundle.dossiers)).format(
                aantal=len(bundle.dossiers), naam=bundle.sender.label(), vingerafdruk=bundle.sender.fingerprint))
            for d in bundle.dossiers:
                print(d.dossiernummer)
        return EXIT_OK
    vault = _open(args, args.vault)
    try:
        voorbeeld = bundle_service.BundleService(vault).bekijk(Path(args.bundle), phrase)
    finally:
        vault.lock()
    if args.json:
        out(_preview_json(voorbeeld))
        return EXIT_OK
    _say_sender(voorbeeld)
    if voorbeeld.al_ontvangen:
        say(_("Deze bundel is al eerder ingelezen; opnieuw inlezen verandert niets."))
    labels = {"nieuw": _("nieuw"), "gelijk": _("gelijk"), "anders": _("anders")}
    for case in voorbeeld.dossiers:
        print(f"{case.dossiernummer}\t{labels[case.status]}\t{len(case.verschillen)}")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from zorgapp.services.bundle_service import BundleService

    phrase = _bundle_passphrase(args)
    vault = _open(args, args.path)
    try:
        service = BundleService(vault)
        voorbeeld = service.bekijk(Path(args.bundle), phrase)
        if not args.json:
            _say_sender(voorbeeld)
        keuzes = {d.uuid: args.on_conflict for d in voorbeeld.dossiers if d.status == "anders"}
        result = service.importeer(voorbeeld, keuzes, allow_unknown_sender=args.allow_unknown_sender)
    finally:
        vault.lock()
    if args.json:
        out({"bundle_id": result.bundle_id, "already_imported": result.al_ontvangen,
             "new": result.nieuw, "replaced": result.vervangen,
             "copies": [{"from": b, "uuid": u, "dossiernummer": n} for b, u, n in result.kopie],
             "renumbered": [{"uuid": u, "dossiernummer": n} for u, n in result.hernummerd],
             "unchanged": result.ongewijzigd})
    elif result.al_ontvangen:
        say(_("Deze bundel is al eerder ingelezen; er is niets veranderd."))
    else:
        say(_("Ingelezen: {nieuw} nieuw, {vervangen} vervangen, {kopie} als kopie, {ongewijzigd} ongewijzigd.").format(
            nieuw=len(result.nieuw), vervangen=len(result.vervangen), kopie=len(result.kopie),
            ongewijzigd=len(result.ongewijzigd)))
    return EXIT_OK
