"""The fixed vocabularies of a case, as Dutch codes with lazily translated labels.

Codes are what the database and JSON exports store, so they never change once
released; labels are msgids (``N_``) that the GUI translates when it shows them. Where
IOM's HTCDS v2.0 has a matching value name, a ``*_HTCDS`` dict maps our code onto it,
so that an anonymised export lines up with CTDC-style statistics (credit: IOM, CC BY 4.0).

The small JSON helpers live here too: every domain module needs the same conversion of
dates and codes to and from plain JSON values, and a foreign bundle with an unknown
code must give a readable ``DomainError`` instead of a bare ``ValueError``.
"""

from __future__ import annotations

import uuid as _uuid
from collections.abc import Mapping
from datetime import date, datetime
from enum import StrEnum
from os import urandom as _urandom
from typing import Any, TypeVar

from zorgapp.domain.errors import N_, DomainError


class Fase(StrEnum):
    """Stage of a case on its path (DOMAIN.md §2)."""

    SIGNAAL = "signaal"
    INTAKE = "intake"
    AANGEMELD = "aangemeld"
    BEDENKTIJD = "bedenktijd"
    GEPLAATST = "geplaatst"
    BEGELEIDING = "begeleiding"
    AFGESLOTEN = "afgesloten"


FASE_LABELS: dict[Fase, str] = {
    Fase.SIGNAAL: N_("Signaal"),
    Fase.INTAKE: N_("Intake"),
    Fase.AANGEMELD: N_("Aangemeld bij CoMensha"),
    Fase.BEDENKTIJD: N_("Bedenktijd"),
    Fase.GEPLAATST: N_("Geplaatst"),
    Fase.BEGELEIDING: N_("Begeleiding"),
    Fase.AFGESLOTEN: N_("Afgesloten"),
}


class Sluitreden(StrEnum):
    """Why a case was closed; the retention clock starts at closing."""

    GEEN_MENSENHANDEL = "geen_mensenhandel"
    OVERGEDRAGEN = "overgedragen"
    TERUGKEER = "terugkeer"
    UIT_BEELD = "uit_beeld"
    OVERLEDEN = "overleden"
    ZELFSTANDIG = "zelfstandig"


SLUITREDEN_LABELS: dict[Sluitreden, str] = {
    Sluitreden.GEEN_MENSENHANDEL: N_("Geen mensenhandel (naar andere zorg)"),
    Sluitreden.OVERGEDRAGEN: N_("Overgedragen aan andere regio"),
    Sluitreden.TERUGKEER: N_("Vrijwillige terugkeer"),
    Sluitreden.UIT_BEELD: N_("Uit beeld"),
    Sluitreden.OVERLEDEN: N_("Overleden"),
    Sluitreden.ZELFSTANDIG: N_("Zelfstandig"),
}


class Uitbuitingsvorm(StrEnum):
    """Form of exploitation (CoMensha); a signal may have several."""

    SEKSUEEL = "seksueel"
    ARBEID = "arbeid"
    CRIMINEEL = "crimineel"
    BEDELARIJ = "bedelarij"
    ORGAAN = "orgaan"
    ONBEKEND = "onbekend"


UITBUITINGSVORM_LABELS: dict[Uitbuitingsvorm, str] = {
    Uitbuitingsvorm.SEKSUEEL: N_("Seksuele uitbuiting"),
    Uitbuitingsvorm.ARBEID: N_("Arbeidsuitbuiting"),
    Uitbuitingsvorm.CRIMINEEL: N_("Criminele uitbuiting"),
    Uitbuitingsvorm.BEDELARIJ: N_("Gedwongen bedelarij"),
    Uitbuitingsvorm.ORGAAN: N_("Orgaanverwijdering"),
    Uitbuitingsvorm.ONBEKEND: N_("Onbekend"),
}

#: HTCDS ``TypeOfExploitation``; criminal exploitation has no own value there.
UITBUITINGSVORM_HTCDS: dict[Uitbuitingsvorm, str] = {
    Uitbuitingsvorm.SEKSUEEL: "SexualExploitation",
    Uitbuitingsvorm.ARBEID: "ForcedLabour",
    Uitbuitingsvorm.CRIMINEEL: "Other",
    Uitbuitingsvorm.BEDELARIJ: "ForcedBegging",
    Uitbuitingsvorm.ORGAAN: "OrganRemoval",
    Uitbuitingsvorm.ONBEKEND: "Other",
}


