"""Use cases of the region: which municipalities share the costs, their inhabitants,
mergers, and the allocation key.

The national list of municipalities ships in ``resources/data/gemeenten_2025.csv``;
a demo vault uses Hollands Midden with rounded demo inhabitants. Real figures come
from CBS StatLine ("Bevolking op 1 januari", CSV) or are typed in, each stamped with
its reference date. Every change is audited.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from functools import lru_cache

from zorgapp.domain.allocation import Sleutel, Verdeelsleutel
from zorgapp.domain.cbs import lees_cbs_bevolking
from zorgapp.domain.errors import DomainError
from zorgapp.domain.regio import (
    Gemeente,
    Regio,
    lees_gemeenten_csv,
    normaliseer_cbs_code,
    opvolger,
)
from zorgapp.errors import N_, ValidationError
from zorgapp.paths import resource
from zorgapp.services.opvang_service import validatie
from zorgapp.store import audit
from zorgapp.store.connection import Connection
from zorgapp.store.geld import inwoners_in_jaar, inwoners_per_jaar
from zorgapp.store.opvang import RegioRepository
from zorgapp.store.vault import Vault

HOLLANDS_MIDDEN = "Hollands Midden"
HOLLANDS_MIDDEN_VR = "VR16"
BRON_DEMO = "demo"
BRON_CBS = "cbs"
BRON_HANDMATIG = "handmatig"


@lru_cache(maxsize=1)
def _landelijk() -> dict[str, Gemeente]:
    return lees_gemeenten_csv(resource("data", "gemeenten_2025.csv"))


def alle_gemeenten() -> dict[str, Gemeente]:
    """All municipalities of the Netherlands (2025), by CBS code; no inhabitants."""
    return dict(_landelijk())


def demo_gemeenten() -> list[Gemeente]:
    """Hollands Midden with the rounded demo inhabitants (not real figures)."""
    gemeenten: list[Gemeente] = []
    landelijk = _landelijk()
    with resource("data", "hollands_midden_demo.csv").open(encoding="utf-8-sig") as fh:
        for rij in csv.DictReader(fh):
            code = normaliseer_cbs_code(rij["gm_code"])
            vr = landelijk[code].veiligheidsregio if code in landelijk else HOLLANDS_MIDDEN_VR
            gemeenten.append(Gemeente(cbs_code=code, naam=rij["gemeentenaam"],
                                      inwoners=int(rij["inwoners_demo"]),
                                      peildatum=date(2025, 1, 1), veiligheidsregio=vr))
    return gemeenten


def zet_demo_regio(db: Connection) -> None:
    """Hollands Midden with demo inhabitants and the default key (by inhabitants)."""
    repo = RegioRepository(db)
    repo.leeg()
    repo.zet_naam(HOLLANDS_MIDDEN)
    for gemeente in demo_gemeenten():
        repo.bewaar_gemeente(gemeente, bron=BRON_DEMO)
    if repo.sleutel(0) is None:
        repo.zet_sleutel(Verdeelsleutel(Sleutel.INWONERS), 0)


@dataclass(frozen=True)
class ImportResultaat:
    """What a CBS import changed, and what it could not place."""

    bijgewerkt: list[str] = field(default_factory=list)
    ontbrekend: list[str] = field(default_factory=list)  # region members without a figure
    buiten_regio: int = 0
    niet_herkend: list[str] = field(default_factory=list)
    peildatum: date | None = None


class RegionService:
    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    # -- reading ----------------------------------------------------------------------

    def regio(self) -> Regio | None:
        with self.vault.read() as db:
            return RegioRepository(db).regio()

    def vereist_regio(self) -> Regio:
        regio = self.regio()
        if regio is None or not regio.actieve_gemeenten():
            raise ValidationError(N_(
                "Er is nog geen regio ingesteld. Kies de deelnemende gemeenten onder "
                "Financiën > Regio bewerken…"))
        return regio

    def regio_in_jaar(self, jaar: int) -> Regio:
        """The region with the inhabitants of ``jaar`` (1 January): that year's figure,
        else the latest before it, else the earliest after it. A later figure never
        restates an earlier year."""
        regio = self.vereist_regio()
        with self.vault.read() as db:
            cijfers = inwoners_in_jaar(db, jaar)
        return Regio(regio.naam, {
            code: replace(g, inwoners=cijfers[code][0], peildatum=cijfers[code][1])
            if code in cijfers else g for code, g in regio.gemeenten.items()})

    def inwoners_per_jaar(self) -> dict[str, dict[int, int]]:
        """Every recorded figure: municipality -> year -> inhabitants (0: undated)."""
        with self.vault.read() as db:
            return inwoners_per_jaar(db)

    def bronnen(self) -> dict[str, str]:
        with self.vault.read() as db:
            return RegioRepository(db).bronnen()

    def sleutel(self, jaar: int) -> Verdeelsleutel:
        """The key for ``jaar`` (its own, else the default); by inhabitants when unset."""
        with self.vault.read() as db:
            gevonden = RegioRepository(db).sleutel(jaar)
        return gevonden or Verdeelsleutel(Sleutel.INWONERS)

    def vaste_percentages(self, jaar: int) -> dict[str, Decimal]:
        with self.vault.read() as db:
            return RegioRepository(db).vaste_percentages(jaar)

    def alle_gemeenten(self) -> dict[str, Gemeente]:
        """The national list plus what the vault knows (mergers recorded here win)."""
        gemeenten = alle_gemeenten()
        with self.vault.read() as db:
            gemeenten.update(RegioRepository(db).gemeenten())
        return gemeenten

    # -- setting up -------------------------------------------------------------------

    def stel_demo_in(self) -> Regio:
        with self.vault.transaction() as db:
            zet_demo_regio(db)
            self.vault.audit.record(audit.CHANGE, record_type="regio", record_uuid="regio",
                                    fields=["naam", "gemeenten", "inwoners"])
        return self.vereist_regio()

    def kies_gemeenten(self, naam: str, codes: list[str]) -> Regio:
        """The region is these municipalities from the national list (figures kept)."""
        if not naam.strip():
            raise ValidationError(N_("Geef de regio een naam."))
        landelijk = alle_gemeenten()
        try:
            gekozen = sorted({normaliseer_cbs_code(c) for c in codes})
        except DomainError as exc:
            raise validatie(exc) from None
        if not gekozen:
            raise ValidationError(N_("Kies ten minste één gemeente."))
        onbekend = [c for c in gekozen if c not in landelijk]
        with self.vault.transaction() as db:
            repo = RegioRepository(db)
            bestaand = repo.gemeenten()
            bronnen = repo.bronnen()
            onbekend = [c for c in onbekend if c not in bestaand]
            if onbekend:
                raise ValidationError(N_("Onbekende gemeentecode: {code}."), code=onbekend[0])
            repo.zet_naam(naam.strip())
            for code, gemeente in bestaand.items():
                if code not in gekozen and gemeente.actief:
                    repo.bewaar_gemeente(gemeente, in_regio=False, bron=bronnen.get(code, ""))
            for code in gekozen:
                gemeente = bestaand.get(code) or landelijk[code]
                repo.bewaar_gemeente(gemeente, in_regio=True, bron=bronnen.get(code, ""))
            if repo.sleutel(0) is None:
                repo.zet_sleutel(Verdeelsleutel(Sleutel.INWONERS), 0)
            self.vault.audit.record(audit.CHANGE, record_type="regio", record_uuid="regio",
                                    fields=["naam", "gemeenten"])
        return self.vereist_regio()

    def kies_veiligheidsregio(self, naam: str, veiligheidsregio: str) -> Regio:
        codes = [c for c, g in alle_gemeenten().items() if g.veiligheidsregio == veiligheidsregio]
        if not codes:
            raise ValidationError(N_("Geen gemeenten gevonden in veiligheidsregio {code}."),
                                  code=veiligheidsregio)
        return self.kies_gemeenten(naam, codes)

    def zet_inwoners(self, cbs_code: str, inwoners: int, peildatum: date) -> Gemeente:
        """Typed-in figure for one municipality, stamped with its reference date."""
        if isinstance(inwoners, bool) or not isinstance(inwoners, int) or inwoners < 0:
            raise ValidationError(N_("Het aantal inwoners moet een geheel getal van 0 of meer zijn."))
        try:
            code = normaliseer_cbs_code(cbs_code)
        except DomainError as exc:
            raise validatie(exc) from None
        with self.vault.transaction() as db:
            repo = RegioRepository(db)
            gemeenten = repo.gemeenten()
            if code not in gemeenten:
                raise ValidationError(N_("Gemeente {code} hoort niet bij de regio."), code=code)
            nieuw = replace(gemeenten[code], inwoners=inwoners, peildatum=peildatum)
            repo.bewaar_gemeente(nieuw, in_regio=code in repo.in_regio(), bron=BRON_HANDMATIG)
            self.vault.audit.record(audit.CHANGE, record_type="gemeente", record_uuid=code,
                                    fields=["inwoners", "peildatum"])
        return nieuw

    def importeer_cbs(self, tekst: str, peildatum: date | None = None,
                      jaar: int | None = None) -> ImportResultaat:
        """Read a CBS StatLine population export and update the region's figures.

        The file's own period gives the reference date; ``peildatum`` is used when the
        file has none. With ``jaar`` the figures are that year's (1 January) and a file
        that names another year is refused. Municipalities outside the region are
        counted, not stored. Figures are kept per year: other years stay as they were.
        """
        landelijk = self.alle_gemeenten()
        try:
            gelezen = lees_cbs_bevolking(tekst, landelijk)
        except DomainError as exc:
            raise validatie(exc) from None
        if jaar is not None:
            if gelezen.peildatum is not None and gelezen.peildatum.year != jaar:
                raise ValidationError(N_(
                    "Het bestand geeft inwonertallen voor {bestand}, niet voor {jaar}."),
                    bestand=gelezen.peildatum.year, jaar=jaar)
            peildatum = date(jaar, 1, 1)
        datum = gelezen.peildatum or peildatum
        if datum is None:
            raise ValidationError(N_(
                "Het bestand noemt geen peildatum; geef aan op welke datum de cijfers gelden."))
        with self.vault.transaction() as db:
            repo = RegioRepository(db)
            gemeenten = repo.gemeenten()
            leden = repo.in_regio()
            if not leden:
                raise ValidationError(N_(
                    "Er is nog geen regio ingesteld. Kies eerst de deelnemende gemeenten."))
            bijgewerkt = []
            for code in sorted(leden):
                if code in gelezen.inwoners:
                    repo.bewaar_gemeente(
                        replace(gemeenten[code], inwoners=gelezen.inwoners[code],
                                peildatum=datum), in_regio=True, bron=BRON_CBS)
                    bijgewerkt.append(code)
            if not bijgewerkt:
                raise ValidationError(N_(
                    "Het bestand bevat geen inwonertallen van de gemeenten in deze regio."))
            self.vault.audit.record(audit.IMPORT, record_type="gemeente", record_uuid="cbs",
                                    fields=["inwoners", "peildatum"], outcome=str(len(bijgewerkt)))
        return ImportResultaat(
            bijgewerkt=bijgewerkt,
            ontbrekend=sorted(c for c in leden if c not in gelezen.inwoners),
            buiten_regio=len([c for c in gelezen.inwoners if c not in leden]),
            niet_herkend=gelezen.niet_herkend,
            peildatum=datum,
        )

    def fusie(self, oude_codes: list[str], opvolger_code: str, opvolger_naam: str = "",
              inwoners: int | None = None, peildatum: date | None = None) -> Regio:
        """Municipalities merged into a successor: cases bound to them go to it.

        The successor joins the region (taken from the national list when known, else
        created with ``opvolger_naam``); its inhabitants are the given figure or the sum
        of the merged ones until a new figure is imported.
        """
        try:
            nieuw_code = normaliseer_cbs_code(opvolger_code)
            oud = [normaliseer_cbs_code(c) for c in oude_codes]
        except DomainError as exc:
            raise validatie(exc) from None
        if not oud:
            raise ValidationError(N_("Kies de gemeenten die zijn samengegaan."))
        if nieuw_code in oud:
            raise ValidationError(N_("Gemeente {code} kan niet in zichzelf opgaan."), code=nieuw_code)
        landelijk = alle_gemeenten()
        with self.vault.transaction() as db:
            repo = RegioRepository(db)
            gemeenten = repo.gemeenten()
            bronnen = repo.bronnen()
            for code in oud:
                if code not in gemeenten:
                    raise ValidationError(N_("Gemeente {code} hoort niet bij de regio."), code=code)
            opvolgend = _opvolgende_gemeente(gemeenten, landelijk, oud, nieuw_code,
                                             opvolger_naam, inwoners, peildatum)
            repo.bewaar_gemeente(opvolgend, in_regio=True,
                                 bron=BRON_HANDMATIG if inwoners is not None else
                                 bronnen.get(oud[0], ""))
            for code in oud:
                repo.bewaar_gemeente(replace(gemeenten[code], opgegaan_in=nieuw_code),
                                     in_regio=False, bron=bronnen.get(code, ""))
            try:
                opvolger(repo.gemeenten(), oud[0])
            except DomainError as exc:
                raise validatie(exc) from None
            _vaste_percentages_naar_opvolger(db, oud, nieuw_code)
            self.vault.audit.record(audit.CHANGE, record_type="gemeente", record_uuid=nieuw_code,
                                    fields=["opgegaan_in", "gemeenten"])
        return self.vereist_regio()

    def zet_sleutel(self, soort: Sleutel | str, *, jaar: int = 0,
                    vaste_percentages: dict[str, Decimal] | None = None,
                    mix_inwoners_pct: Decimal | None = None) -> Verdeelsleutel:
        """Store the key for ``jaar`` (0 = default). Percentages must sum to 100."""
        try:
            sleutel = Verdeelsleutel(Sleutel(soort), vaste_percentages=vaste_percentages,
                                     mix_inwoners_pct=mix_inwoners_pct)
        except DomainError as exc:
            raise validatie(exc) from None
        except ValueError:
            raise ValidationError(N_("Onbekende verdeelsleutel: {sleutel}."),
                                  sleutel=str(soort)) from None
        regio = self.regio()
        if sleutel.vaste_percentages and regio is not None:
            for code in sleutel.vaste_percentages:
                if not regio.bevat(code):
                    raise ValidationError(N_(
                        "Gemeente {code} heeft een percentage maar hoort niet bij regio {regio}."),
                        code=code, regio=regio.naam)
        with self.vault.transaction() as db:
            RegioRepository(db).zet_sleutel(sleutel, jaar)
            self.vault.audit.record(audit.CHANGE, record_type="regio", record_uuid=str(jaar),
                                    fields=["sleutel"])
        return sleutel


def _opvolgende_gemeente(gemeenten: dict[str, Gemeente], landelijk: dict[str, Gemeente],
                         oud: list[str], nieuw_code: str, opvolger_naam: str,
                         inwoners: int | None, peildatum: date | None) -> Gemeente:
    """The successor: from the region or the national list when known, else new; its
    inhabitants the given figure or the sum of the merged ones (when all are known)."""
    basis = gemeenten.get(nieuw_code) or landelijk.get(nieuw_code)
    naam = opvolger_naam.strip() or (basis.naam if basis else "")
    if not naam:
        raise ValidationError(N_("Geef de naam van de nieuwe gemeente."))
    som_inwoners = None
    if inwoners is None:
        figures = [gemeenten[c].inwoners for c in oud]
        if basis is not None and basis.inwoners is not None and nieuw_code in gemeenten:
            figures.append(basis.inwoners)
        if all(f is not None for f in figures):
            som_inwoners = sum(f or 0 for f in figures)
    return Gemeente(
        cbs_code=nieuw_code, naam=naam,
        inwoners=inwoners if inwoners is not None else som_inwoners,
        peildatum=peildatum or max((g.peildatum for c in oud
                                    if (g := gemeenten[c]).peildatum), default=None),
        veiligheidsregio=(basis.veiligheidsregio if basis else
                          gemeenten[oud[0]].veiligheidsregio))


def _vaste_percentages_naar_opvolger(db: Connection, oud: list[str], nieuw_code: str) -> None:
    """Fixed percentages of merged municipalities pass to the successor, every year."""
    for jaar, in db.execute("SELECT DISTINCT jaar FROM regio_vast_percentage").fetchall():
        vast = {c: Decimal(p) for c, p in db.execute(
            "SELECT cbs_code, percentage FROM regio_vast_percentage WHERE jaar = ?",
            (jaar,))}
        samen = {c: p for c, p in vast.items() if c not in oud}
        samen[nieuw_code] = samen.get(nieuw_code, Decimal(0)) + sum(
            (p for c, p in vast.items() if c in oud), Decimal(0))
        db.execute("DELETE FROM regio_vast_percentage WHERE jaar = ?", (jaar,))
        db.executemany("INSERT INTO regio_vast_percentage (jaar, cbs_code, percentage) "
                       "VALUES (?, ?, ?)", [(jaar, c, str(p)) for c, p in samen.items()])
