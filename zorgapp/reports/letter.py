"""Plaatsingsbrief: the letter that goes with a client to the shelter (DOMAIN.md §7).

Only what the shelter needs: never indicators, signals or the journal. The shelter's
own address is printed only when the location is not marked confidential.
"""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from zorgapp.domain.codes import (
    BESLUIT_UITKOMST_LABELS,
    BesluitSoort,
    BesluitUitkomst,
    ToestemmingDoel,
)
from zorgapp.domain.dossier import Dossier, Partner
from zorgapp.domain.opvang import (
    FINANCIER_LABELS,
    OPVANG_LABELS,
    PLAATSING_STATUS_LABELS,
    Financier,
    Locatie,
    Plaatsing,
)
from zorgapp.i18n import _, format_date_long
from zorgapp.reports import fonts, style
from zorgapp.reports.behoeften import kinderen_mee, veiligheid_rijen, zorg_rijen
from zorgapp.reports.style import (
    Briefhoofd,
    DocumentInfo,
    Styles,
    esc,
    markup,
    p,
    velden,
)
from zorgapp.reports.teksten import (
    datum,
    datum_lang,
    geboorte,
    geslacht,
    ja_nee,
    label,
    land,
    naam_of_alias,
    taal,
)

EU = frozenset(
    ["AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "PL", "PT", "RO", "SE", "SI", "SK"]
)


def _verblijf(dossier: Dossier) -> str:
    """Legal status in one line: Dutch, EU citizen, bedenktijd with dates, or a permit."""
    landen = dossier.persoon.nationaliteiten
    delen: list[str] = []
    if "NL" in landen:
        delen.append(_("Nederlandse nationaliteit"))
    elif any(c in EU for c in landen):
        delen.append(_("EU-burger"))
    traject = dossier.traject
    if traject.bedenktijd_start is not None:
        delen.append(_("bedenktijd van {van} tot en met {tot}").format(
            van=datum(traject.bedenktijd_start), tot=datum(traject.bedenktijd_einde)))
    vergunningen = [b for b in traject.besluiten()
                    if b.soort is BesluitSoort.VERBLIJFSVERGUNNING]
    if vergunningen:
        b = vergunningen[-1]
        tekst = _("verblijfsvergunning: {uitkomst} op {datum}").format(
            uitkomst=label(BESLUIT_UITKOMST_LABELS, b.uitkomst).lower(), datum=datum(b.datum))
        if b.geldig_tot is not None:
            tekst += " " + _("(geldig tot en met {datum})").format(datum=datum(b.geldig_tot))
        delen.append(tekst)
    if not delen:
        return _("niet vastgelegd")
    return "; ".join(delen)


def _aangifte(dossier: Dossier) -> str:
    besluiten = [b for b in dossier.traject.besluiten() if b.soort is BesluitSoort.AANGIFTE]
    if not besluiten:
        return _("nog niet bekend")
    b = besluiten[-1]
    if b.uitkomst is BesluitUitkomst.JA:
        return _("ja, gedaan op {datum}").format(datum=datum(b.datum))
    return _("nee (vastgelegd op {datum})").format(datum=datum(b.datum))


#: Words in a partner's free-text role that make it the police contact or the lawyer.
_POLITIE = ("politie", "police", "avim", "recherche", "marechaussee")
_ADVOCAAT = ("advoca", "lawyer", "jurist")


def _partners_met_rol(dossier: Dossier, woorden: tuple[str, ...]) -> list[Partner]:
    return [p for p in dossier.partners if any(w in p.rol.lower() for w in woorden)]


def _partner_regel(partners: list[Partner]) -> str:
    if not partners:
        return _("niet vastgelegd")
    return "\n".join(" – ".join(x for x in (p.naam, p.contact) if x.strip()) for p in partners)


def _duur(plaatsing: Plaatsing) -> str:
    if plaatsing.verwachte_einddatum is None:
        return _("nog niet bekend")
    tekst = _("tot {datum}").format(datum=datum(plaatsing.verwachte_einddatum))
    if plaatsing.van is not None and plaatsing.verwachte_einddatum > plaatsing.van:
        weken = round((plaatsing.verwachte_einddatum - plaatsing.van).days / 7)
        tekst += " " + _("(ongeveer {weken} weken)").format(weken=weken)
    return tekst


def _toestemmingen(dossier: Dossier, op: date) -> list[str]:
    partners = {partner.uuid: partner.naam for partner in dossier.partners}
    regels = []
    for t in dossier.toestemmingen:
        if not t.geldig_op(op):
            continue
        if t.doel is ToestemmingDoel.DELEN_PARTNER:
            wat = _("gegevens delen met {partner}").format(
                partner=partners.get(t.partner, t.partner) or _("een partner"))
        elif t.doel is ToestemmingDoel.COMENSHA_AANMELDING:
            wat = _("aanmelding bij CoMensha")
        else:
            continue  # statistics consent says nothing the shelter needs
        regel = _("{wat}, gegeven op {datum}").format(wat=wat, datum=datum(t.datum))
        if t.geldig_tot is not None:
            regel += ", " + _("geldig tot en met {datum}").format(datum=datum(t.geldig_tot))
        regels.append(regel)
    return regels


def plaatsingsbrief(
    dossier: Dossier,
    plaatsing: Plaatsing,
    locatie: Locatie | None,
    briefhoofd: Briefhoofd,
    *,
    demo: bool = False,
    vandaag: date | None = None,
    alias: bool = False,
    afzender: str = "",
    gemeente_naam: str = "",
) -> bytes:
    """The placement letter as PDF bytes.

    ``alias`` prints the first alias (or initials) instead of the name, for a client
    who must not be known by name at the shelter; ``afzender`` is the coordinator who
    signs; ``gemeente_naam`` names the paying municipality (``plaatsing.gemeente_code``).
    """
    s = Styles.get()
    vandaag = vandaag or date.today()
    persoon = dossier.persoon
    naam = naam_of_alias(persoon, alias)
    behoeften = dossier.opvangbehoeften
    story: list[Flowable] = []

    # Addressee left, place/date/reference right.
    aan = []
    if locatie is not None:
        aan.append(markup(f"<b>{esc(locatie.organisatie)}</b>"))
        aan.append(p(locatie.naam))
        if not locatie.adres_geheim and locatie.adres.strip():
            aan += [p(regel) for regel in locatie.adres.splitlines() if regel.strip()]
    else:
        aan.append(markup("<b>{}</b>".format(esc(_("Aan de opvangorganisatie")))))
    plaats_datum = format_date_long(vandaag)
    if briefhoofd.plaats:
        plaats_datum = _("{plaats}, {datum}").format(plaats=briefhoofd.plaats,
                                                      datum=plaats_datum)
    rechts = [
        p(plaats_datum, s.right),
        p(_("Ons kenmerk: {nummer}").format(nummer=dossier.dossiernummer), s.right),
    ]
    kop = Table([[aan, rechts]], colWidths=[style.CONTENT_WIDTH * 0.55,
                                             style.CONTENT_WIDTH * 0.45])
    kop.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), fonts.SANS, 9),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ]))
    story += [kop, Spacer(1, 7 * mm)]

    story.append(p(_("Plaatsingsbrief"), s.title))
    begin = plaatsing.van or plaatsing.aangevraagd_op or vandaag
    story.append(markup("<b>{}</b> {}".format(
        esc(_("Betreft:")),
        esc(_("plaatsing van {naam} per {datum}").format(naam=naam,
                                                          datum=datum_lang(begin))))))
    story.append(Spacer(1, 3 * mm))
    story.append(p(_(
        "Hierbij bevestigen wij de plaatsing van onderstaande cliënt. Deze brief bevat "
        "alleen de gegevens die u voor de opvang nodig heeft. Behandel hem vertrouwelijk "
        "en deel hem niet met derden.")))

    talen = ", ".join(taal(t) for t in persoon.talen)
    story += [p(_("Cliënt"), s.h2), velden([
        (_("Naam") if not alias else _("Naam (alias)"), naam),
        (_("Geboortedatum"), geboorte(persoon, vandaag)),
        (_("Geslacht"), geslacht(persoon.geslacht)),
        (_("Nationaliteit"), ", ".join(land(c) for c in persoon.nationaliteiten)),
        (_("Taal"), talen),
        (_("Tolk nodig"), ja_nee(persoon.tolk_nodig)),
        (_("Kinderen die meekomen"), kinderen_mee(behoeften, vandaag, alias=alias)),
    ])]

    politie = _partners_met_rol(dossier, _POLITIE)
    advocaat = _partners_met_rol(dossier, _ADVOCAAT)
    story += [p(_("Juridische status"), s.h2), velden([
        (_("Verblijfsstatus"), _verblijf(dossier)),
        (_("Aangifte"), _aangifte(dossier)),
        (_("Contact politie"), _partner_regel(politie)),
        (_("Advocaat"), _partner_regel(advocaat)),
        (_("Kenmerk CoMensha"), behoeften.comensha_kenmerk or _("nog niet bekend")),
    ])]

    plaats_rijen = [
        (_("Soort opvang"), label(OPVANG_LABELS, plaatsing.type)),
        (_("Locatie"), "" if locatie is None else f"{locatie.organisatie} – {locatie.naam}"),
        (_("Status"), label(PLAATSING_STATUS_LABELS, plaatsing.status)),
        (_("Ingangsdatum"), datum(plaatsing.van) or _("nog niet bekend")),
        (_("Verwachte duur"), _duur(plaatsing)),
        (_("Evaluatiedatum"), datum(plaatsing.evaluatiedatum) or _("nog niet gepland")),
    ]
    story += [p(_("Plaatsing"), s.h2), velden(plaats_rijen)]

    story += [p(_("Veiligheid"), s.h2), velden(veiligheid_rijen(behoeften))]
    story.append(p(_("Zorgbehoeften"), s.h2))
    zorg = zorg_rijen(behoeften)
    if zorg:
        story.append(velden(zorg))
    else:
        story.append(p(_("Er zijn geen bijzondere zorgbehoeften vastgelegd. Vraag de "
                         "cliënt bij aankomst naar medicijnen en lopende behandelingen.")))

    financier = label(FINANCIER_LABELS, plaatsing.financier)
    if plaatsing.financier is Financier.GEMEENTE and (gemeente_naam or plaatsing.gemeente_code):
        financier = _("Gemeente {naam}").format(naam=gemeente_naam or plaatsing.gemeente_code)
    story += [p(_("Financiering"), s.h2), velden([(_("Kosten worden gedragen door"),
                                                    financier)])]

    toestemming = _toestemmingen(dossier, vandaag)
    story.append(p(_("Toestemming voor het delen van gegevens"), s.h2))
    if toestemming:
        story.append(velden([(_("Vastgelegd"), "\n".join(toestemming))]))
    else:
        story.append(p(_("Er is geen toestemming vastgelegd om gegevens te delen. Deel "
                         "geen gegevens zonder overleg met de zorgcoördinator.")))

    story.append(p(_("Contactpersonen"), s.h2))
    contact = [(_("Zorgcoördinator"), "\n".join(
        x for x in (afzender, briefhoofd.organisatie, briefhoofd.contact) if x.strip()))]
    al_genoemd = {id(x) for x in politie + advocaat}
    for partner in dossier.partners:
        if id(partner) in al_genoemd:
            continue
        contact.append((partner.rol or _("Betrokkene"),
                        "\n".join(x for x in (partner.naam, partner.contact) if x.strip())))
    story.append(velden(contact))

    afspraak = behoeften.veiligheid.bij_vertrek.strip()
    story.append(KeepTogether([
        p(_("Als de cliënt vertrekt of vermist raakt"), s.h2),
        *([markup("<b>{}</b> {}".format(esc(_("Afspraak:")), esc(afspraak)))] if afspraak else []),
        p(_("Neem dezelfde dag contact op met de zorgcoördinator. Is er direct gevaar, "
            "bel dan 112 en meld dat het gaat om een slachtoffer van mensenhandel. Geef "
            "de verblijfplaats van de cliënt nooit door aan onbekenden, ook niet aan "
            "mensen die zich als familie of werkgever voorstellen.")),
    ]))

    story.append(KeepTogether([
        Spacer(1, 8 * mm),
        p(_("Met vriendelijke groet,")),
        Spacer(1, 16 * mm),
        p(afzender or "______________________________"),
        p(_("Zorgcoördinator mensenhandel"), s.small),
        p(briefhoofd.organisatie, s.small),
    ]))

    info = DocumentInfo(
        titel=_("Plaatsingsbrief"),
        onderwerp=_("Plaatsing {nummer}").format(nummer=dossier.dossiernummer),
        referentie=dossier.dossiernummer,
        vertrouwelijk=True,
        demo=demo,
    )
    return style.bouw(story, info, briefhoofd, vandaag=vandaag)
