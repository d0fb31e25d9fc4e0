"""Plain words for the audit trail's codes, for people who read it: the client in an
inzage, the privacy officer in an export. Labels are msgids (translated where shown).

The audit table model (``ui.models.audit_model``) takes its words from here too.
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
}
