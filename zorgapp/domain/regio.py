"""Municipalities, the region they form, and where their inhabitant figures come from.

Municipalities merge almost every year; a dossier bound to a municipality that no
longer exists is charged to its successor, so a merger never makes costs vanish.
Inhabitant figures come from CBS StatLine exports, whose layout varies with the
options the user clicked, so the reader is deliberately tolerant.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from zorgapp.domain.errors import N_, DomainError

_CODE = re.compile(r"^\s*(?:GM)?\s*(\d{1,4})\s*$", re.IGNORECASE)
_CODE_IN_CEL = re.compile(r"^\s*GM\s*(\d{4})\s*$", re.IGNORECASE)
_GETAL = re.compile(r"^\d{1,3}(?:[.\s\u00a0\u202f,]\d{3})+$|^\d+$")
_JAAR = re.compile(r"(\d{4})")


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


def _scheidingsteken(tekst: str) -> str:
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


def _geheel_getal(cel: str) -> int | None:
    schoon = cel.strip()
    if not _GETAL.match(schoon):
        return None
    return int(re.sub(r"\D", "", schoon))


def lees_gemeenten_csv(path_or_text: str | Path) -> dict[str, Gemeente]:
    """Municipalities from the shared ``gemeenten_2025.csv`` layout (or the demo file).

    Columns by name: ``gm_code`` (or ``gemeentecode``), ``gemeentenaam``, optional
    ``inwoners`` / ``inwoners_demo``, ``peildatum`` (ISO), ``opgegaan_in`` and
    ``veiligheidsregio_code``; empty cells mean unknown.
    """
    tekst = _tekst(path_or_text)
    lezer = csv.DictReader(io.StringIO(tekst), delimiter=_scheidingsteken(tekst))
    velden = {(v or "").strip().lower(): v for v in (lezer.fieldnames or [])}

    def kolom(*namen: str) -> str | None:
        for naam in namen:
            if naam in velden:
                return velden[naam]
        return None

    code_kol = kolom("gm_code", "cbs_code", "gemeentecode", "code")
    naam_kol = kolom("gemeentenaam", "naam", "gemeente")
    if code_kol is None or naam_kol is None:
        raise DomainError(
            N_("Het bestand heeft geen kolommen voor gemeentecode en gemeentenaam.")
        )
    inw_kol = kolom("inwoners", "inwoners_demo")
    peil_kol = kolom("peildatum")
    opg_kol = kolom("opgegaan_in")
    vr_kol = kolom("veiligheidsregio_code", "veiligheidsregio")

    gemeenten: dict[str, Gemeente] = {}
    for nummer, rij in enumerate(lezer, start=2):
        code = (rij.get(code_kol) or "").strip()
        if not code:
            continue
        inwoners_cel = (rij.get(inw_kol) or "").strip() if inw_kol else ""
        inwoners = _geheel_getal(inwoners_cel) if inwoners_cel else None
        if inwoners_cel and inwoners is None:
            raise DomainError(
                N_("Regel {regel}: '{waarde}' is geen aantal inwoners."),
                regel=nummer,
                waarde=inwoners_cel,
            )
        peil_cel = (rij.get(peil_kol) or "").strip() if peil_kol else ""
        try:
            peildatum = date.fromisoformat(peil_cel) if peil_cel else None
        except ValueError:
            raise DomainError(
                N_("Regel {regel}: '{waarde}' is geen datum (JJJJ-MM-DD)."),
                regel=nummer,
                waarde=peil_cel,
            ) from None
        gemeente = Gemeente(
            cbs_code=code,
            naam=(rij.get(naam_kol) or "").strip(),
            inwoners=inwoners,
            peildatum=peildatum,
            opgegaan_in=((rij.get(opg_kol) or "").strip() or None) if opg_kol else None,
            veiligheidsregio=((rij.get(vr_kol) or "").strip() or None)
            if vr_kol
            else None,
        )
        gemeenten[gemeente.cbs_code] = gemeente
    if not gemeenten:
        raise DomainError(N_("Het bestand bevat geen gemeenten."))
    for code in gemeenten:
        opvolger(gemeenten, code)
    return dict(sorted(gemeenten.items()))


def naam_sleutel(naam: str) -> str:
    """A name for matching only: no accents, case, punctuation or CBS's "(gemeente)" tag."""
    zonder = unicodedata.normalize("NFKD", naam)
    zonder = "".join(c for c in zonder if not unicodedata.combining(c)).casefold()
    zonder = re.sub(r"\(\s*gemeente\s*\)", "", zonder)
    return re.sub(r"[^a-z0-9]+", "", zonder)


