"""The recorded steps of the legal track (verblijf en strafzaak), DOMAIN.md §2a.

Residence and criminal case run beside the care path, with their own dates. Each step is
a frozen ``VerblijfEvent``: history is never rewritten, a step entered by mistake is
voided by a later ``VERVALT`` event that points at it. Which outcome fits which kind of
step is in ``UITKOMSTEN``; the order rules are in ``verblijf_regels``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from zorgapp.domain.codes import (
    code_uit,
    datum_naar_json,
    datum_uit_json,
    nieuw_uuid,
    tijdstip_uit_json,
)
from zorgapp.domain.errors import N_, DomainError

#: Length of bedenktijd (B8/3 Vc): 90 days, 30 for a Dublin claimant.
BEDENKTIJD_DAGEN = 90
BEDENKTIJD_DAGEN_DUBLIN = 30


class VerblijfSoort(StrEnum):
    """Kinds of step on the legal track."""

    BEDENKTIJD_AANGEBODEN = "bedenktijd_aangeboden"
    BEDENKTIJD_BESLUIT = "bedenktijd_besluit"
    AANGIFTE = "aangifte"
    BIJZONDERE_GROND = "bijzondere_grond"
    GETUIGE_AANGEVER = "getuige_aangever"
    IND_BESLUIT = "ind_besluit"
    OM_BESLUIT = "om_besluit"
    VOORTGEZET_VERBLIJF = "voortgezet_verblijf"
    VERVALT = "vervalt"


VERBLIJF_SOORT_LABELS: dict[VerblijfSoort, str] = {
    VerblijfSoort.BEDENKTIJD_AANGEBODEN: N_("Bedenktijd aangeboden"),
    VerblijfSoort.BEDENKTIJD_BESLUIT: N_("Besluit over bedenktijd"),
    VerblijfSoort.AANGIFTE: N_("Aangifte of medewerking"),
    VerblijfSoort.BIJZONDERE_GROND: N_("Vergunning zonder aangifte (bijzondere grond)"),
    VerblijfSoort.GETUIGE_AANGEVER: N_("Getuige-aangever"),
    VerblijfSoort.IND_BESLUIT: N_("Besluit IND (tijdelijke vergunning)"),
    VerblijfSoort.OM_BESLUIT: N_("Besluit OM (strafzaak)"),
    VerblijfSoort.VOORTGEZET_VERBLIJF: N_("Voortgezet verblijf (B16/7)"),
    VerblijfSoort.VERVALT: N_("Vervallen verklaard"),
}


class Uitkomst(StrEnum):
    """Outcome of a step; which fit which kind is in ``UITKOMSTEN``."""

    POLITIE = "politie"
    KMAR = "kmar"
    ONBEKEND = "onbekend"
    AANVAARD = "aanvaard"
    GEWEIGERD = "geweigerd"
    AANGIFTE = "aangifte"
    MEDEWERKING = "medewerking"
    GEEN_AANGIFTE = "geen_aangifte"
    DREIGING = "dreiging"
    MEDISCH = "medisch"
    MINDERJARIG = "minderjarig"
    VERLEEND = "verleend"
    VERLENGD = "verlengd"
    AFGEWEZEN = "afgewezen"
    INGETROKKEN = "ingetrokken"
    SEPOT = "sepot"
    VERVOLGING = "vervolging"
    VEROORDELING = "veroordeling"
    VRIJSPRAAK = "vrijspraak"
    AANGEVRAAGD = "aangevraagd"
    GEEN = ""


UITKOMST_LABELS: dict[Uitkomst, str] = {
    Uitkomst.POLITIE: N_("door de politie"),
    Uitkomst.KMAR: N_("door de KMar"),
    Uitkomst.ONBEKEND: N_("door onbekend"),
    Uitkomst.AANVAARD: N_("aanvaard"),
    Uitkomst.GEWEIGERD: N_("geweigerd"),
    Uitkomst.AANGIFTE: N_("aangifte gedaan"),
    Uitkomst.MEDEWERKING: N_("andere medewerking aan het onderzoek"),
    Uitkomst.GEEN_AANGIFTE: N_("geen aangifte"),
    Uitkomst.DREIGING: N_("ernstige dreiging"),
    Uitkomst.MEDISCH: N_("medische of psychische redenen"),
    Uitkomst.MINDERJARIG: N_("minderjarigheid"),
    Uitkomst.VERLEEND: N_("verleend"),
    Uitkomst.VERLENGD: N_("verlengd"),
    Uitkomst.AFGEWEZEN: N_("afgewezen"),
    Uitkomst.INGETROKKEN: N_("ingetrokken"),
    Uitkomst.SEPOT: N_("sepot"),
    Uitkomst.VERVOLGING: N_("vervolging"),
    Uitkomst.VEROORDELING: N_("veroordeling"),
    Uitkomst.VRIJSPRAAK: N_("vrijspraak"),
    Uitkomst.AANGEVRAAGD: N_("aangevraagd"),
    Uitkomst.GEEN: N_("vastgelegd"),
}

U = Uitkomst
UITKOMSTEN: dict[VerblijfSoort, frozenset[Uitkomst]] = {
    VerblijfSoort.BEDENKTIJD_AANGEBODEN: frozenset({U.POLITIE, U.KMAR, U.ONBEKEND}),
    VerblijfSoort.BEDENKTIJD_BESLUIT: frozenset({U.AANVAARD, U.GEWEIGERD}),
    VerblijfSoort.AANGIFTE: frozenset({U.AANGIFTE, U.MEDEWERKING, U.GEEN_AANGIFTE}),
    VerblijfSoort.BIJZONDERE_GROND: frozenset({U.DREIGING, U.MEDISCH, U.MINDERJARIG}),
    VerblijfSoort.GETUIGE_AANGEVER: frozenset({U.GEEN}),
    VerblijfSoort.IND_BESLUIT: frozenset({U.VERLEEND, U.VERLENGD, U.AFGEWEZEN,
                                          U.INGETROKKEN}),
    VerblijfSoort.OM_BESLUIT: frozenset({U.SEPOT, U.VERVOLGING, U.VEROORDELING,
                                         U.VRIJSPRAAK}),
    VerblijfSoort.VOORTGEZET_VERBLIJF: frozenset({U.AANGEVRAAGD, U.VERLEEND,
                                                  U.AFGEWEZEN}),
    VerblijfSoort.VERVALT: frozenset({U.GEEN}),
}


@dataclass(frozen=True)
class VerblijfEvent:
    """One step. ``datum`` is when it happened, ``vastgelegd_op`` when it was typed in.

    ``dublin`` only on an offer of bedenktijd (30 days instead of 90); ``onderbouwing``
    names the police or medical statement behind a permit on special grounds;
    ``geldig_tot`` is the end of a granted permit; ``corrigeert`` is the voided step of
    a ``VERVALT``. ``gemigreerd`` marks a step read from the care path (its
    ``bedenktijd`` stage, or a decision recorded there by an older vault or the path's
    decision dialog): never stored on the track, not held to the order rules again (an
    older vault's predate them; a new decision was checked when it was recorded), but
    later steps may build on it.
    """

    soort: VerblijfSoort
    datum: date
    auteur: str
    vastgelegd_op: datetime
    uitkomst: Uitkomst = Uitkomst.GEEN
    uuid: str = field(default_factory=nieuw_uuid)
    toelichting: str = ""
    dublin: bool = False
    onderbouwing: str = ""
    geldig_tot: date | None = None
    corrigeert: str | None = None
    gemigreerd: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe; every key always present so the bundle schema is stable."""
        return {
            "uuid": self.uuid,
            "soort": self.soort.value,
            "datum": self.datum.isoformat(),
            "uitkomst": self.uitkomst.value,
            "auteur": self.auteur,
            "vastgelegd_op": self.vastgelegd_op.isoformat(),
            "toelichting": self.toelichting,
            "dublin": self.dublin,
            "onderbouwing": self.onderbouwing,
            "geldig_tot": datum_naar_json(self.geldig_tot),
            "corrigeert": self.corrigeert,
            "gemigreerd": self.gemigreerd,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> VerblijfEvent:
        """The inverse of ``to_dict``; unknown codes give a readable ``DomainError``."""
        datum = datum_uit_json(d.get("datum"))
        if datum is None:
            raise DomainError(N_("Een gebeurtenis zonder datum kan niet."))
        return cls(
            uuid=str(d.get("uuid") or nieuw_uuid()),
            soort=code_uit(VerblijfSoort, d.get("soort")),
            datum=datum,
            uitkomst=code_uit(Uitkomst, d.get("uitkomst") or ""),
            auteur=str(d.get("auteur", "")),
            vastgelegd_op=tijdstip_uit_json(d.get("vastgelegd_op")),
            toelichting=str(d.get("toelichting", "")),
            dublin=bool(d.get("dublin", False)),
            onderbouwing=str(d.get("onderbouwing", "")),
            geldig_tot=datum_uit_json(d.get("geldig_tot")),
            corrigeert=None if d.get("corrigeert") is None else str(d["corrigeert"]),
            gemigreerd=bool(d.get("gemigreerd", False)),
        )
