"""Plain words for the audit trail's codes, for people who read it: the client in an
inzage, the privacy officer in an export. Labels are msgids (translated where shown).

The trail's table in the window (``ui.models.logregel_model``) shows field names
through ``veld_woord``; exports keep the names as recorded.
"""

from __future__ import annotations

from zorgapp.domain.errors import N_

HANDELINGEN = {
    "open": N_("geopend"),
    "change": N_("gewijzigd"),
    "create": N_("aangemaakt"),
    "search": N_("gezocht"),
    "print": N_("afgedrukt"),
    "export": N_("geëxporteerd"),
    "import": N_("geïmporteerd"),
    "unlock": N_("ontgrendeld"),
    "lock": N_("vergrendeld"),
    "backup": N_("reservekopie"),
    "restore": N_("teruggezet"),
    "passphrase": N_("wachtwoordzin gewijzigd"),
    "migrate": N_("bijgewerkt"),
    "alarm": N_("logboek klopte niet bij openen"),
    "delete": N_("verwijderd"),
    "hold": N_("bewaarplicht gezet"),
    "release": N_("bewaarplicht opgeheven"),
    "destroy": N_("vernietigd"),
}

UITKOMSTEN = {
    "ok": N_("gelukt"),
    "failed": N_("mislukt"),
    "denied": N_("geweigerd"),
    "letter": N_("plaatsingsbrief"),
    "comensha": N_("aanmelding CoMensha"),
    "summary": N_("dossieroverzicht"),
    "inzage": N_("inzage (art. 15 AVG)"),
    "correctie": N_("correctie (art. 16 AVG)"),
    "beperking": N_("beperking (art. 18 AVG)"),
    "beperking_opgeheven": N_("beperking opgeheven"),
}

GEGEVENS = {
    "dossier": N_("dossier"),
    "plaatsing": N_("plaatsing"),
    "kostenpost": N_("kostenpost"),
    "bijlage": N_("bijlage"),
    "vault": N_("kluis"),
    "schema": N_("schema"),
    "audit": N_("logboek"),
    "briefhoofd": N_("briefhoofd"),
    "dossier_prefix": N_("voorvoegsel dossiernummers"),
}

#: Field names that are words to a reader: notes of ``store/failed_unlocks.py`` and the
#: letterhead's meta keys (``services/organisatie_service.py``).
VELDEN = {
    "unverified": N_("gemeld door het bestandssysteem, niet geverifieerd"),
    "unreadable": N_("bestand met mislukte pogingen onleesbaar"),
    "letter_organisation": N_("organisatie"),
    "letter_address": N_("adres"),
    "letter_phone": N_("telefoon"),
    "letter_contact": N_("e-mail of website"),
    "letter_place": N_("plaats"),
}


def veld_woord(naam: str) -> tuple[str, dict[str, str]]:
    """A recorded field name as (msgid, its values) for a reader; other names stay
    as they are (the msgid is then the name itself, with no values)."""
    if naam in VELDEN:
        return VELDEN[naam], {}
    if naam.startswith("dropped:"):
        return N_("{aantal} meldingen niet overgenomen (ongeldig of te veel)"), {
            "aantal": naam[8:]}
    return naam, {}
