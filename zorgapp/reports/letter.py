"""Plaatsingsbrief: the letter that goes with a client to the shelter (DOMAIN.md §7).

Only what the shelter needs: never indicators, signals or the journal. The shelter's
own address is printed only when the location is not marked confidential.

One builder per section of DOMAIN.md §7, in the order the letter prints them
(``_SECTIES``); each takes the letter's facts (``_Brief``) and returns its flowables.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from zorgapp.domain.codes import ToestemmingDoel
from zorgapp.domain.dossier import Dossier, Partner
from zorgapp.domain.opvang import (
    FINANCIER_LABELS,
    OPVANG_LABELS,
    PLAATSING_STATUS_LABELS,
    Financier,
    Locatie,
    Plaatsing,
)
from zorgapp.domain.partners import PARTNER_ROL_LABELS, PartnerRol
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
from zorgapp.reports.verblijf_tekst import aangifte, verblijfsstatus


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


#: Words in a partner's name or role that make it the shelter (when no location is named).
_OPVANG = ("opvang", "shelter", "cosm", "omm")


def _is_opvang(partner: Partner, locatie: Locatie | None) -> bool:
    """Whether a partner of the case is the shelter the letter goes to."""
    naam = partner.naam.casefold().strip()
    if locatie is not None and naam:
        for veld in (locatie.organisatie, locatie.naam):
            veld = veld.casefold().strip()
            if veld and (veld in naam or naam in veld):
                return True
    return any(w in f"{naam} {partner.rol.casefold()}" for w in _OPVANG)


def _toestemmingen(dossier: Dossier, op: date, locatie: Locatie | None = None) -> list[str]:
    """Consent in force on ``op`` that covers sharing with the shelter, and only that
    (issue 12.5): consent for CoMensha, statistics or another partner is none of the
    shelter's business and does not allow this letter."""
    opvang = {x.uuid: x.naam for x in dossier.partners if _is_opvang(x, locatie)}
    regels = []
    for t in dossier.toestemmingen:
        if not t.geldig_op(op) or t.doel is not ToestemmingDoel.DELEN_PARTNER:
            continue
        if t.partner not in opvang:
            continue
        wat = _("gegevens delen met {partner}").format(partner=opvang[t.partner])
        regel = _("{wat}, gegeven op {datum}").format(wat=wat, datum=datum(t.datum))
        if t.geldig_tot is not None:
            regel += ", " + _("geldig tot en met {datum}").format(datum=datum(t.geldig_tot))
        regels.append(regel)
    return regels


@dataclass(frozen=True)
class _Brief:
    """What every section of one letter may need."""

    dossier: Dossier
    plaatsing: Plaatsing
    locatie: Locatie | None
    briefhoofd: Briefhoofd
    vandaag: date
    alias: bool
    afzender: str
    gemeente_naam: str
    betaler: str = ""

    @property
    def s(self) -> Styles:
        return Styles.get()

    @property
    def naam(self) -> str:
        return naam_of_alias(self.dossier.persoon, self.alias)

    @cached_property
    def politie(self) -> list[Partner]:
        return self.dossier.partners_in_rol(PartnerRol.POLITIE)

    @cached_property
    def advocaat(self) -> list[Partner]:
        return self.dossier.partners_in_rol(PartnerRol.ADVOCAAT)


def _afzender_en_kenmerk(b: _Brief) -> list[Flowable]:
    """Addressee left, place/date/reference (dossiernummer) right."""
    s, locatie = b.s, b.locatie
    aan = []
    if locatie is not None:
        aan.append(markup(f"<b>{esc(locatie.organisatie)}</b>"))
        aan.append(p(locatie.naam))
        if not locatie.adres_geheim and locatie.adres.strip():
            aan += [p(regel) for regel in locatie.adres.splitlines() if regel.strip()]
    else:
        aan.append(markup("<b>{}</b>".format(esc(_("Aan de opvangorganisatie")))))
    plaats_datum = format_date_long(b.vandaag)
    if b.briefhoofd.plaats:
        plaats_datum = _("{plaats}, {datum}").format(plaats=b.briefhoofd.plaats,
                                                      datum=plaats_datum)
    rechts = [
        p(plaats_datum, s.right),
        p(_("Ons kenmerk: {nummer}").format(nummer=b.dossier.dossiernummer), s.right),
    ]
    kop = Table([[aan, rechts]], splitInRow=1, colWidths=[style.CONTENT_WIDTH * 0.55,
                                             style.CONTENT_WIDTH * 0.45])
    kop.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), fonts.SANS, 9),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ]))
    return [kop, Spacer(1, 7 * mm)]


