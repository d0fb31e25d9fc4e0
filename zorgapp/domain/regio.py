"""Municipalities, the region they form, and where their inhabitant figures come from.

Municipalities merge almost every year; a dossier bound to a municipality that no
longer exists is charged to its successor, so a merger never makes costs vanish.
The shared municipality list is read here (``lees_gemeenten_csv``); inhabitant
figures from CBS StatLine exports, whose layout varies with the options the user
clicked, are read by the deliberately tolerant ``cbs.lees_cbs_bevolking``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from zorgapp.domain.errors import N_, DomainError

_CODE = re.compile(r"^\s*(?:GM)?\s*(\d{1,4})\s*$", re.IGNORECASE)
_GETAL = re.compile(r"^\d{1,3}(?:[.\s\u00a0\u202f,]\d{3})+$|^\d+$")


def normaliseer_cbs_code(code: str) -> str:
    """``"GM0546"`` from ``"gm0546"``, ``"0546"`` or ``"546"``: one spelling everywhere."""
    match = _CODE.match(str(code))
    if not match:
        raise DomainError(
            N_("'{code}' is geen CBS-gemeentecode (GM gevolgd door vier cijfers)."),
            code=code,
        )
    return "GM" + match.group(1).zfill(4)


@dataclass(frozen=True)
class Gemeente:
    """A municipality with its inhabitants on a reference date (1 January)."""

    cbs_code: str
    naam: str
    inwoners: int | None = None
    peildatum: date | None = None
    opgegaan_in: str | None = None
    veiligheidsregio: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "cbs_code", normaliseer_cbs_code(self.cbs_code))
        if self.opgegaan_in is not None:
            object.__setattr__(
                self, "opgegaan_in", normaliseer_cbs_code(self.opgegaan_in)
            )
            if self.opgegaan_in == self.cbs_code:
                raise DomainError(
                    N_("Gemeente {code} kan niet in zichzelf opgaan."),
                    code=self.cbs_code,
                )
        if self.inwoners is not None and (
            isinstance(self.inwoners, bool) or self.inwoners < 0
        ):
            raise DomainError(
                N_("Het aantal inwoners van {naam} mag niet negatief zijn."),
                naam=self.naam,
            )

    @property
    def actief(self) -> bool:
        """Still exists: merged municipalities get no share themselves."""
        return self.opgegaan_in is None


def opvolger(gemeenten: Mapping[str, Gemeente], code: str) -> str:
    """The municipality that carries ``code`` today, following merger after merger.

    A code unknown to ``gemeenten`` is returned as it is (normalised): the caller decides
    what "outside the region" means. A cycle is a data error and refused.
    """
    huidig = normaliseer_cbs_code(code)
    gezien = [huidig]
    while True:
        gemeente = gemeenten.get(huidig)
        if gemeente is None or gemeente.opgegaan_in is None:
            return huidig
        huidig = gemeente.opgegaan_in
        if huidig in gezien:
            raise DomainError(
                N_(
                    "De fusies van gemeente {code} lopen in een kring ({keten}); controleer de gemeentelijst."
                ),
                code=gezien[0],
                keten=" → ".join([*gezien, huidig]),
            )
        gezien.append(huidig)


@dataclass(frozen=True)
class Regio:
    """The municipalities that share the costs of one coordinator's cases."""

    naam: str
    gemeenten: dict[str, Gemeente] = field(default_factory=dict)

    def __post_init__(self) -> None:
        genormaliseerd: dict[str, Gemeente] = {}
        for gemeente in self.gemeenten.values():
            genormaliseerd[gemeente.cbs_code] = gemeente
        object.__setattr__(self, "gemeenten", dict(sorted(genormaliseerd.items())))
        for code in self.gemeenten:
            opvolger(self.gemeenten, code)  # refuse cycles early

    def opvolger(self, code: str) -> str:
        return opvolger(self.gemeenten, code)

    def actieve_gemeenten(self) -> list[Gemeente]:
        """Municipalities that take a share, by CBS code."""
        return [g for g in self.gemeenten.values() if g.actief]

    def bevat(self, code: str) -> bool:
        """Whether ``code`` (after mergers) is a municipality of this region that still exists."""
        try:
            huidig = self.opvolger(code)
        except DomainError:
            return False
        gemeente = self.gemeenten.get(huidig)
        return gemeente is not None and gemeente.actief

    def met_inwoners(
        self, inwoners: Mapping[str, int], peildatum: date | None = None
    ) -> Regio:
        """A copy with inhabitant figures replaced where ``inwoners`` has them."""
        nieuw: dict[str, Gemeente] = {}
        for code, gemeente in self.gemeenten.items():
            if code in inwoners:
                gemeente = replace(
                    gemeente, inwoners=int(inwoners[code]), peildatum=peildatum
                )
            nieuw[code] = gemeente
        return Regio(self.naam, nieuw)

    @classmethod
    def uit_veiligheidsregio(
        cls, naam: str, gemeenten: Mapping[str, Gemeente], veiligheidsregio: str
    ) -> Regio:
        """The region of all municipalities in one veiligheidsregio (Hollands Midden = VR16)."""
        gekozen = {
            c: g for c, g in gemeenten.items() if g.veiligheidsregio == veiligheidsregio
        }
        if not gekozen:
            raise DomainError(
                N_("Geen gemeenten gevonden in veiligheidsregio {code}."),
                code=veiligheidsregio,
            )
        return cls(naam, gekozen)


