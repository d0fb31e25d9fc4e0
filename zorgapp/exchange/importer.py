"""Import a checked bundle: a preview first, then the user's choice per dossier.

``preview`` reads only; ``apply`` writes inside the caller's transaction, so an import
is all or nothing. Status per dossier:

* ``nieuw``  - not in this vault: imported (unless the user chooses to skip it);
* ``gelijk`` - here already, identical: nothing to do;
* ``anders`` - here already and different: keep mine, take theirs, or keep both (theirs
  becomes a new dossier with a new uuid and a new dossiernummer).

A bundle already received (same manifest hash) changes nothing the second time.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from zorgapp.domain.codes import nieuw_uuid
from zorgapp.domain.deadlines import Deadline
from zorgapp.domain.dossier import Dossier, maak_dossiernummer, parse_dossiernummer
from zorgapp.domain.errors import DomainError
from zorgapp.domain.invoer import controleer_datums, controleer_dossier
from zorgapp.errors import N_, UsageError
from zorgapp.exchange import (
    bijlage_parts,
    opvang_parts,
    partner_parts,  # noqa: F401 - registers address-book entries
)
from zorgapp.exchange.card import ContactCard
from zorgapp.exchange.parts import PARTS, export_parts
from zorgapp.exchange.spec import (
    BijlageBestand,
    BundleContentError,
    DossierFile,
    DossierRuleError,
    NotForThisVaultError,
    OpenedBundle,
    UnknownSenderError,
    damaged,
)
from zorgapp.store.connection import Connection, DatabaseError
from zorgapp.store.doc_codec import decode
from zorgapp.store.dossiers import DossierRepository
from zorgapp.store.identity import IdentityRepository, OverdrachtRij, now

NIEUW = "nieuw"
GELIJK = "gelijk"
ANDERS = "anders"

MINE = "mine"
THEIRS = "theirs"
BOTH = "both"
CHOICES = (MINE, THEIRS, BOTH)
MAX_DIFFS = 300


@dataclass(frozen=True)
class Verschil:
    """One differing value, for the side-by-side view (JSON text on both sides)."""

    pad: str
    mijn: str
    hun: str


@dataclass
class DossierVoorbeeld:
    uuid: str
    dossiernummer: str
    naam: str
    status: str
    theirs: dict[str, Any]
    mine: dict[str, Any] | None = None
    verschillen: list[Verschil] = field(default_factory=list)
    nummer_bezet: bool = False   # new here, but its dossiernummer is taken: renumbered
    demo: bool = False           # a fictional demo case stays marked as demo
    bijlagen: list[BijlageBestand] = field(default_factory=list, repr=False)

    @property
    def standaard_keuze(self) -> str:
        return THEIRS if self.status == NIEUW else MINE


@dataclass
class Voorbeeld:
    bundle: OpenedBundle
    afzender: ContactCard
    afzender_bekend: bool
    afzender_geverifieerd: bool
    al_ontvangen: bool
    dossiers: list[DossierVoorbeeld]
    handtekening_geldig: bool = True   # a bundle with a bad signature never gets here
    vandaag: date | None = None        # the day its documents were checked against

    def aantal(self, status: str) -> int:
        return sum(1 for d in self.dossiers if d.status == status)


@dataclass
class ImportResultaat:
    bundle_id: str
    afzender: str
    al_ontvangen: bool = False
    nieuw: list[str] = field(default_factory=list)        # uuids
    vervangen: list[str] = field(default_factory=list)
    kopie: list[tuple[str, str, str]] = field(default_factory=list)  # (bron, nieuwe uuid, nummer)
    hernummerd: list[tuple[str, str]] = field(default_factory=list)  # (uuid, nieuw nummer)
    ongewijzigd: list[str] = field(default_factory=list)

    @property
    def gewijzigd(self) -> int:
        return len(self.nieuw) + len(self.vervangen) + len(self.kopie)


def _content(doc: dict[str, Any], parts: Mapping[str, Any]) -> dict[str, Any]:
    """What is compared: the document and the parts this Zorgapp knows."""
    return {"dossier": doc, "parts": {k: v for k, v in sorted(parts.items()) if k in PARTS}}


_BAD_VALUE = (KeyError, TypeError, ValueError, AttributeError, ArithmeticError)


def _normalise(doc: dict[str, Any], vandaag: date) -> dict[str, Any]:
    """The document as this Zorgapp would store it, after the domain's own rules."""
    nummer = str(doc.get("dossiernummer", ""))[:40]
    try:
        dossier = Dossier.from_dict(doc)
        controleer_dossier(dossier, vandaag)
        return dossier.to_dict()
    except DomainError as exc:
        raise DossierRuleError(nummer, exc) from None
    except _BAD_VALUE:
        raise damaged("dossier") from None


