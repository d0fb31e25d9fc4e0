"""Attachments (bijlagen) of a dossier: a signed consent form, an IND letter, a police report.

An attachment lives only inside the vault (encrypted with it, never as a file beside
it) and travels in case bundles. The rules here are the ones the GUI, the command line
and a bundle import all obey: a size limit per file, a plain file name without a
folder, a short description, and a type (MIME) taken from the content where it can be
recognised, because a name may lie and the viewer must know what it shows.
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime

from zorgapp.domain.errors import N_, DomainError

MB = 1024 * 1024
#: The size limit per attachment, in the unit the message names (25 MB).
MAX_MB = 25
MAX_GROOTTE = MAX_MB * MB
MAX_NAAM = 200
MAX_OMSCHRIJVING = 300
ONBEKEND_TYPE = "application/octet-stream"
PDF = "application/pdf"
#: Images Qt reads without extra plugins: shown in the app.
AFBEELDINGEN = ("image/png", "image/jpeg", "image/gif", "image/bmp")

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"BM", "image/bmp"),
)
_TYPE = re.compile(r"^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$")


@dataclass(frozen=True)
class Bijlage:
    """What is known about an attachment besides its content."""

    uuid: str
    dossier_uuid: str
    naam: str
    type: str
    grootte: int
    toegevoegd_op: str          # UTC, ISO 8601 with offset
    omschrijving: str = ""
    sha256: str = ""

    @property
    def is_pdf(self) -> bool:
        return self.type == PDF

    @property
    def is_afbeelding(self) -> bool:
        return self.type in AFBEELDINGEN

    @property
    def te_bekijken(self) -> bool:
        return self.is_pdf or self.is_afbeelding


def schone_naam(naam: str) -> str:
    """The file name without any folder, control characters or surrounding blanks."""
    basis = re.split(r"[\\/]", naam or "")[-1]
    basis = "".join(c for c in unicodedata.normalize("NFC", basis)
                    if unicodedata.category(c)[0] != "C").strip().strip(".")
    if len(basis) > MAX_NAAM:
        stam, punt, ext = basis.rpartition(".")
        basis = (stam[:MAX_NAAM - len(ext) - 1] + "." + ext) if punt and len(ext) <= 10 else basis[:MAX_NAAM]
    return basis or "bijlage"


def bepaal_type(naam: str, begin: bytes) -> str:
    """The MIME type from the first bytes when they are recognised, else from the name."""
    for magic, soort in _MAGIC:
        if begin.startswith(magic):
            return soort
    guessed = mimetypes.guess_type(naam, strict=False)[0]
    return guessed if guessed and _TYPE.match(guessed) else ONBEKEND_TYPE


def mb_naar_boven(grootte: int) -> int:
    """Whole megabytes, rounded up: a file just over the limit never reads "25 MB"."""
    return -(-grootte // MB)


def controleer_grootte(naam: str, grootte: int) -> None:
    """Refuse an empty file and one over the limit (before anything is stored)."""
    if grootte <= 0:
        raise DomainError(N_("Het bestand {naam} is leeg en is niet toegevoegd."), naam=naam)
    if grootte > MAX_GROOTTE:
        raise DomainError(
            N_("Het bestand {naam} is {grootte} MB; een bijlage mag hoogstens {max} MB zijn. "
               "Er is niets toegevoegd."),
            naam=naam, grootte=mb_naar_boven(grootte), max=MAX_MB)


def controleer_omschrijving(omschrijving: str) -> str:
    tekst = " ".join((omschrijving or "").split())
    if len(tekst) > MAX_OMSCHRIJVING:
        raise DomainError(N_("De omschrijving van een bijlage is hoogstens {max} tekens."),
                          max=MAX_OMSCHRIJVING)
    return tekst


def controleer(bijlage: Bijlage, data: bytes) -> None:
    """An attachment from elsewhere (a bundle) obeys the same rules as one added here."""
    controleer_grootte(bijlage.naam, len(data))
    controleer_omschrijving(bijlage.omschrijving)
    if (bijlage.grootte != len(data) or schone_naam(bijlage.naam) != bijlage.naam
            or not _TYPE.match(bijlage.type)):
        raise DomainError(N_("De bijlage {naam} klopt niet (naam, type of grootte)."),
                          naam=bijlage.naam[:MAX_NAAM])
    try:
        datetime.fromisoformat(bijlage.toegevoegd_op.replace("Z", "+00:00"))
    except ValueError:
        raise DomainError(N_("De bijlage {naam} klopt niet (naam, type of grootte)."),
                          naam=bijlage.naam[:MAX_NAAM]) from None


def nieuwe_bijlage(uuid: str, dossier_uuid: str, naam: str, data: bytes,
                   omschrijving: str = "", nu: datetime | None = None) -> Bijlage:
    """Check a file the user chose and describe it; refuses before anything is stored."""
    naam = schone_naam(naam)
    controleer_grootte(naam, len(data))
    moment = (nu or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    return Bijlage(uuid=uuid, dossier_uuid=dossier_uuid, naam=naam,
                   type=bepaal_type(naam, data[:16]), grootte=len(data),
                   toegevoegd_op=moment.isoformat(), omschrijving=controleer_omschrijving(omschrijving),
                   sha256=hashlib.sha256(data).hexdigest())
