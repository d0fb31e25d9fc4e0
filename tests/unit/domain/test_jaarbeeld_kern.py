"""Year figures that say what they count (issue 12.5, DOMAIN §7)."""

from __future__ import annotations

from datetime import date

from zorgapp.domain import jaarbeeld as jb
from zorgapp.domain.codes import Fase, Sluitreden
from zorgapp.domain.traject import Traject

VANDAAG = date(2026, 6, 1)


def doc(melddatum: str, *, geen_mensenhandel: bool = False, aangemeld: str | None = None) -> dict:
    t = Traject.begin(date.fromisoformat(melddatum), "signaal", "zc", VANDAAG)
    t.overgang(Fase.INTAKE, date.fromisoformat(melddatum), "intake", "zc", VANDAAG)
    if aangemeld:
        t.overgang(Fase.AANGEMELD, date.fromisoformat(aangemeld), "aangemeld", "zc", VANDAAG)
    if geen_mensenhandel:
        t.overgang(Fase.AFGESLOTEN, date.fromisoformat(melddatum), "geen mh", "zc", VANDAAG,
                   sluitreden=Sluitreden.GEEN_MENSENHANDEL)
    return {"persoon": {"geslacht": "vrouw", "gemeente_van_binding": "GM0546"},
            "meldingen": [{"datum": melddatum, "melder_type": "politie", "vormen": ["arbeid"]}],
            "traject": t.to_dict()}


def test_a_case_closed_as_no_trafficking_is_a_signal_not_a_victim() -> None:
    """Seen: the jaarbeeld, titled "Slachtoffers…", counted every dossier."""
    docs = [doc("2025-03-01") for _ in range(10)] + [doc("2025-04-01", geen_mensenhandel=True)
                                                     for _ in range(7)]
    cijfers = jb.tel(docs, [2025])
    assert cijfers.kern[jb.SIGNALEN] == {2025: 17}
    assert cijfers.kern[jb.SLACHTOFFERS] == {2025: 10}
    assert cijfers.totaal == {2025: 10}
    assert cijfers.aantal(jb.VORM, "arbeid", 2025) == 10
    assert cijfers.aantal(jb.GESLACHT, "vrouw", 2025) == 10


def test_registrations_count_in_their_own_year_and_placements_sum_up() -> None:
    docs = [doc("2024-12-20", aangemeld="2025-01-05")] * 6 + [doc("2025-02-01")] * 5
    cijfers = jb.tel_rijen((jb.rij(d) for d in docs), [2024, 2025],
                           plaatsingen_per_jaar={("vo", 2025): 3, ("cosm", 2025): 4})
    assert cijfers.kern[jb.AANMELDINGEN] == {2024: 0, 2025: 6}
    assert cijfers.kern[jb.PLAATSINGEN] == {2024: 0, 2025: 7}
    assert cijfers.kern_cellen()[jb.AANMELDINGEN] == {2024: "0", 2025: "6"}


def test_key_figures_hide_small_counts_and_a_small_difference() -> None:
    docs = [doc("2025-03-01") for _ in range(10)] + [doc("2025-04-01", geen_mensenhandel=True)
                                                     for _ in range(2)]
    docs += [doc("2025-05-01", aangemeld="2025-05-02")] * 3
    cellen = jb.tel(docs, [2025]).kern_cellen()
    assert cellen[jb.AANMELDINGEN] == {2025: "<5"}
    assert cellen[jb.SLACHTOFFERS] == {2025: "13"}
    # 15 signals next to 13 victims would give away the 2 that were not trafficking
    assert cellen[jb.SIGNALEN] == {2025: jb.GEHEIM}