def _check_parts(db: Connection, item: DossierFile, vandaag: date, seen: set[str]) -> None:
    """Parts obey the domain too, and their rows may not be another case's (reads only)."""
    for name, value in item.parts.items():
        part = PARTS.get(name)
        if part is None or part.check is None:
            continue
        try:
            controleer_datums(value, vandaag)
            uuids = part.check(db, item.uuid, value)
        except DomainError as exc:
            raise DossierRuleError(item.dossiernummer, exc) from None
        except opvang_parts.RowTakenError:
            raise _row_taken(item.dossiernummer) from None
        except _BAD_VALUE:
            raise damaged(name) from None
        if seen.intersection(uuids) or len(set(uuids)) != len(uuids):
            raise _row_taken(item.dossiernummer)
        seen.update(uuids)


def _row_taken(nummer: str) -> BundleContentError:
    return BundleContentError(
        N_("Een plaatsing of kostenpost in dossier {nummer} van de bundel heeft dezelfde sleutel als "
           "een plaatsing of kostenpost van een ander dossier hier. De bundel wordt niet ingelezen; "
           "er is niets veranderd."), nummer=nummer)


def diff(mine: Any, theirs: Any, pad: str = "") -> list[Verschil]:
    """Differences as (path, mine, theirs), lists compared by position."""
    found: list[Verschil] = []

    def walk(a: Any, b: Any, where: str) -> None:
        if len(found) >= MAX_DIFFS or a == b:
            return
        if isinstance(a, dict) and isinstance(b, dict):
            for key in sorted(set(a) | set(b), key=str):
                walk(a.get(key), b.get(key), f"{where}.{key}" if where else str(key))
            return
        if isinstance(a, list) and isinstance(b, list):
            for i in range(max(len(a), len(b))):
                walk(a[i] if i < len(a) else None, b[i] if i < len(b) else None, f"{where}[{i}]")
            return
        found.append(Verschil(where, _show(a), _show(b)))

    walk(mine, theirs, pad)
    return found