def _onderwerp(b: _Brief) -> list[Flowable]:
    """Title, subject line and the request to keep the letter confidential."""
    begin = b.plaatsing.van or b.plaatsing.aangevraagd_op or b.vandaag
    return [
        p(_("Plaatsingsbrief"), b.s.title),
        markup("<b>{}</b> {}".format(
            esc(_("Betreft:")),
            esc(_("plaatsing van {naam} per {datum}").format(naam=b.naam,
                                                              datum=datum_lang(begin))))),
        Spacer(1, 3 * mm),
        p(_(
            "Hierbij bevestigen wij de plaatsing van onderstaande cliënt. Deze brief bevat "
            "alleen de gegevens die u voor de opvang nodig heeft. Behandel hem vertrouwelijk "
            "en deel hem niet met derden.")),
    ]


def _client(b: _Brief) -> list[Flowable]:
    """Name or alias, birth, gender, nationality, language, children who come along."""
    persoon = b.dossier.persoon
    talen = ", ".join(taal(t) for t in persoon.talen)
    return [p(_("Cliënt"), b.s.h2), velden([
        (_("Naam") if not b.alias else _("Naam (alias)"), b.naam),
        (_("Geboortedatum"), geboorte(persoon, b.vandaag)),
        (_("Geslacht"), geslacht(persoon.geslacht)),
        (_("Nationaliteit"), ", ".join(land(c) for c in persoon.nationaliteiten)),
        (_("Taal"), talen),
        (_("Tolk nodig"), ja_nee(persoon.tolk_nodig)),
        (_("Kinderen die meekomen"),
         kinderen_mee(b.dossier.opvangbehoeften, b.vandaag, alias=b.alias)),
    ])]


def _juridische_status(b: _Brief) -> list[Flowable]:
    """Legal status, aangifte, police contact, lawyer and CoMensha reference."""
    return [p(_("Juridische status"), b.s.h2), velden([
        (_("Verblijfsstatus"), verblijfsstatus(b.dossier)),
        (_("Aangifte"), aangifte(b.dossier)),
        (_("Contact politie"), _partner_regel(b.politie)),
        (_("Advocaat"), _partner_regel(b.advocaat)),
        (_("Kenmerk CoMensha"),
         b.dossier.opvangbehoeften.comensha_kenmerk or _("nog niet bekend")),
    ])]


def _plaatsing(b: _Brief) -> list[Flowable]:
    """Type, location, start, expected duration and evaluation date."""
    plaatsing, locatie = b.plaatsing, b.locatie
    plaats_rijen = [
        (_("Soort opvang"), label(OPVANG_LABELS, plaatsing.type)),
        (_("Locatie"), "" if locatie is None else f"{locatie.organisatie} – {locatie.naam}"),
        (_("Status"), label(PLAATSING_STATUS_LABELS, plaatsing.status)),
        (_("Ingangsdatum"), datum(plaatsing.van) or _("nog niet bekend")),
        (_("Verwachte duur"), _duur(plaatsing)),
        (_("Evaluatiedatum"), datum(plaatsing.evaluatiedatum) or _("nog niet gepland")),
    ]
    return [p(_("Plaatsing"), b.s.h2), velden(plaats_rijen)]


def _veiligheid(b: _Brief) -> list[Flowable]:
    """Perpetrators nearby, secret address, phone and social-media agreements."""
    return [p(_("Veiligheid"), b.s.h2), velden(veiligheid_rijen(b.dossier.opvangbehoeften))]


def _zorgbehoeften(b: _Brief) -> list[Flowable]:
    """Medical, GGZ, medication, pregnancy; or a line saying none were recorded."""
    zorg = zorg_rijen(b.dossier.opvangbehoeften)
    if zorg:
        return [p(_("Zorgbehoeften"), b.s.h2), velden(zorg)]
    return [p(_("Zorgbehoeften"), b.s.h2),
            p(_("Er zijn geen bijzondere zorgbehoeften vastgelegd. Vraag de "
                "cliënt bij aankomst naar medicijnen en lopende behandelingen."))]


def _financiering(b: _Brief) -> list[Flowable]:
    """Who pays: the payer the allocation uses (``domain.betaler``), as the service
    names it; else the financier, or the paying municipality by name."""
    plaatsing = b.plaatsing
    financier = label(FINANCIER_LABELS, plaatsing.financier)
    if b.betaler:
        financier = b.betaler
    elif plaatsing.financier is Financier.GEMEENTE and (b.gemeente_naam
                                                         or plaatsing.gemeente_code):
        financier = _("Gemeente {naam}").format(naam=b.gemeente_naam or plaatsing.gemeente_code)
    return [p(_("Financiering"), b.s.h2), velden([(_("Kosten worden gedragen door"),
                                                    financier)])]