class Geslacht(StrEnum):
    """Gender as recorded; ``x`` covers HTCDS' transgender and non-conforming values."""

    VROUW = "vrouw"
    MAN = "man"
    X = "x"
    ONBEKEND = "onbekend"


GESLACHT_LABELS: dict[Geslacht, str] = {
    Geslacht.VROUW: N_("Vrouw"),
    Geslacht.MAN: N_("Man"),
    Geslacht.X: N_("X (anders)"),
    Geslacht.ONBEKEND: N_("Onbekend"),
}

#: HTCDS ``prs_Gender``.
GESLACHT_HTCDS: dict[Geslacht, str] = {
    Geslacht.VROUW: "Feminine",
    Geslacht.MAN: "Masculine",
    Geslacht.X: "NonConforming",
    Geslacht.ONBEKEND: "NonSpecifiedUnknown",
}


class MelderType(StrEnum):
    """Who reported the signal (DOMAIN.md §5)."""

    POLITIE = "politie"
    KMAR = "kmar"
    ARBEIDSINSPECTIE = "arbeidsinspectie"
    FAIRWORK = "fairwork"
    VEILIG_THUIS = "veilig_thuis"
    GGD = "ggd"
    HUISARTS = "huisarts"
    WIJKTEAM = "wijkteam"
    JEUGDZORG = "jeugdzorg"
    COA = "coa"
    ADVOCATUUR = "advocatuur"
    GEMEENTE = "gemeente"
    BURGER = "burger"
    SLACHTOFFER = "slachtoffer"
    ZORGCOORDINATIE = "zorgcoordinatie"
    OPVANG = "opvang"
    OVERIG = "overig"


MELDER_LABELS: dict[MelderType, str] = {
    MelderType.POLITIE: N_("Politie / AVIM"),
    MelderType.KMAR: N_("Koninklijke Marechaussee"),
    MelderType.ARBEIDSINSPECTIE: N_("Nederlandse Arbeidsinspectie"),
    MelderType.FAIRWORK: N_("FairWork"),
    MelderType.VEILIG_THUIS: N_("Veilig Thuis"),
    MelderType.GGD: N_("GGD"),
    MelderType.HUISARTS: N_("Huisarts"),
    MelderType.WIJKTEAM: N_("Wijkteam"),
    MelderType.JEUGDZORG: N_("Jeugdzorg"),
    MelderType.COA: N_("COA"),
    MelderType.ADVOCATUUR: N_("Advocatuur"),
    MelderType.GEMEENTE: N_("Gemeente"),
    MelderType.BURGER: N_("Burger"),
    MelderType.SLACHTOFFER: N_("Slachtoffer zelf"),
    MelderType.ZORGCOORDINATIE: N_("Zorgcoördinatie"),
    MelderType.OPVANG: N_("Opvang"),
    MelderType.OVERIG: N_("Overig"),
}

#: Melders that must register with CoMensha themselves; others need written consent.
MELDPLICHTIGE_MELDERS: frozenset[MelderType] = frozenset(
    {MelderType.POLITIE, MelderType.KMAR, MelderType.ARBEIDSINSPECTIE}
)


class Indicator(StrEnum):
    """The 11 ILO indicators plus the Dutch labour-inspection signals (DOMAIN.md §4).

    Indicators are observations, never a verdict: nothing in the app adds them up.
    """

    MISBRUIK_KWETSBAARHEID = "misbruik_kwetsbaarheid"
    MISLEIDING = "misleiding"
    BEPERKING_BEWEGINGSVRIJHEID = "beperking_bewegingsvrijheid"
    ISOLATIE = "isolatie"
    FYSIEK_SEKSUEEL_GEWELD = "fysiek_seksueel_geweld"
    INTIMIDATIE_BEDREIGING = "intimidatie_bedreiging"
    INHOUDEN_IDENTITEITSPAPIEREN = "inhouden_identiteitspapieren"
    INHOUDEN_LOON = "inhouden_loon"
    SCHULDSLAVERNIJ = "schuldslavernij"
    SLECHTE_WERK_LEEFOMSTANDIGHEDEN = "slechte_werk_leefomstandigheden"
    BUITENSPORIG_OVERWERK = "buitensporig_overwerk"
    # Signals of the Nederlandse Arbeidsinspectie.
    GEEN_TOEGANG_BANKPAS = "geen_toegang_bankpas"
    HUISVESTING_VIA_WERKGEVER = "huisvesting_via_werkgever"
    EIGEN_ADRES_ONBEKEND = "eigen_adres_onbekend"
    SCHULD_AAN_WERKGEVER = "schuld_aan_werkgever"


