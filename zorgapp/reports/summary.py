"""Dossieroverzicht: a case on paper, for a handover or the physical file.

Person, path with dates and decisions, placements, partners, consent and open tasks.
Indicators and the journal stay out: they are the most sensitive part of a case and a
handover of those goes through an encrypted bundle, not paper.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from zorgapp.domain.codes import (
    BESLUIT_SOORT_LABELS,
    BESLUIT_UITKOMST_LABELS,
    FASE_LABELS,
    MELDER_LABELS,
    SLUITREDEN_LABELS,
    TOESTEMMING_DOEL_LABELS,
    UITBUITINGSVORM_LABELS,
)
from zorgapp.domain.dossier import Dossier
from zorgapp.domain.opvang import (
    OPVANG_LABELS,
    PLAATSING_STATUS_LABELS,
    Locatie,
    Plaatsing,
)
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
    s = Styles.get()
    vandaag = vandaag or date.today()
    locaties = locaties or {}
    gemeente_namen = gemeente_namen or {}
    persoon = dossier.persoon
    story: list[Flowable] = [
        p(_("Dossieroverzicht {nummer}").format(nummer=dossier.dossiernummer), s.title),
        p(_("Stand van {datum}. Huidige fase: {fase}.").format(
            datum=datum(vandaag),
            fase=label(FASE_LABELS, dossier.huidige_fase) or _("geen")), s.small),
        Spacer(1, 3 * mm),
    ]

    binding = persoon.gemeente_van_binding
    story += [p(_("Cliënt"), s.h2), velden([
        (_("Naam"), persoon.naam),
        (_("Aliassen"), ", ".join(persoon.aliassen)),
        (_("Geboortedatum"), geboorte(persoon, vandaag)),
        (_("Geslacht"), geslacht(persoon.geslacht)),
        (_("Nationaliteit"), ", ".join(land(c) for c in persoon.nationaliteiten)),
        (_("Taal"), ", ".join(taal(t) for t in persoon.talen)),
        (_("Tolk nodig"), ja_nee(persoon.tolk_nodig)),
        (_("BSN"), persoon.bsn),
        (_("V-nummer"), persoon.v_nummer),
        (_("Gemeente van binding"),
         f"{gemeente_namen.get(binding, binding)} ({binding})" if binding else ""),
    ])]

    if dossier.meldingen:
        story.append(p(_("Meldingen"), s.h2))
        rijen = [[datum(m.datum), label(MELDER_LABELS, m.melder_type),
                  m.melder_organisatie,
                  ", ".join(label(UITBUITINGSVORM_LABELS, v) for v in m.vormen)]
                 for m in dossier.meldingen]
        story.append(tabel([_("Datum"), _("Melder"), _("Organisatie"), _("Vorm")], rijen,
                           [22, 40, 45, 50]))

    story.append(p(_("Traject"), s.h2))
    rijen = []
    for stap in dossier.traject.stappen():
        fase = label(FASE_LABELS, stap.fase)
        if stap.heropend:
            fase = _("{fase} (heropend)").format(fase=fase)
        reden = stap.reden
        if stap.sluitreden is not None:
            reden = f"{label(SLUITREDEN_LABELS, stap.sluitreden)}: {reden}"
        rijen.append([datum(stap.datum), fase, reden, stap.auteur])
    story.append(tabel([_("Datum"), _("Fase"), _("Reden"), _("Door")], rijen,
                       [22, 35, 75, 25]))
    besluiten = dossier.traject.besluiten()
    if besluiten:
        story.append(Spacer(1, 3 * mm))
        rijen = []
        for b in besluiten:
            uitkomst = label(BESLUIT_UITKOMST_LABELS, b.uitkomst)
            if b.geldig_tot is not None:
                uitkomst += " " + _("(geldig tot en met {datum})").format(
                    datum=datum(b.geldig_tot))
            rijen.append([datum(b.datum), label(BESLUIT_SOORT_LABELS, b.soort), uitkomst,
                          b.toelichting])
        story.append(tabel([_("Datum"), _("Besluit"), _("Uitkomst"), _("Toelichting")],
                           rijen, [22, 35, 45, 55]))
    if dossier.traject.bedenktijd_start is not None:
        story.append(Spacer(1, 2 * mm))
        story.append(p(_("Bedenktijd van {van} tot en met {tot}.").format(
            van=datum(dossier.traject.bedenktijd_start),
            tot=datum(dossier.traject.bedenktijd_einde)), s.small))

    behoeften = dossier.opvangbehoeften
    kinderen = [
        kind_regel(k, vandaag) + ("" if k.gaat_mee else " " + _("(komt niet mee)"))
        for k in behoeften.kinderen
    ]
    story += [p(_("Opvang, veiligheid en zorg"), s.h2), velden([
        (_("Kenmerk CoMensha"), behoeften.comensha_kenmerk),
        (_("Kinderen"), "\n".join(kinderen)),
        *veiligheid_rijen(behoeften),
        (_("Afspraak bij vertrek"), behoeften.veiligheid.bij_vertrek),
        *(zorg_rijen(behoeften) or [(_("Zorgbehoeften"), _("geen vastgelegd"))]),
    ])]

    story.append(p(_("Plaatsingen"), s.h2))
    if plaatsingen:
        rijen = []
        for pl in sorted(plaatsingen, key=lambda x: (x.van or x.aangevraagd_op or date.min)):
            loc = locaties.get(pl.locatie_uuid or "")
            rijen.append([
                label(OPVANG_LABELS, pl.type),
                "" if loc is None else f"{loc.organisatie} – {loc.naam}",
                periode(pl.van, pl.tot),
                label(PLAATSING_STATUS_LABELS, pl.status),
                datum(pl.evaluatiedatum),
            ])
        story.append(tabel([_("Soort"), _("Locatie"), _("Periode"), _("Status"),
                            _("Evaluatie")], rijen, [38, 46, 38, 18, 24]))
    else:
        story.append(p(_("Geen plaatsingen vastgelegd.")))

    story.append(p(_("Partners"), s.h2))
    if dossier.partners:
        story.append(tabel([_("Naam"), _("Rol"), _("Contact")],
                           [[x.naam, x.rol, x.contact] for x in dossier.partners],
                           [50, 40, 60]))
    else:
        story.append(p(_("Geen partners vastgelegd.")))

    story.append(p(_("Toestemming"), s.h2))
    if dossier.toestemmingen:
        partners = {x.uuid: x.naam for x in dossier.partners}
        rijen = []
        for t in dossier.toestemmingen:
            doel = label(TOESTEMMING_DOEL_LABELS, t.doel)
            if t.partner:
                doel += ": " + partners.get(t.partner, t.partner)
            if t.ingetrokken_op is not None:
                status = _("ingetrokken op {datum}").format(datum=datum(t.ingetrokken_op))
            elif t.geldig_op(vandaag):
                status = _("geldig") if t.geldig_tot is None else _(
                    "geldig tot en met {datum}").format(datum=datum(t.geldig_tot))
            else:
                status = _("verlopen")
            rijen.append([datum(t.datum), doel, t.gegeven_door or _("cliënt zelf"), status])
        story.append(tabel([_("Datum"), _("Doel"), _("Gegeven door"), _("Status")], rijen,
                           [22, 65, 35, 35]))
    else:
        story.append(p(_("Geen toestemming vastgelegd.")))

    story.append(p(_("Open taken"), s.h2))
    open_taken = sorted((t for t in dossier.taken if t.open), key=lambda t: t.deadline)
    if open_taken:
        story.append(tabel([_("Deadline"), _("Taak")],
                           [[datum(t.deadline), t.omschrijving] for t in open_taken],
                           [22, 135]))
    else:
        story.append(p(_("Geen open taken.")))

    info = DocumentInfo(
        titel=_("Dossieroverzicht"),
        onderwerp=_("Dossier {nummer}").format(nummer=dossier.dossiernummer),
        referentie=dossier.dossiernummer,
        vertrouwelijk=True,
        demo=demo,
    )
    return style.bouw(story, info, briefhoofd, vandaag=vandaag)
