"""Fictional cases for the document tests: names with their diacritics, fixed dates."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from zorgapp.domain.codes import (
    BesluitSoort,
    BesluitUitkomst,
    Fase,
    Geslacht,
    Indicator,
    MelderType,
    ToestemmingDoel,
    Uitbuitingsvorm,
)
from zorgapp.domain.dossier import (
    Dossier,
    IndicatorWaarneming,
    JournaalRegel,
    Melding,
    Partner,
    Taak,
    Toestemming,
)
from zorgapp.domain.opvang import (
    Locatie,
    OpvangType,
    Plaatsing,
    PlaatsingStatus,
    Tarief,
)
from zorgapp.domain.opvangbehoeften import (
    Kind,
    Opvangbehoeften,
    Veiligheid,
    Zorgbehoeften,
)
from zorgapp.domain.partners import PartnerRol
from zorgapp.domain.persoon import Persoon
from zorgapp.domain.traject import Traject
from zorgapp.reports.style import Briefhoofd

VANDAAG = date(2026, 11, 22)
NU = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)
SECRET_ADDRESS = "Geheimstraat 13, 2311 XX Leiden"

BRIEFHOOFD = Briefhoofd(
    organisatie="Zorgcoördinatie Mensenhandel Hollands Midden",
    adres="Postbus 100\n2300 AC Leiden",
    contact="071 000 0000 · zorgcoordinatie@example.org",
    plaats="Leiden",
)


def dossier(naam: str = "Ștefania Ștefănescu", nummer: str = "HM-2026-0042") -> Dossier:
    persoon = Persoon(
        naam=naam,
        aliassen=["Ștefi"],
        geboortedatum=date(1999, 3, 4),
        geslacht=Geslacht.VROUW,
        nationaliteiten=["RO"],
        talen=["ro", "en"],
        tolk_nodig=True,
        gemeente_van_binding="GM0546",
    )
    d = Dossier(dossiernummer=nummer, persoon=persoon)
    d.meldingen.append(Melding(
        datum=date(2026, 9, 1), melder_type=MelderType.POLITIE,
        vormen=[Uitbuitingsvorm.SEKSUEEL],
        indicatoren=[IndicatorWaarneming(Indicator.SCHULDSLAVERNIJ, "politie",
                                         date(2026, 9, 1), "INDICATOR-GEHEIM")]))
    t = Traject.begin(date(2026, 9, 1), "Melding ontvangen", "coord", VANDAAG, nu=NU)
    t.overgang(Fase.INTAKE, date(2026, 9, 3), "Intakegesprek", "coord", VANDAAG, nu=NU)
    t.overgang(Fase.BEDENKTIJD, date(2026, 9, 10), "Bedenktijd aangeboden", "coord",
               VANDAAG, nu=NU)
    t.overgang(Fase.GEPLAATST, date(2026, 9, 12), "Geplaatst", "coord", VANDAAG, nu=NU)
    t.besluit(BesluitSoort.AANGIFTE, BesluitUitkomst.JA, date(2026, 10, 5), "coord",
              VANDAAG, nu=NU)
    d.traject = t
    d.partners.append(Partner(naam="Jan de Vries", rol=PartnerRol.POLITIE, contact="06 1234 5678"))
    d.partners.append(Partner(naam="Mr. Anna Wiśniewski", rol=PartnerRol.ADVOCAAT,
                              contact="anna@example.org"))
    d.toestemmingen.append(Toestemming(doel=ToestemmingDoel.DELEN_PARTNER,
                                       datum=date(2026, 9, 3), partner=d.partners[1].uuid))
    d.journaal.append(JournaalRegel(datum=date(2026, 9, 3), tekst="JOURNAAL-GEHEIM"))
    d.taken.append(Taak(omschrijving="Evaluatiegesprek plannen", deadline=date(2026, 12, 1)))
    d.opvangbehoeften = behoeften()
    return d


def behoeften() -> Opvangbehoeften:
    """One child comes along, one stays with the grandmother (never in the letter)."""
    return Opvangbehoeften(
        comensha_kenmerk="CM-2026-1187",
        kinderen=[
            Kind(naam="Ionuț Ștefănescu", geboortedatum=date(2021, 3, 2)),
            Kind(naam="Ana Ștefănescu", geboortedatum=date(2012, 5, 1), gaat_mee=False,
                 bijzonderheden="bij grootmoeder in Iași"),
        ],
        veiligheid=Veiligheid(
            daders_in_de_buurt=True, daders_toelichting="pooier woont in Leiden-Noord",
            geheim_adres_nodig=True,
            telefoon_afspraken="Nieuwe telefoon; geen foto's op sociale media",
            bij_vertrek="Bel direct Jan de Vries (politie) en de zorgcoördinator"),
        zorg=Zorgbehoeften(ggz="Traumabehandeling loopt bij GGZ Rivierduinen",
                           medicatie="Sertraline 50 mg, dagelijks", zwanger=True,
                           uitgerekend_op=date(2027, 3, 1)),
    )


def locatie(geheim: bool = True) -> Locatie:
    return Locatie(uuid="loc-1", organisatie="Stichting Fictief Onderdak",
                   naam="Huis Zuid", type=OpvangType.VO, adres_geheim=geheim,
                   adres=SECRET_ADDRESS,
                   tarieven=[Tarief(Decimal("95.50"), date(2026, 1, 1))])


def plaatsing(d: Dossier) -> Plaatsing:
    return Plaatsing(uuid="pl-1", dossier_uuid=d.uuid, locatie_uuid="loc-1",
                     type=OpvangType.VO, status=PlaatsingStatus.GEPLAATST,
                     van=date(2026, 9, 12), evaluatiedatum=date(2026, 12, 12),
                     verwachte_einddatum=date(2027, 3, 12), gemeente_code="GM0546",
                     tarieven=[Tarief(Decimal("95.50"), date(2026, 1, 1))])


def verdeling_q1():
    """Three municipalities, bound and unbound dossiers, a rate change, a COSM stay."""
    from zorgapp.domain.allocation import Sleutel, Verdeelsleutel, periode, verdeel
    from zorgapp.domain.kosten import Kostenpost, KostenSoort
    from zorgapp.domain.opvang import kosten_periode
    from zorgapp.domain.regio import Gemeente, Regio

    regio = Regio("Hollands Midden", {
        "GM0546": Gemeente("GM0546", "Leiden", 128_000),
        "GM0513": Gemeente("GM0513", "Gouda", 74_000),
        "GM0579": Gemeente("GM0579", "Oegstgeest", 25_000),
    })
    tarieven = [Tarief(Decimal("101.37"), date(2025, 1, 1)),
                Tarief(Decimal("103.11"), date(2026, 2, 1))]
    plaatsingen = [
        Plaatsing(uuid="p1", dossier_uuid="d1", locatie_uuid=None, type=OpvangType.VO,
                  status=PlaatsingStatus.GEPLAATST, van=date(2026, 1, 15),
                  tarieven=tarieven),
        Plaatsing(uuid="p2", dossier_uuid="d2", locatie_uuid=None, type=OpvangType.MO,
                  status=PlaatsingStatus.BEEINDIGD, van=date(2025, 12, 1),
                  tot=date(2026, 2, 10), einde_reden="zelfstandig", tarieven=tarieven),
        Plaatsing(uuid="p3", dossier_uuid="d3", locatie_uuid=None, type=OpvangType.CRISIS,
                  status=PlaatsingStatus.BEEINDIGD, van=date(2026, 3, 1),
                  tot=date(2026, 3, 4), einde_reden="doorgeplaatst",
                  tarieven=[Tarief(Decimal("150.01"), date(2026, 1, 1))]),
        Plaatsing(uuid="p4", dossier_uuid="d4", locatie_uuid=None, type=OpvangType.COSM,
                  status=PlaatsingStatus.GEPLAATST, van=date(2026, 2, 1),
                  tarieven=[Tarief(Decimal("120.00"), date(2026, 1, 1))]),
    ]
    van, tot = periode(2026, 1)
    regels = kosten_periode(plaatsingen, van, tot)
    posten = [Kostenpost("k1", "d2", KostenSoort.TOLK, date(2026, 1, 20), Decimal("87.33"))]
    binding = {"d1": "GM0546", "d2": None, "d3": "GM0513", "d4": "GM0579"}
    verdeling = verdeel(regio, Verdeelsleutel(Sleutel.BINDING), regels, posten, binding,
                        van=van, tot=tot)
    nummers = {"d1": "HM-2026-0001", "d2": "HM-2025-0107", "d3": "HM-2026-0009",
               "d4": "HM-2026-0012"}
    return verdeling, nummers