ILO_INDICATOREN: tuple[Indicator, ...] = tuple(Indicator)[:11]
ARBEIDSINSPECTIE_SIGNALEN: tuple[Indicator, ...] = tuple(Indicator)[11:]

INDICATOR_LABELS: dict[Indicator, str] = {
    Indicator.MISBRUIK_KWETSBAARHEID: N_("Misbruik van een kwetsbare positie"),
    Indicator.MISLEIDING: N_("Misleiding"),
    Indicator.BEPERKING_BEWEGINGSVRIJHEID: N_("Beperking van de bewegingsvrijheid"),
    Indicator.ISOLATIE: N_("Isolatie"),
    Indicator.FYSIEK_SEKSUEEL_GEWELD: N_("Fysiek en seksueel geweld"),
    Indicator.INTIMIDATIE_BEDREIGING: N_("Intimidatie en bedreiging"),
    Indicator.INHOUDEN_IDENTITEITSPAPIEREN: N_("Inhouden van identiteitspapieren"),
    Indicator.INHOUDEN_LOON: N_("Inhouden van loon"),
    Indicator.SCHULDSLAVERNIJ: N_("Schuldslavernij"),
    Indicator.SLECHTE_WERK_LEEFOMSTANDIGHEDEN: N_(
        "Slechte werk- en leefomstandigheden"
    ),
    Indicator.BUITENSPORIG_OVERWERK: N_("Buitensporig overwerk"),
    Indicator.GEEN_TOEGANG_BANKPAS: N_("Geen toegang tot eigen bankpas"),
    Indicator.HUISVESTING_VIA_WERKGEVER: N_("Huisvesting via de werkgever"),
    Indicator.EIGEN_ADRES_ONBEKEND: N_("Kent het eigen adres niet"),
    Indicator.SCHULD_AAN_WERKGEVER: N_("Hoge schuld aan werkgever (reis, huur)"),
}

#: HTCDS ``MethodsOfControl`` where one fits; indicators without a match are left out.
INDICATOR_HTCDS: dict[Indicator, str] = {
    Indicator.MISLEIDING: "FalsePromises",
    Indicator.FYSIEK_SEKSUEEL_GEWELD: "PhysicalAbuse",
    Indicator.INTIMIDATIE_BEDREIGING: "PhysicalThreats",
    Indicator.INHOUDEN_IDENTITEITSPAPIEREN: "WithholdsDocuments",
    Indicator.INHOUDEN_LOON: "TakesEarnings",
    Indicator.SCHULDSLAVERNIJ: "DebtBondage",
    Indicator.BUITENSPORIG_OVERWERK: "ExcessiveWorkingHours",
    Indicator.GEEN_TOEGANG_BANKPAS: "RestrictsFinancialAccess",
    Indicator.SCHULD_AAN_WERKGEVER: "DebtBondage",
}


class ToestemmingDoel(StrEnum):
    """Consent is per purpose (AVG): each is given, dated and withdrawn separately."""

    COMENSHA_AANMELDING = "comensha_aanmelding"
    DELEN_PARTNER = "delen_partner"
    STATISTIEK = "statistiek"


TOESTEMMING_DOEL_LABELS: dict[ToestemmingDoel, str] = {
    ToestemmingDoel.COMENSHA_AANMELDING: N_("Aanmelding bij CoMensha"),
    ToestemmingDoel.DELEN_PARTNER: N_("Gegevens delen met een partner"),
    ToestemmingDoel.STATISTIEK: N_("Anonieme statistiek"),
}


class BesluitSoort(StrEnum):
    """Decisions recorded on the path as events."""

    AANGIFTE = "aangifte"
    VERBLIJFSVERGUNNING = "verblijfsvergunning"


BESLUIT_SOORT_LABELS: dict[BesluitSoort, str] = {
    BesluitSoort.AANGIFTE: N_("Aangifte"),
    BesluitSoort.VERBLIJFSVERGUNNING: N_("Verblijfsvergunning"),
}


class BesluitUitkomst(StrEnum):
    """Outcome of a decision; which outcomes fit which decision is in ``UITKOMSTEN``."""

    JA = "ja"
    NEE = "nee"
    AANGEVRAAGD = "aangevraagd"
    VERLEEND_TIJDELIJK = "verleend_tijdelijk"
    VERLEEND_PERMANENT = "verleend_permanent"
    VERLENGD = "verlengd"
    AFGEWEZEN = "afgewezen"
    INGETROKKEN = "ingetrokken"