# --- reading files ---------------------------------------------------------------------


def _tekst(path_or_text: str | Path) -> str:
    if isinstance(path_or_text, Path):
        return path_or_text.read_text(encoding="utf-8-sig")
    if (
        "\n" not in path_or_text
        and "\r" not in path_or_text
        and Path(path_or_text).is_file()
    ):
        return Path(path_or_text).read_text(encoding="utf-8-sig")
    return path_or_text.lstrip("\ufeff")


def scheidingsteken(tekst: str) -> str:
    """The delimiter that gives the most rows of the same width (at least two columns)."""
    beste, beste_score = ",", -1
    regels = [r for r in tekst.splitlines() if r.strip()][:50]
    for teken in (";", "\t", ","):
        rijen = list(csv.reader(regels, delimiter=teken))
        breedtes: dict[int, int] = {}
        for rij in rijen:
            if len(rij) >= 2:
                breedtes[len(rij)] = breedtes.get(len(rij), 0) + 1
        score = max(breedtes.values(), default=0)
        if score > beste_score:
            beste, beste_score = teken, score
    return beste


def geheel_getal(cel: str) -> int | None:
    schoon = cel.strip()
    if not _GETAL.match(schoon):
        return None
    return int(re.sub(r"\D", "", schoon))


@dataclass(frozen=True)
class _Kolommen:
    """The header names of the municipality list's columns (None: not in the file)."""

    code: str
    naam: str
    inwoners: str | None
    peildatum: str | None
    opgegaan_in: str | None
    veiligheidsregio: str | None

    @classmethod
    def uit_kop(cls, veldnamen: list[str] | None) -> _Kolommen:
        """Columns by name, case-insensitive; code and name are required."""
        velden = {(v or "").strip().lower(): v for v in (veldnamen or [])}

        def kolom(*namen: str) -> str | None:
            return next((velden[naam] for naam in namen if naam in velden), None)

        code = kolom("gm_code", "cbs_code", "gemeentecode", "code")
        naam = kolom("gemeentenaam", "naam", "gemeente")
        if code is None or naam is None:
            raise DomainError(
                N_("Het bestand heeft geen kolommen voor gemeentecode en gemeentenaam.")
            )
        return cls(
            code=code,
            naam=naam,
            inwoners=kolom("inwoners", "inwoners_demo"),
            peildatum=kolom("peildatum"),
            opgegaan_in=kolom("opgegaan_in"),
            veiligheidsregio=kolom("veiligheidsregio_code", "veiligheidsregio"),
        )


def _cel(rij: Mapping[str, str | None], kolom: str | None) -> str:
    """A cell's text without surrounding space; empty when the column is absent."""
    return (rij.get(kolom) or "").strip() if kolom else ""


def _gemeente_uit_rij(
    rij: Mapping[str, str | None], nummer: int, kol: _Kolommen
) -> Gemeente:
    """One line of the list; a bad number or date names the line it is on."""
    inwoners_cel = _cel(rij, kol.inwoners)
    inwoners = geheel_getal(inwoners_cel) if inwoners_cel else None
    if inwoners_cel and inwoners is None:
        raise DomainError(
            N_("Regel {regel}: '{waarde}' is geen aantal inwoners."),
            regel=nummer,
            waarde=inwoners_cel,
        )
    peil_cel = _cel(rij, kol.peildatum)
    try:
        peildatum = date.fromisoformat(peil_cel) if peil_cel else None
    except ValueError:
        raise DomainError(
            N_("Regel {regel}: '{waarde}' is geen datum (JJJJ-MM-DD)."),
            regel=nummer,
            waarde=peil_cel,
        ) from None
    return Gemeente(
        cbs_code=_cel(rij, kol.code),
        naam=_cel(rij, kol.naam),
        inwoners=inwoners,
        peildatum=peildatum,
        opgegaan_in=_cel(rij, kol.opgegaan_in) or None,
        veiligheidsregio=_cel(rij, kol.veiligheidsregio) or None,
    )


def lees_gemeenten_csv(path_or_text: str | Path) -> dict[str, Gemeente]:
    """Municipalities from the shared ``gemeenten_2025.csv`` layout (or the demo file).

    Columns by name: ``gm_code`` (or ``gemeentecode``), ``gemeentenaam``, optional
    ``inwoners`` / ``inwoners_demo``, ``peildatum`` (ISO), ``opgegaan_in`` and
    ``veiligheidsregio_code``; empty cells mean unknown.
    """
    tekst = _tekst(path_or_text)
    lezer = csv.DictReader(io.StringIO(tekst), delimiter=scheidingsteken(tekst))
    kolommen = _Kolommen.uit_kop(list(lezer.fieldnames or []))
    gemeenten: dict[str, Gemeente] = {}
    for nummer, rij in enumerate(lezer, start=2):
        if not _cel(rij, kolommen.code):
            continue
        gemeente = _gemeente_uit_rij(rij, nummer, kolommen)
        gemeenten[gemeente.cbs_code] = gemeente
    if not gemeenten:
        raise DomainError(N_("Het bestand bevat geen gemeenten."))
    for code in gemeenten:
        opvolger(gemeenten, code)
    return dict(sorted(gemeenten.items()))
