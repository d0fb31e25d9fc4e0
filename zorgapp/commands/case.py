"""``zorgapp case list|show``: read-only access to dossiers for scripts (JSON)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from zorgapp.commands.common import open_vault, out, secret_options
from zorgapp.commands.parsing import subcommands
from zorgapp.domain import verblijf
from zorgapp.domain.dossier import Dossier
from zorgapp.domain.partners import PARTNER_ROL_LABELS
from zorgapp.errors import EXIT_OK
from zorgapp.i18n import _
from zorgapp.services.dossier_service import DossierService, fase_geschiedenis
from zorgapp.services.opvang_overzicht import plaatsingen_json
from zorgapp.store.dossiers import Filter
from zorgapp.store.vault import Vault

#: Per-case data kept by other features, as sections of ``case show --json`` after
#: ``deadlines``, in this order: name -> fn(vault, dossier_uuid) -> JSON-safe value.
#: A feature with more per-case data adds its line here (explicitly, not on import).
SHOW_SECTIONS: tuple[tuple[str, Callable[[Vault, str], Any]], ...] = (
    ("plaatsingen", plaatsingen_json),
)
LIST_FIELDS = ("uuid", "dossiernummer", "naam", "fase", "fase_sinds", "vormen", "gemeente",
               "melddatum", "volgende_deadline")


def register(sub: Any) -> None:
    case = subcommands(sub.add_parser("case", help=_("dossiers opvragen (alleen lezen)")))
    p = case.add_parser("list", help=_("dossiers opsommen"))
    p.add_argument("path")
    p.add_argument("--stage", help=_("alleen dossiers in deze fase (code)"))
    p.add_argument("--search", help=_("zoek op naam, alias, dossiernummer of BSN"))
    p.add_argument("--json", action="store_true", help=_("uitvoer als JSON"))
    secret_options(p)
    p.set_defaults(func=cmd_list)
    p = case.add_parser("show", help=_("alles over één dossier"))
    p.add_argument("path")
    p.add_argument("dossiernummer")
    p.add_argument("--json", action="store_true", help=_("uitvoer als JSON"))
    secret_options(p)
    p.set_defaults(func=cmd_show)
    from zorgapp.commands.retention import add_destroy

    add_destroy(case)


def cmd_list(args: argparse.Namespace) -> int:
    vault = open_vault(args)
    try:
        service = DossierService(vault)
        ids = service.zoek(Filter(fase=args.stage or "", zoek=args.search or ""),
                           sort="dossiernummer", descending=False)
        rows = service.rijen_exporteren(ids, LIST_FIELDS if args.json else ("dossiernummer", "fase", "naam"))
        items = [{
            "uuid": r.uuid, "dossiernummer": r.dossiernummer, "naam": r.naam, "fase": r.fase,
            "fase_sinds": r.fase_sinds, "vormen": r.vormen.split(), "gemeente": r.gemeente,
            "melddatum": r.melddatum, "volgende_deadline": r.deadline,
        } for r in (rows[i] for i in ids)]
    finally:
        vault.lock()
    if args.json:
        out(items)
    else:
        for item in items:
            print(f"{item['dossiernummer']}\t{item['fase']}\t{item['naam']}")
    return EXIT_OK


def case_json(service: DossierService, dossier: Dossier) -> dict[str, Any]:
    """Everything about a case, as documented in docs/cli-json.md."""
    doc = dossier.to_dict()
    doc["naam"] = dossier.persoon.naam
    doc["fase"] = dossier.huidige_fase.value if dossier.huidige_fase else None
    doc["fasegeschiedenis"] = fase_geschiedenis(dossier)
    for partner, item in zip(dossier.partners, doc["partners"], strict=True):
        item["rol_omschrijving"] = _(PARTNER_ROL_LABELS[partner.rol])
    doc["deadlines"] = [{"soort": d.soort.value, "omschrijving": _(d.omschrijving).format(**d.params),
                         "datum": d.datum.isoformat()} for d in service.deadlines(dossier)]
    doc["verblijf"] = verblijf.track_json(dossier, service.vandaag)
    for name, section in SHOW_SECTIONS:
        doc[name] = section(service.vault, dossier.uuid)
    return doc


def cmd_show(args: argparse.Namespace) -> int:
    vault = open_vault(args)
    try:
        service = DossierService(vault)
        dossier = service.open(service.uuid_voor(args.dossiernummer))
        doc = case_json(service, dossier)
    finally:
        vault.lock()
    if args.json:
        out(doc)
    else:
        print(f"{doc['dossiernummer']}  {doc['naam']}  ({doc['fase']})")
        for step in doc["fasegeschiedenis"]:
            print(f"  {step['datum']}  {step['fase']:<12} {step['reden']}")
        for deadline in doc["deadlines"]:
            print(f"  ! {deadline['datum']}  {deadline['omschrijving']}")
    return EXIT_OK
