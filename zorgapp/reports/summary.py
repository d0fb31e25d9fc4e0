"""Dossieroverzicht: a case on paper, for a handover or the physical file.

Person, path with dates and decisions, placements, partners, consent and open tasks.
Indicators and the journal stay out: they are the most sensitive part of a case and a
handover of those goes through an encrypted bundle, not paper.

One builder per section, in print order (``_SECTIES``); each takes the summary's facts
(``_Overzicht``) and returns its flowables.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from zorgapp.domain.codes import (
    FASE_LABELS,
    MELDER_LABELS,
    SLUITREDEN_LABELS,
    TOESTEMMING_DOEL_LABELS,
    UITBUITINGSVORM_LABELS,
)
from zorgapp.domain.dossier import Dossier, Partner, Toestemming
from zorgapp.domain.opvang import (
    OPVANG_LABELS,
    PLAATSING_STATUS_LABELS,
    Locatie,
    Plaatsing,
)
from zorgapp.domain.partners import PARTNER_ROL_LABELS, PartnerRol
from zorgapp.i18n import _
from zorgapp.reports import style
from zorgapp.reports.behoeften import kind_regel, veiligheid_rijen, zorg_rijen
from zorgapp.reports.style import Briefhoofd, DocumentInfo, Styles, p, tabel, velden
from zorgapp.reports.teksten import (
    datum,
    geboorte,
    geslacht,
    ja_nee,
    label,
    land,
    periode,
    taal,
)


@dataclass(frozen=True)
class _Overzicht:
    """What every section of one case summary may need."""

    dossier: Dossier
    plaatsingen: Sequence[Plaatsing]
    locaties: Mapping[str, Locatie]
    gemeente_namen: Mapping[str, str]
    vandaag: date

    @property
    def s(self) -> Styles:
        return Styles.get()


def _titel(o: _Overzicht) -> list[Flowable]:
    """Case number, the date of this state and the current stage."""
    s, dossier = o.s, o.dossier
    return [
        p(_("Dossieroverzicht {nummer}").format(nummer=dossier.dossiernummer), s.title),
        p(_("Stand van {datum}. Huidige fase: {fase}.").format(
            datum=datum(o.vandaag),
            fase=label(FASE_LABELS, dossier.huidige_fase) or _("geen")), s.small),
        Spacer(1, 3 * mm),
    ]


def _client(o: _Overzicht) -> list[Flowable]:
    """The person, with identifiers and the municipality of binding."""
    persoon = o.dossier.persoon
    binding = persoon.gemeente_van_binding
    return [p(_("Cliënt"), o.s.h2), velden([
        (_("Naam"), persoon.naam),
        (_("Aliassen"), ", ".join(persoon.aliassen)),
        (_("Geboortedatum"), geboorte(persoon, o.vandaag)),
        (_("Geslacht"), geslacht(persoon.geslacht)),
        (_("Nationaliteit"), ", ".join(land(c) for c in persoon.nationaliteiten)),
        (_("Taal"), ", ".join(taal(t) for t in persoon.talen)),
        (_("Tolk nodig"), ja_nee(persoon.tolk_nodig)),
        (_("BSN"), persoon.bsn),
        (_("V-nummer"), persoon.v_nummer),
        (_("Gemeente van binding"),
         f"{o.gemeente_namen.get(binding, binding)} ({binding})" if binding else ""),
    ])]


def _meldingen(o: _Overzicht) -> list[Flowable]:
    """The signals, when there are any."""
    if not o.dossier.meldingen:
        return []
    rijen = [[datum(m.datum), label(MELDER_LABELS, m.melder_type),
              m.melder_organisatie,
              ", ".join(label(UITBUITINGSVORM_LABELS, v) for v in m.vormen)]
             for m in o.dossier.meldingen]
    return [p(_("Meldingen"), o.s.h2),
            tabel([_("Datum"), _("Melder"), _("Organisatie"), _("Vorm")], rijen,
                  [22, 40, 45, 50])]


def _stappen(o: _Overzicht) -> list[Flowable]:
    """The path: every stage with date, reason and author."""
    rijen = []
    for stap in o.dossier.traject.stappen():
        fase = label(FASE_LABELS, stap.fase)
        if stap.heropend:
            fase = _("{fase} (heropend)").format(fase=fase)
        reden = stap.reden
        if stap.sluitreden is not None:
            reden = f"{label(SLUITREDEN_LABELS, stap.sluitreden)}: {reden}"
        rijen.append([datum(stap.datum), fase, reden, stap.auteur])
    return [p(_("Traject"), o.s.h2),
            tabel([_("Datum"), _("Fase"), _("Reden"), _("Door")], rijen, [22, 35, 75, 25])]


def _besluiten(o: _Overzicht) -> list[Flowable]:
    """The legal track under the path (DOMAIN §2a): its steps, then the status in a
    line, read from the track whatever the care stage."""
    from zorgapp.domain import verblijf
    from zorgapp.reports.verblijf_tekst import stap_regel, strafzaak, verblijfsstatus

    story: list[Flowable] = [Spacer(1, 3 * mm), p(_("Verblijf en strafzaak"), o.s.h2)]
    stappen = verblijf.stappen(o.dossier)
    if stappen:
        rijen = [[*stap_regel(e), e.onderbouwing or e.toelichting] for e in stappen]
        story.append(tabel([_("Datum"), _("Stap"), _("Toelichting")], rijen, [22, 80, 55]))
    status = verblijfsstatus(o.dossier)
    om = strafzaak(o.dossier)
    if om:
        status += "; " + _("strafzaak: {uitkomst}").format(uitkomst=om)
    story.append(Spacer(1, 2 * mm))
    story.append(p(_("Verblijfsstatus: {status}.").format(status=status), o.s.small))
    return story


def _opvang_veiligheid_zorg(o: _Overzicht) -> list[Flowable]:
    """CoMensha reference, all children, safety, agreement on leaving, care needs."""
    behoeften = o.dossier.opvangbehoeften
    kinderen = [
        kind_regel(k, o.vandaag) + ("" if k.gaat_mee else " " + _("(komt niet mee)"))
        for k in behoeften.kinderen
    ]
    return [p(_("Opvang, veiligheid en zorg"), o.s.h2), velden([
        (_("Kenmerk CoMensha"), behoeften.comensha_kenmerk),
        (_("Kinderen"), "\n".join(kinderen)),
        *veiligheid_rijen(behoeften),
        (_("Afspraak bij vertrek"), behoeften.veiligheid.bij_vertrek),
        *(zorg_rijen(behoeften) or [(_("Zorgbehoeften"), _("geen vastgelegd"))]),
    ])]


def _plaatsingen(o: _Overzicht) -> list[Flowable]:
    """Placements by start date, with location, period, status and evaluation."""
    kop = p(_("Plaatsingen"), o.s.h2)
    if not o.plaatsingen:
        return [kop, p(_("Geen plaatsingen vastgelegd."))]
    rijen = []
    for pl in sorted(o.plaatsingen, key=lambda x: (x.van or x.aangevraagd_op or date.min)):
        loc = o.locaties.get(pl.locatie_uuid or "")
        rijen.append([
            label(OPVANG_LABELS, pl.type),
            "" if loc is None else f"{loc.organisatie} – {loc.naam}",
            periode(pl.van, pl.tot),
            label(PLAATSING_STATUS_LABELS, pl.status),
            datum(pl.evaluatiedatum),
        ])
    return [kop, tabel([_("Soort"), _("Locatie"), _("Periode"), _("Status"),
                        _("Evaluatie")], rijen, [38, 46, 38, 18, 24])]


def _partners(o: _Overzicht) -> list[Flowable]:
    """Partners with their fixed role and contact, police contact and lawyer first."""
    kop = p(_("Partners"), o.s.h2)
    if not o.dossier.partners:
        return [kop, p(_("Geen partners vastgelegd."))]
    volgorde = list(PartnerRol)
    rijen = [[x.naam, _rol(x), x.contact]
             for x in sorted(o.dossier.partners, key=lambda x: volgorde.index(x.rol))]
    return [kop, tabel([_("Naam"), _("Rol"), _("Contact")], rijen, [50, 40, 60])]


def _rol(partner: Partner) -> str:
    """The fixed role first (police contact and lawyer lead the table), then the note."""
    rol = _(PARTNER_ROL_LABELS[partner.rol])
    return f"{rol} ({partner.toelichting})" if partner.toelichting.strip() else rol


def _toestemming_status(o: _Overzicht, t: Toestemming) -> str:
    """Withdrawn, valid (until), or expired on the summary's date."""
    if t.ingetrokken_op is not None:
        return _("ingetrokken op {datum}").format(datum=datum(t.ingetrokken_op))
    if t.geldig_op(o.vandaag):
        return _("geldig") if t.geldig_tot is None else _(
            "geldig tot en met {datum}").format(datum=datum(t.geldig_tot))
    return _("niet meer geldig")


