"""Retention, legal holds and destruction of closed cases (AVG; Wmo 2015 art. 5.3.4).

Nothing here destroys without the coordinator typing the case number. What stays after
a destruction is one audit entry without personal data: the case number, the closing
and retention dates, the reason and who confirmed (the actor). The trail's other
entries about the case keep their ids and their place in the hash chain.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from zorgapp.domain import bewaren
from zorgapp.domain.bewaren import Bewaarplicht
from zorgapp.domain.dossier import Dossier
from zorgapp.domain.traject import Traject
from zorgapp.domain.zoeken import vouw
from zorgapp.errors import N_, UsageError
from zorgapp.services.base import VaultService
from zorgapp.store import vernietigen
from zorgapp.store.audit import DESTROY, HOLD, RELEASE, AuditTrail
from zorgapp.store.bewaren import BewaarRepository, Gesloten
from zorgapp.store.dossiers import DossierRepository

META_TERMIJNEN = "bewaartermijnen"


@dataclass(frozen=True)
class BewaarRegel:
    """One closed case in the retention list (no personal data)."""

    dossiernummer: str
    uuid: str
    afgesloten_op: date
    bewaren_tot: date
    bewaarplicht: bool
    verstreken: bool

    def to_json(self) -> dict[str, Any]:
        return {"dossiernummer": self.dossiernummer, "afgesloten_op": self.afgesloten_op.isoformat(),
                "bewaren_tot": self.bewaren_tot.isoformat(), "bewaarplicht": self.bewaarplicht}


@dataclass(frozen=True)
class Vernietiging:
    """The note of destruction: what the verklaring van vernietiging states."""

    dossiernummer: str
    afgesloten_op: date
    bewaren_tot: date
    vernietigd_op: date
    reden: str            # bewaren.REDEN_TERMIJN or bewaren.REDEN_VERZOEK
    toelichting: str
    door: str
    audit_seq: int
    kopieen: list[vernietigen.KopieUitkomst] = field(default_factory=list)


class BewaarService(VaultService):
    # -- settings -------------------------------------------------------------------

    def termijnen(self) -> dict[str, int]:
        raw = self.vault.meta(META_TERMIJNEN, "{}")
        try:
            stored = json.loads(raw)
        except ValueError:
            stored = {}
        return bewaren.termijnen_uit(stored if isinstance(stored, dict) else {})

    def termijnen_opslaan(self, termijnen: dict[str, int]) -> None:
        for jaren in termijnen.values():
            if not 1 <= jaren <= bewaren.MAX_TERMIJN_JAREN:
                raise UsageError(N_("Een bewaartermijn is 1 tot 100 jaar."))
        self.vault.set_meta(META_TERMIJNEN, json.dumps(bewaren.termijnen_uit(termijnen), sort_keys=True))

    # -- the list -------------------------------------------------------------------

    def lijst(self, alleen_verstreken: bool = False) -> list[BewaarRegel]:
        """Closed cases with their retention end. The closure reason is read from the
        documents of closed cases, and only when the terms differ per reason."""
        termijnen = self.termijnen()
        overal_gelijk = len(set(termijnen.values())) == 1  # then the reason does not matter
        with self.vault.read() as db:
            repo = BewaarRepository(db)
            holds = repo.holds()
            docs = DossierRepository(db)
            # A term is whole years and a hold only adds days: a case closed after the
            # last year that the shortest term can have passed for is not due yet
            # (the dashboard counts due cases of 100,000 without reading them all).
            voor = (date(self.vandaag.year - min(termijnen.values()) + 1, 1, 1)
                    if alleen_verstreken else None)
            regels = [self._regel(g, None if overal_gelijk else _sluitreden(docs.document(g.uuid)),
                                  holds.get(g.id, []), termijnen)
                      for g in repo.gesloten(voor)]
        return [r for r in regels if r.verstreken or not alleen_verstreken]

    def _regel(self, g: Gesloten, reden: Any, holds: list[Bewaarplicht],
               termijnen: dict[str, int]) -> BewaarRegel:
        einde = bewaren.bewaren_tot(g.afgesloten_op, reden.value if reden else None, termijnen,
                                    holds, self.vandaag)
        return BewaarRegel(g.dossiernummer, g.uuid, g.afgesloten_op, einde,
                           bewaren.loopt(holds) is not None, bewaren.verstreken(einde, holds, self.vandaag))

    def aantal_verstreken(self) -> int:
        return len(self.lijst(alleen_verstreken=True))

    def regel(self, dossiernummer: str) -> BewaarRegel:
        for r in self.lijst():
            if r.dossiernummer == dossiernummer:
                return r
        raise UsageError(N_("Dossier {nummer} is niet afgesloten; alleen een afgesloten dossier "
                            "heeft een bewaartermijn."), nummer=dossiernummer)

    # -- legal hold -----------------------------------------------------------------

    def zet_bewaarplicht(self, dossiernummer: str, reden: str) -> None:
        if not reden.strip():
            raise UsageError(N_("Geef een reden voor de bewaarplicht."))
        regel = self.regel(dossiernummer)
        if regel.bewaarplicht:
            raise UsageError(N_("Op dossier {nummer} rust al een bewaarplicht."), nummer=dossiernummer)
        with self.vault.transaction() as db:
            did = DossierRepository(db)._id(regel.uuid)
            BewaarRepository(db).zet(did, self.vandaag, reden.strip(), self.actor)
            self.vault.audit.record(HOLD, record_type="dossier", record_uuid=regel.uuid,
                                    actor=self.actor, fields=["bewaarplicht"])

    def hef_bewaarplicht_op(self, dossiernummer: str) -> None:
        regel = self.regel(dossiernummer)
        with self.vault.transaction() as db:
            did = DossierRepository(db)._id(regel.uuid)
            if not BewaarRepository(db).hef_op(did, self.vandaag, self.actor):
                raise UsageError(N_("Op dossier {nummer} rust geen bewaarplicht."), nummer=dossiernummer)
            self.vault.audit.record(RELEASE, record_type="dossier", record_uuid=regel.uuid,
                                    actor=self.actor, fields=["bewaarplicht"])

    # -- destruction ----------------------------------------------------------------

    def vernietig(self, dossiernummer: str, bevestiging: str, *, vroegtijdig: bool = False,
                  reden: str = "") -> Vernietiging:
        """Destroy a closed case whose term has passed, or earlier on request (art. 17)
        with a reason; refused while a legal hold is on. See store/vernietigen.py."""
        if bevestiging.strip() != dossiernummer:
            raise UsageError(N_("Typ ter bevestiging het dossiernummer {nummer}."), nummer=dossiernummer)
        regel = self.regel(dossiernummer)
        if regel.bewaarplicht:
            raise UsageError(N_("Op dossier {nummer} rust een bewaarplicht; het kan niet worden "
                                "vernietigd zolang die niet is opgeheven."), nummer=dossiernummer)
        if not regel.verstreken and not vroegtijdig:
            raise UsageError(N_("De bewaartermijn van dossier {nummer} loopt tot {datum}. Vernietig "
                                "eerder alleen op verzoek (art. 17 AVG), met een reden."),
                             nummer=dossiernummer, datum=regel.bewaren_tot.isoformat())
        if vroegtijdig and not reden.strip():
            raise UsageError(N_("Geef de reden van het verzoek tot vernietiging."))
        with self.vault.read() as db:
            self._geen_persoonsgegevens(DossierRepository(db).get(regel.uuid), reden)
        code = bewaren.REDEN_VERZOEK if vroegtijdig and not regel.verstreken else bewaren.REDEN_TERMIJN
        notitie = self._notitie(regel, code, reden.strip())
        with self.vault.transaction() as db:
            db.execute("PRAGMA secure_delete = ON")  # also set at every unlock (connection.py)
            vernietigen.wis_rijen(db, regel.uuid)
            notitie(self.vault.audit)
        with self.vault.read() as db:
            vernietigen.schoon_bestand(db)
            seq = self.vault.audit.head()[0]
        kopieen = vernietigen.herschrijf_kopieen(self.vault.path, self.vault.key, self.vault.vault_id,
                                                regel.uuid, notitie)
        return Vernietiging(dossiernummer, regel.afgesloten_op, regel.bewaren_tot, self.vandaag,
                            code, reden.strip(), self.actor, seq, kopieen)

    def _notitie(self, regel: BewaarRegel, code: str, toelichting: str) -> Any:
        velden = [f"dossiernummer={regel.dossiernummer}", f"afgesloten_op={regel.afgesloten_op}",
                  f"bewaren_tot={regel.bewaren_tot}", f"reden={code}"]
        if toelichting:
            velden.append(f"toelichting={toelichting[:200]}")

        def notitie(trail: AuditTrail) -> None:
            trail.record(DESTROY, record_type="dossier", record_uuid=regel.uuid, actor=self.actor,
                         fields=velden)
        return notitie

    @staticmethod
    def _geen_persoonsgegevens(dossier: Dossier, reden: str) -> None:
        """The reason stays in the trail for good: refuse one that names the person."""
        tekst = vouw(reden)
        p = dossier.persoon
        stukken = [vouw(deel) for deel in p.naam.split() if len(deel) > 2]
        if p.bsn:
            stukken.append(p.bsn)
        if p.geboortedatum:
            stukken += [p.geboortedatum.isoformat(), p.geboortedatum.strftime("%d-%m-%Y")]
        if any(stuk and stuk in tekst for stuk in stukken):
            raise UsageError(N_("De reden mag geen naam, geboortedatum of BSN van de cliënt bevatten."))


def _sluitreden(doc: dict[str, Any]) -> Any:
    """The closure reason from the path alone (parsing the whole case costs ten times more)."""
    return Traject.from_dict(doc.get("traject", {})).sluitreden


def verklaring_pdf(v: Vernietiging, kluis: str, *, demo: bool = False) -> bytes:
    """The verklaring van vernietiging as PDF bytes (reports/verklaring.py)."""
    from zorgapp.reports.verklaring import verklaring_van_vernietiging

    return verklaring_van_vernietiging(
        dossiernummer=v.dossiernummer, afgesloten_op=v.afgesloten_op, bewaren_tot=v.bewaren_tot,
        vernietigd_op=v.vernietigd_op, vroegtijdig=v.reden == bewaren.REDEN_VERZOEK,
        toelichting=v.toelichting, door=v.door, audit_seq=v.audit_seq, kluis=kluis,
        kopieen=[(k.pad.name, k.actie) for k in v.kopieen], demo=demo)