def _toestemming(b: _Brief) -> list[Flowable]:
    """Consent for sharing in force today (date, scope), or a warning that there is none."""
    toestemming = _toestemmingen(b.dossier, b.vandaag, b.locatie)
    kop = p(_("Toestemming voor het delen van gegevens"), b.s.h2)
    if toestemming:
        return [kop, velden([(_("Vastgelegd"), "\n".join(toestemming))])]
    return [kop, p(_("Er is geen toestemming vastgelegd om gegevens met deze opvang te "
                     "delen. Deel geen gegevens zonder overleg met de zorgcoördinator."))]


def _contactpersonen(b: _Brief) -> list[Flowable]:
    """The coordinator, then every partner not already named as police or lawyer."""
    briefhoofd = b.briefhoofd
    contact = [(_("Zorgcoördinator"), "\n".join(
        x for x in (b.afzender, briefhoofd.organisatie, *briefhoofd.contactregels()) if x.strip()))]
    al_genoemd = {id(x) for x in b.politie + b.advocaat}
    for partner in b.dossier.partners:
        if id(partner) in al_genoemd:
            continue
        rol = _(PARTNER_ROL_LABELS[partner.rol])
        if partner.rol is PartnerRol.ANDERS and partner.toelichting.strip():
            rol = partner.toelichting.strip()
        contact.append((rol,
                        "\n".join(x for x in (partner.naam, partner.contact) if x.strip())))
    return [p(_("Contactpersonen"), b.s.h2), velden(contact)]


def _bij_vertrek(b: _Brief) -> list[Flowable]:
    """What to do if the client leaves or goes missing, with the agreement made."""
    afspraak = b.dossier.opvangbehoeften.veiligheid.bij_vertrek.strip()
    return [KeepTogether([
        p(_("Als de cliënt vertrekt of vermist raakt"), b.s.h2),
        *([markup("<b>{}</b> {}".format(esc(_("Afspraak:")), esc(afspraak)))] if afspraak else []),
        p(_("Neem dezelfde dag contact op met de zorgcoördinator. Is er direct gevaar, "
            "bel dan 112 en meld dat het gaat om een slachtoffer van mensenhandel. Geef "
            "de verblijfplaats van de cliënt nooit door aan onbekenden, ook niet aan "
            "mensen die zich als familie of werkgever voorstellen.")),
    ])]


def _ondertekening(b: _Brief) -> list[Flowable]:
    """Greeting, signature line and the signing coordinator."""
    return [KeepTogether([
        Spacer(1, 8 * mm),
        p(_("Met vriendelijke groet,")),
        Spacer(1, 16 * mm),
        p(b.afzender or "______________________________"),
        p(_("Zorgcoördinator mensenhandel"), b.s.small),
        p(b.briefhoofd.organisatie, b.s.small),
    ])]


#: The letter's sections in print order (DOMAIN.md §7).
_SECTIES: tuple[Callable[[_Brief], list[Flowable]], ...] = (
    _afzender_en_kenmerk,
    _onderwerp,
    _client,
    _juridische_status,
    _plaatsing,
    _veiligheid,
    _zorgbehoeften,
    _financiering,
    _toestemming,
    _contactpersonen,
    _bij_vertrek,
    _ondertekening,
)


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
    betaler: str = "",
) -> bytes:
    """The placement letter as PDF bytes.

    ``alias`` prints the first alias (or initials) instead of the name, for a client
    who must not be known by name at the shelter; ``afzender`` is the coordinator who
    signs; ``gemeente_naam`` names the paying municipality (``plaatsing.gemeente_code``);
    ``betaler``, when given, is the payer as the allocation sees it and wins.
    """
    vandaag = vandaag or date.today()
    brief = _Brief(dossier, plaatsing, locatie, briefhoofd, vandaag, alias, afzender,
                   gemeente_naam, betaler)
    story = [flowable for sectie in _SECTIES for flowable in sectie(brief)]
    info = DocumentInfo(
        titel=_("Plaatsingsbrief"),
        onderwerp=_("Plaatsing {nummer}").format(nummer=dossier.dossiernummer),
        referentie=dossier.dossiernummer,
        vertrouwelijk=True,
        demo=demo,
    )
    return style.bouw(story, info, briefhoofd, vandaag=vandaag)