def _toestemming(o: _Overzicht) -> list[Flowable]:
    """Every consent with its scope, who gave it and whether it holds today."""
    kop = p(_("Toestemming"), o.s.h2)
    dossier = o.dossier
    if not dossier.toestemmingen:
        return [kop, p(_("Geen toestemming vastgelegd."))]
    partners = {x.uuid: x.naam for x in dossier.partners}
    rijen = []
    for t in dossier.toestemmingen:
        doel = label(TOESTEMMING_DOEL_LABELS, t.doel)
        if t.partner:
            doel += ": " + partners.get(t.partner, t.partner)
        rijen.append([datum(t.datum), doel, t.gegeven_door or _("cliënt zelf"),
                      _toestemming_status(o, t)])
    return [kop, tabel([_("Datum"), _("Doel"), _("Gegeven door"), _("Status")], rijen,
                       [22, 65, 35, 35])]


def _open_taken(o: _Overzicht) -> list[Flowable]:
    """Open tasks by deadline."""
    kop = p(_("Open taken"), o.s.h2)
    open_taken = sorted((t for t in o.dossier.taken if t.open), key=lambda t: t.deadline)
    if not open_taken:
        return [kop, p(_("Geen open taken."))]
    return [kop, tabel([_("Deadline"), _("Taak")],
                       [[datum(t.deadline), t.omschrijving] for t in open_taken],
                       [22, 135])]