def _show(value: Any) -> str:
    """A value as a person reads it: records as 'key: value' lines, without ids."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        lines = [f"{k}: {_show(v)}" for k, v in value.items()
                 if k != "uuid" and v not in (None, "", [], {})]
        return "\n".join(lines)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def check_recipient(bundle: OpenedBundle, own_recipient: str) -> None:
    """A bundle signed for others and re-encrypted to us is not for this vault."""
    if bundle.encryption == "x25519" and own_recipient not in bundle.recipients:
        raise NotForThisVaultError(N_("Deze bundel is niet voor deze kluis bestemd."))


def sender_known(db: Connection, sender: ContactCard) -> tuple[bool, bool]:
    """(in the address book with both keys, verified there)."""
    contact = IdentityRepository(db).contact_by_signing_key(sender.signing_key)
    known = contact is not None and contact.age_recipient == sender.age_recipient
    return known, bool(known and contact and contact.geverifieerd)


def preview(db: Connection, bundle: OpenedBundle, own_recipient: str,
            vandaag: date | None = None, eerder: Voorbeeld | None = None) -> Voorbeeld:
    """What an import would do; reads only. Every document passes the domain's rules.

    For an incomplete bundle (unknown sender, dossier files not read yet) the dossiers
    are those of the signed manifest: new, or here already (shown as differing).
    ``eerder``: the preview the user saw, whose documents were checked already (a
    document's check depends on the day only, not on the vault; ``apply``).
    """
    check_recipient(bundle, own_recipient)
    vandaag = vandaag or date.today()
    gecontroleerd = _gecontroleerd(eerder, bundle, vandaag)
    known, verified = sender_known(db, bundle.sender)
    items: list[DossierVoorbeeld] = []
    seen: set[str] = set()
    seen_bijlagen: set[str] = set()
    for item in bundle.dossiers:
        if not bundle.complete:
            items.append(_unread(db, item))
            continue
        theirs_doc = gecontroleerd.get(item.uuid) or _normalise(item.dossier, vandaag)
        _check_parts(db, item, vandaag, seen)
        bijlage_parts.controleer(db, item, seen_bijlagen)
        theirs = _content(theirs_doc, item.parts)
        theirs["bijlagen"] = bijlage_parts.beschrijving(item.bijlagen)
        naam = str(theirs_doc.get("persoon", {}).get("naam", ""))
        local = db.execute("SELECT d.data FROM dossier JOIN dossier_doc d USING (id) "
                           "WHERE dossier.uuid = ?", (item.uuid,)).fetchone()
        if local is None:
            taken = db.execute("SELECT 1 FROM dossier WHERE dossiernummer = ?",
                               (item.dossiernummer,)).fetchone() is not None
            items.append(DossierVoorbeeld(item.uuid, item.dossiernummer, naam, NIEUW, theirs,
                                          nummer_bezet=taken, demo=item.demo, bijlagen=item.bijlagen))
            continue
        mine = _content(decode(local[0]), export_parts(db, item.uuid))
        mine["bijlagen"] = bijlage_parts.hier(db, item.uuid)
        status = GELIJK if mine == theirs else ANDERS
        items.append(DossierVoorbeeld(item.uuid, item.dossiernummer, naam, status, theirs, mine,
                                      diff(mine["dossier"], theirs["dossier"]) +
                                      diff(mine["parts"], theirs["parts"]) +
                                      diff(mine["bijlagen"], theirs["bijlagen"], "bijlagen")
                                      if status == ANDERS else [], demo=item.demo,
                                      bijlagen=item.bijlagen))
    return Voorbeeld(bundle=bundle, afzender=bundle.sender, afzender_bekend=known,
                     afzender_geverifieerd=verified,
                     al_ontvangen=IdentityRepository(db).received(bundle.bundle_id), dossiers=items,
                     vandaag=vandaag)


def _gecontroleerd(eerder: Voorbeeld | None, bundle: OpenedBundle,
                   vandaag: date) -> dict[str, dict[str, Any]]:
    """The documents of an earlier preview of this very bundle on this day, by uuid:
    they passed ``_normalise`` then and would pass it alike now."""
    if eerder is None or eerder.bundle is not bundle or eerder.vandaag != vandaag:
        return {}
    return {d.uuid: d.theirs["dossier"] for d in eerder.dossiers if d.theirs.get("dossier")}


def _unread(db: Connection, item: DossierFile) -> DossierVoorbeeld:
    here = db.execute("SELECT 1 FROM dossier WHERE uuid = ?", (item.uuid,)).fetchone() is not None
    taken = not here and repo_has_number(db, item.dossiernummer)
    return DossierVoorbeeld(item.uuid, item.dossiernummer, "", ANDERS if here else NIEUW, {},
                            nummer_bezet=taken)


def unknown_sender(bundle: OpenedBundle) -> UnknownSenderError:
    return UnknownSenderError(N_("De afzender van deze bundel staat niet in uw adresboek. Controleer de "
                                 "vingerafdruk {vingerafdruk} met de afzender en voeg de contactkaart toe, "
                                 "of kies uitdrukkelijk om toch in te lezen."),
                              vingerafdruk=bundle.sender.fingerprint)


def apply(db: Connection, voorbeeld: Voorbeeld, keuzes: Mapping[str, str], *, prefix: str,
          deadline_for: Callable[[Connection, Dossier], Sequence[Deadline]], actor: str,
          allow_unknown_sender: bool = False, vandaag: date | None = None) -> ImportResultaat:
    """Carry out the choices inside the caller's transaction."""
    bundle = voorbeeld.bundle
    ids = IdentityRepository(db)
    result = ImportResultaat(bundle_id=bundle.bundle_id, afzender=bundle.sender.label())
    if ids.received(bundle.bundle_id):
        result.al_ontvangen = True
        return result
    if not sender_known(db, bundle.sender)[0] and not allow_unknown_sender:
        raise unknown_sender(bundle)
    if not bundle.complete:
        raise damaged("incomplete")  # the service reads the rest first
    # the vault may have changed since the user saw the preview: compare again
    fresh = preview(db, bundle, _own_recipient(db, bundle), vandaag, eerder=voorbeeld)
    try:
        _write(db, fresh, keuzes, result, prefix, deadline_for, actor)
    except DatabaseError as exc:
        if "UNIQUE" not in str(exc):
            raise
        raise _row_taken("?") from None
    return result


def _write(db: Connection, fresh: Voorbeeld, keuzes: Mapping[str, str], result: ImportResultaat,
           prefix: str, deadline_for: Callable[[Connection, Dossier], Sequence[Deadline]],
           actor: str) -> None:
    bundle = fresh.bundle
    ids = IdentityRepository(db)
    for value in keuzes.values():
        if value not in CHOICES:
            raise UsageError(N_("Onbekende keuze {keuze} bij het inlezen."), keuze=value)
    repo = DossierRepository(db)
    stamp = now()
    history: list[OverdrachtRij] = []
    tegenpartij = bundle.sender.label()

    def record(uuid: str, keuze: str, bron: str = "") -> None:
        history.append(OverdrachtRij(uuid, "import", tegenpartij, bundle.sender.fingerprint,
                                     bundle.bundle_id, keuze, bron, stamp, actor))

    for item in fresh.dossiers:
        keuze = keuzes.get(item.uuid, item.standaard_keuze)
        doc = item.theirs["dossier"]
        parts = item.theirs["parts"]
        if item.status == GELIJK or (keuze == MINE):
            result.ongewijzigd.append(item.uuid)
            continue
        if item.status == NIEUW:
            dossier = Dossier.from_dict(doc)
            if repo_has_number(db, dossier.dossiernummer):
                dossier.dossiernummer = _next_number(repo, prefix, dossier.dossiernummer)
                result.hernummerd.append((dossier.uuid, dossier.dossiernummer))
            repo.insert(dossier, (), is_demo=item.demo)
            _replace_parts(db, dossier.uuid, parts, fresh_ids=False)
            bijlage_parts.vervang(db, dossier.uuid, item.bijlagen, fresh_ids=False)
            result.nieuw.append(dossier.uuid)
            record(dossier.uuid, "new")
        elif keuze == THEIRS:
            dossier = Dossier.from_dict(doc)
            repo.update(dossier, None)
            _replace_parts(db, dossier.uuid, parts, fresh_ids=False)
            bijlage_parts.vervang(db, dossier.uuid, item.bijlagen, fresh_ids=False)
            result.vervangen.append(dossier.uuid)
            record(dossier.uuid, "theirs")
        else:  # BOTH: theirs as a new dossier beside mine
            dossier = Dossier.from_dict(doc)
            dossier.uuid = nieuw_uuid()
            dossier.dossiernummer = _next_number(repo, prefix, dossier.dossiernummer)
            repo.insert(dossier, (), is_demo=item.demo)
            _replace_parts(db, dossier.uuid, parts, fresh_ids=True)
            bijlage_parts.vervang(db, dossier.uuid, item.bijlagen, fresh_ids=True)
            result.kopie.append((item.uuid, dossier.uuid, dossier.dossiernummer))
            record(dossier.uuid, "both", item.uuid)
        # after the parts: placements have deadlines of their own
        repo.zet_deadlines(dossier.uuid, deadline_for(db, dossier))
    ids.record_handover(history)
    ids.record_received(bundle.bundle_id, bundle.sender.fingerprint, tegenpartij,
                        bundle.created_at, result.gewijzigd)


def repo_has_number(db: Connection, nummer: str) -> bool:
    return db.execute("SELECT 1 FROM dossier WHERE dossiernummer = ?", (nummer,)).fetchone() is not None


def _next_number(repo: DossierRepository, prefix: str, original: str) -> str:
    try:
        jaar = parse_dossiernummer(original)[1]
    except DomainError:
        jaar = date.today().year
    return maak_dossiernummer(prefix, jaar, repo.next_volgnummer(jaar))


def _replace_parts(db: Connection, uuid: str, parts: Mapping[str, Any], fresh_ids: bool) -> None:
    for name, value in parts.items():
        part = PARTS.get(name)
        if part is None:
            continue
        try:
            part.replace(db, uuid, value, fresh_ids)
        except (DomainError, *_BAD_VALUE):
            raise damaged(name) from None


def _own_recipient(db: Connection, bundle: OpenedBundle) -> str:
    row = IdentityRepository(db).get()
    if row is None:
        return ""
    from zorgapp.exchange.card import OwnKeys

    return OwnKeys(row.age_identity, row.signing_key).age_recipient()
