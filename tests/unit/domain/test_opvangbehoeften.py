"""What the shelter needs to know: children, safety, care needs, CoMensha reference."""

from __future__ import annotations

import json
from datetime import date

import pytest

from zorgapp.domain.dossier import Dossier
from zorgapp.domain.errors import DomainError
from zorgapp.domain.opvangbehoeften import (
    Kind,
    Opvangbehoeften,
    Veiligheid,
    Zorgbehoeften,
)

VANDAAG = date(2026, 11, 23)


def _behoeften() -> Opvangbehoeften:
    return Opvangbehoeften(
        comensha_kenmerk="CM-2026-1187",
        kinderen=[Kind(naam="Ionuț Ștefănescu", geboortedatum=date(2021, 3, 2)),
                  Kind(naam="Ana Ștefănescu", geboortedatum=date(2012, 5, 1), gaat_mee=False)],
        veiligheid=Veiligheid(daders_in_de_buurt=True, daders_toelichting="Pooier woont in Leiden",
                              geheim_adres_nodig=True, telefoon_afspraken="Geen sociale media",
                              bij_vertrek="Bel direct de politie"),
        zorg=Zorgbehoeften(medicatie="Sertraline 50 mg", zwanger=True,
                           uitgerekend_op=date(2027, 3, 1)),
    )


def test_round_trip_keeps_unknown_apart_from_no() -> None:
    b = _behoeften()
    b.veiligheid.geheim_adres_nodig = None
    b.zorg.zwanger = False
    b.zorg.uitgerekend_op = None
    terug = Opvangbehoeften.from_dict(json.loads(json.dumps(b.to_dict())))
    assert terug == b
    assert terug.veiligheid.geheim_adres_nodig is None
    assert terug.zorg.zwanger is False


def test_only_children_who_come_along() -> None:
    assert [k.naam for k in _behoeften().kinderen_mee] == ["Ionuț Ștefănescu"]


def test_format_1_dossier_reads_with_empty_needs() -> None:
    oud = Dossier(dossiernummer="HM-2025-0001").to_dict()
    oud["formaat"] = 1
    del oud["opvangbehoeften"]
    dossier = Dossier.from_dict(oud)
    assert dossier.opvangbehoeften == Opvangbehoeften()
    assert dossier.opvangbehoeften.veiligheid.leeg and dossier.opvangbehoeften.zorg.leeg


def test_dossier_round_trip_carries_needs() -> None:
    d = Dossier(dossiernummer="HM-2026-0042", opvangbehoeften=_behoeften())
    assert Dossier.from_dict(d.to_dict()).opvangbehoeften == d.opvangbehoeften


@pytest.mark.parametrize("maak", [
    lambda b: b.kinderen.append(Kind(naam="  ")),
    lambda b: b.kinderen.append(Kind(naam="Baby", geboortedatum=date(2027, 1, 1))),
    lambda b: setattr(b.zorg, "zwanger", None),
])
def test_impossible_input_refused(maak) -> None:
    b = _behoeften()
    b.valideer(VANDAAG)
    maak(b)
    with pytest.raises(DomainError):
        b.valideer(VANDAAG)


def test_yes_no_fields_do_not_guess() -> None:
    """A string "ja" from a damaged file is unknown, not yes."""
    v = Veiligheid.from_dict({"daders_in_de_buurt": "ja", "geheim_adres_nodig": 1})
    assert v.daders_in_de_buurt is None and v.geheim_adres_nodig is None