#: The summary's sections in print order.
_SECTIES: tuple[Callable[[_Overzicht], list[Flowable]], ...] = (
    _titel,
    _client,
    _meldingen,
    _stappen,
    _besluiten,
    _opvang_veiligheid_zorg,
    _plaatsingen,
    _partners,
    _toestemming,
    _open_taken,
)


def dossieroverzicht(
    dossier: Dossier,
    briefhoofd: Briefhoofd,
    *,
    plaatsingen: Sequence[Plaatsing] = (),
    locaties: Mapping[str, Locatie] | None = None,
    gemeente_namen: Mapping[str, str] | None = None,
    demo: bool = False,
    vandaag: date | None = None,
) -> bytes:
    """The case summary as PDF bytes."""
    vandaag = vandaag or date.today()
    overzicht = _Overzicht(dossier, plaatsingen, locaties or {}, gemeente_namen or {},
                           vandaag)
    story = [flowable for sectie in _SECTIES for flowable in sectie(overzicht)]
    info = DocumentInfo(
        titel=_("Dossieroverzicht"),
        onderwerp=_("Dossier {nummer}").format(nummer=dossier.dossiernummer),
        referentie=dossier.dossiernummer,
        vertrouwelijk=True,
        demo=demo,
    )
    return style.bouw(story, info, briefhoofd, vandaag=vandaag)