BESLUIT_UITKOMST_LABELS: dict[BesluitUitkomst, str] = {
    BesluitUitkomst.JA: N_("Ja"),
    BesluitUitkomst.NEE: N_("Nee"),
    BesluitUitkomst.AANGEVRAAGD: N_("Aangevraagd"),
    BesluitUitkomst.VERLEEND_TIJDELIJK: N_("Verleend (tijdelijk)"),
    BesluitUitkomst.VERLEEND_PERMANENT: N_("Verleend (voortgezet verblijf)"),
    BesluitUitkomst.VERLENGD: N_("Verlengd"),
    BesluitUitkomst.AFGEWEZEN: N_("Afgewezen"),
    BesluitUitkomst.INGETROKKEN: N_("Ingetrokken"),
}

UITKOMSTEN: dict[BesluitSoort, frozenset[BesluitUitkomst]] = {
    BesluitSoort.AANGIFTE: frozenset({BesluitUitkomst.JA, BesluitUitkomst.NEE}),
    BesluitSoort.VERBLIJFSVERGUNNING: frozenset(
        {
            BesluitUitkomst.AANGEVRAAGD,
            BesluitUitkomst.VERLEEND_TIJDELIJK,
            BesluitUitkomst.VERLEEND_PERMANENT,
            BesluitUitkomst.VERLENGD,
            BesluitUitkomst.AFGEWEZEN,
            BesluitUitkomst.INGETROKKEN,
        }
    ),
}


# --- JSON form -------------------------------------------------------------------

E = TypeVar("E", bound=StrEnum)


_V4 = ~((0xF000 << 64) | (0xC000 << 48))


def nieuw_uuid() -> str:
    """A random id as text: ids must be unique across regions (handover bundles).

    What ``str(uuid.uuid4())`` gives, without the ``UUID`` object (a demo vault makes
    a million); a test or fingerprint that fixes ``uuid.uuid4`` is still heard."""
    if getattr(_uuid.uuid4, "__module__", None) != "uuid":
        return str(_uuid.uuid4())
    # the hex of 16 random bytes with the version and variant put in: 1.9 against 3.2 us
    h = _urandom(16).hex()
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{_VARIANT[h[16]]}{h[17:20]}-{h[20:]}"


#: The variant digit (binary 10xx) for a random hex digit: its two low bits kept.
_VARIANT = {c: "89ab"[int(c, 16) & 3] for c in "0123456789abcdef"}


def uuid4_tekst(getal: int) -> str:
    """``str(uuid.UUID(int=getal, version=4))``: the version and variant bits set."""
    h = "%032x" % ((getal & _V4) | (0x4000 << 64) | (0x8000 << 48))
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def code_uit(soort: type[E], waarde: object) -> E:
    """Read a stored code, refusing unknown values with a message a user can read."""
    try:
        return soort(str(waarde))
    except ValueError:
        raise DomainError(
            N_("Onbekende code {code} voor {soort}."),
            code=str(waarde),
            soort=soort.__name__,
        ) from None


def datum_naar_json(d: date | None) -> str | None:
    """ISO date text, or None."""
    return None if d is None else d.isoformat()


def datum_uit_json(s: object) -> date | None:
    """The inverse of ``datum_naar_json``; refuses text that is not an ISO date."""
    if s is None or s == "":
        return None
    try:
        return date.fromisoformat(str(s))
    except ValueError:
        raise DomainError(N_("Ongeldige datum: {datum}."), datum=str(s)) from None


def vereiste_datum(d: Mapping[str, Any], sleutel: str) -> date:
    """A date a record cannot do without; its absence is refused by field name."""
    waarde = datum_uit_json(d.get(sleutel))
    if waarde is None:
        raise DomainError(N_("Datum {veld} ontbreekt."), veld=sleutel)
    return waarde


def niet_in_toekomst(d: date, vandaag: date) -> None:
    """Refuse a date after today: nothing is recorded before it happened."""
    if d > vandaag:
        raise DomainError(
            N_("Een datum in de toekomst kan niet: {datum}."), datum=d.isoformat()
        )


def tijdstip_uit_json(s: object) -> datetime:
    """An ISO timestamp with offset, as stored by ``datetime.isoformat``."""
    try:
        return datetime.fromisoformat(str(s))
    except ValueError:
        raise DomainError(
            N_("Ongeldig tijdstip: {tijdstip}."), tijdstip=str(s)
        ) from None
