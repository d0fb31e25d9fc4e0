"""Demo names that fit the nationality (issue 13: a Moroccan client named "Łukasz
Nowak" was drawn from a random pool, because the rules file has pools for the main
nationalities only). FICTIONAL: very common given and family names per country, with
their diacritics, and the family name's female form where the language has one.
"""

from __future__ import annotations

import random

from zorgapp.domain.codes import Geslacht

#: Pools for the "other" nationalities of the demo (the rules file has the main ones).
EXTRA_POOLS: dict[str, dict[str, list[str]]] = {
    "MA": {"given_f": ["Fatima", "Khadija", "Salma"], "given_m": ["Mohamed", "Youssef", "Hamza"],
           "family": ["El Amrani", "Benali", "Ouali", "Bouzid"]},
    "TR": {"given_f": ["Ayşe", "Elif", "Zeynep"], "given_m": ["Mehmet", "Mustafa", "Emre"],
           "family": ["Yılmaz", "Kaya", "Demir", "Şahin"]},
    "SY": {"given_f": ["Rania", "Lina", "Nour"], "given_m": ["Ahmad", "Omar", "Khaled"],
           "family": ["Al-Hassan", "Haddad", "Darwish"]},
    "AF": {"given_f": ["Zahra", "Maryam", "Shabnam"], "given_m": ["Mohammad", "Farid", "Jawad"],
           "family": ["Ahmadi", "Rahimi", "Hakimi"]},
    "CN": {"given_f": ["Fang", "Jing", "Xiu"], "given_m": ["Wei", "Jun", "Lei"],
           "family": ["Wang", "Zhang", "Liu", "Chen"]},
    "TH": {"given_f": ["Malee", "Siriporn", "Nittaya"], "given_m": ["Somchai", "Somsak", "Anan"],
           "family": ["Saetang", "Srisuk", "Wongsakul"]},
    "PH": {"given_f": ["Maria", "Jocelyn", "Analyn"], "given_m": ["Jose", "Mark", "Jomar"],
           "family": ["Santos", "Reyes", "Dela Cruz"]},
    "LT": {"given_f": ["Rūta", "Jurgita", "Aistė"], "given_m": ["Tomas", "Mantas", "Darius"],
           "family": ["Kazlauskas", "Petrauskas", "Jankauskas"],
           "family_f": ["Kazlauskienė", "Petrauskaitė", "Jankauskienė"]},
    "SK": {"given_f": ["Jana", "Mária", "Zuzana"], "given_m": ["Peter", "Ján", "Marek"],
           "family": ["Horváth", "Kováč", "Varga"],
           "family_f": ["Horváthová", "Kováčová", "Vargová"]},
    "BR": {"given_f": ["Ana", "Juliana", "Camila"], "given_m": ["João", "Lucas", "Gabriel"],
           "family": ["Silva", "Santos", "Oliveira", "Souza"]},
}

#: The main language per nationality (ISO 639-1), so the demo's languages fit too.
LANGUAGE: dict[str, str] = {
    "NL": "nl", "PL": "pl", "RO": "ro", "BG": "bg", "NG": "en", "UA": "uk", "VN": "vi",
    "UG": "en", "ER": "ti", "CO": "es", "VE": "es", "HU": "hu", "MA": "ar", "TR": "tr",
    "SY": "ar", "AF": "fa", "CN": "zh", "TH": "th", "PH": "tl", "LT": "lt", "SK": "sk",
    "BR": "pt",
}


def female_form(land: str, family: str) -> str:
    """Wiśniewski -> Wiśniewska, Ivanov -> Ivanova: how these languages write a woman's name."""
    if land == "PL" and family.endswith(("ski", "cki", "dzki")):
        return family[:-1] + "a"
    if land == "BG" and family.endswith(("ov", "ev")):
        return family + "a"
    return family


def extra_name(land: str, geslacht: Geslacht, rng: random.Random) -> str | None:
    """A name from ``EXTRA_POOLS`` for ``land``, or None when it has no pool either."""
    pool = EXTRA_POOLS.get(land)
    if pool is None:
        return None
    vrouw = geslacht is Geslacht.VROUW
    given = pool["given_f"] if vrouw else pool["given_m"]
    families = pool.get("family_f", pool["family"]) if vrouw else pool["family"]
    return f"{rng.choice(given)} {rng.choice(families)}"


def language(land: str) -> str:
    return LANGUAGE.get(land, "en")