@dataclass(frozen=True)
class CbsBevolking:
    """Result of reading a CBS export: figures, their date when the file says, and misses."""

    inwoners: dict[str, int]
    peildatum: date | None
    niet_herkend: list[str]


def lees_cbs_bevolking(
    text: str, gemeenten: Mapping[str, Gemeente] | None = None
) -> CbsBevolking:
    """Read a CBS StatLine "Bevolking op 1 januari" export, whatever options made it.

    Accepts ``;``, ``,`` or tab, quoted or not, title and footer lines around the table,
    a region cell that is a GM code (``"GM0546  "``) or a name (``"Leiden"``,
    ``"Groningen (gemeente)"``; names need ``gemeenten`` to find their code), and
    numbers with dots or spaces between thousands. With a period column the latest
    period wins and gives the reference date (1 January of that year).
    """
    tekst = text.lstrip("\ufeff")
    teken = _scheidingsteken(tekst)
    rijen = [
        r
        for r in csv.reader(io.StringIO(tekst), delimiter=teken)
        if any(c.strip() for c in r)
    ]
    namen = {naam_sleutel(g.naam): g.cbs_code for g in (gemeenten or {}).values()}

    # The header is the last row before the data that names a population column; title
    # lines (one cell) and footers ("Bron: CBS") do not count.
    getal_kol: int | None = None
    periode_kol: int | None = None
    for rij in rijen:
        if any(
            _CODE_IN_CEL.match(c) or naam_sleutel(c) in namen for c in rij if c.strip()
        ):
            break
        kop = [c.strip().casefold() for c in rij]
        kandidaten = [
            i for i, c in enumerate(kop) if "bevolking" in c or "inwoners" in c
        ]
        if kandidaten and len(rij) >= 2:
            getal_kol = kandidaten[-1]
            perioden = [
                i
                for i, c in enumerate(kop)
                if "periode" in c or c in ("jaar", "perioden")
            ]
            periode_kol = perioden[0] if perioden else None

    gevonden: dict[str, tuple[str, int]] = {}
    niet_herkend: list[str] = []
    for rij in rijen:
        cellen = [c.strip() for c in rij]
        code: str | None = None
        regio_index: int | None = None
        for i, cel in enumerate(cellen):
            if _CODE_IN_CEL.match(cel):
                code, regio_index = normaliseer_cbs_code(cel), i
                break
        if code is None:
            for i, cel in enumerate(cellen):
                if cel and naam_sleutel(cel) in namen:
                    code, regio_index = namen[naam_sleutel(cel)], i
                    break
        aantal: int | None = None
        if (
            getal_kol is not None
            and getal_kol < len(cellen)
            and getal_kol != regio_index
        ):
            aantal = _geheel_getal(cellen[getal_kol])
        if aantal is None and getal_kol is None:
            # No header: the rightmost whole number that is not the region cell.
            for i in range(len(cellen) - 1, -1, -1):
                if (
                    i != regio_index
                    and (waarde := _geheel_getal(cellen[i])) is not None
                ):
                    aantal = waarde
                    break
        if code is None:
            eerste = next((c for c in cellen if c), "")
            if aantal is not None and eerste and _geheel_getal(eerste) is None:
                niet_herkend.append(eerste)
            continue
        if aantal is None:
            continue
        periode = ""
        if (
            periode_kol is not None
            and periode_kol < len(cellen)
            and periode_kol != regio_index
        ):
            periode = cellen[periode_kol]
        vorige = gevonden.get(code)
        if vorige is None or periode >= vorige[0]:
            gevonden[code] = (periode, aantal)

    if not gevonden:
        raise DomainError(
            N_(
                "In dit bestand staan geen bruikbare inwoneraantallen. Exporteer uit CBS "
                "StatLine 'Bevolking op 1 januari' per gemeente als CSV."
            )
        )
    gevonden_perioden = {p for p, _ in gevonden.values() if p}
    peildatum: date | None = None
    if len(gevonden_perioden) == 1:
        jaar = _JAAR.search(gevonden_perioden.pop())
        if jaar:
            peildatum = date(int(jaar.group(1)), 1, 1)
    return CbsBevolking(
        inwoners={code: aantal for code, (_, aantal) in sorted(gevonden.items())},
        peildatum=peildatum,
        niet_herkend=niet_herkend,
    )


def lees_cbs_bevolking_csv(
    text: str, gemeenten: Mapping[str, Gemeente] | None = None
) -> dict[str, int]:
    """Inhabitants per CBS code from a StatLine export; see :func:`lees_cbs_bevolking`."""
    return lees_cbs_bevolking(text, gemeenten).inwoners
