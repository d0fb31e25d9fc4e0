"""Counts per year kept by triggers, for the year report and the statistics export.

Grouping the index rows of 100,000 cases in SQL took most of the year report's own
time (the rows were read in date order, page by page at random, and grouped on seven
columns). The schema step ``NNN_b.sql`` keeps, per year of the first signal, dimension
and category, how many cases are signals, (presumed) victims and CoMensha-registered
(``jaar_telling``), and placements per type and year of their start
(``plaatsing_start_telling``); reading them takes a few milliseconds. Cases without a
signal are not counted there: the readers open their documents, as before.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from zorgapp.domain import jaarbeeld as jb
from zorgapp.domain.jaarbeeld import Marge
from zorgapp.store.connection import Connection

#: The dimensions, in the order of the columns of the view ``jaar_telling_rij``.
SOORTEN = (jb.MARGE_GESLACHT, jb.MARGE_LEEFTIJD, jb.MARGE_GEMEENTE, jb.MARGE_MELDER,
           jb.MARGE_VORMEN, jb.MARGE_NATIONALITEIT, jb.MARGE_SECTOR)


def tel_opnieuw(db: Connection) -> None:
    """Count again from the index rows, after ``DossierRepository.bulk`` (which fills
    without triggers). Equal rows are counted together in Python: grouping a row per
    case and dimension in SQL took twice as long (2 s at 100,000 cases)."""
    zelfde = Counter(db.execute(
        f"SELECT jaar, {', '.join(SOORTEN)}, slachtoffer, geregistreerd FROM jaar_telling_rij"))
    telling: dict[tuple[int, str, str], list[int]] = {}
    for (jaar, *categorieen, slachtoffer, geregistreerd), n in zelfde.items():
        for soort, categorie in zip(SOORTEN, categorieen, strict=True):
            cel = telling.setdefault((jaar, soort, categorie), [0, 0, 0])
            cel[0] += n
            cel[1] += n * slachtoffer
            cel[2] += n * geregistreerd
    db.execute("DELETE FROM jaar_telling")
    db.executemany("INSERT INTO jaar_telling (jaar, soort, categorie, signalen, slachtoffers, "
                   "geregistreerd) VALUES (?, ?, ?, ?, ?, ?)",
                   [(*sleutel, *aantallen) for sleutel, aantallen in telling.items()])
    db.execute("DELETE FROM plaatsing_start_telling")
    db.execute("INSERT INTO plaatsing_start_telling (type, jaar, aantal) "
               "SELECT type, CAST(substr(van, 1, 4) AS INTEGER), count(*) FROM plaatsing "
               "WHERE van IS NOT NULL GROUP BY 1, 2")


def marges(db: Connection, van_jaar: int, tot_jaar: int) -> Iterator[Marge]:
    """The counts of the cases whose first signal falls in the years ``[van_jaar,
    tot_jaar)``, one row per year, dimension (``jaarbeeld.MARGE_*``, the names the
    schema step writes) and category; a count that went to 0 is left out."""
    for jaar, soort, categorie, signalen, slachtoffers, geregistreerd in db.execute(
            "SELECT jaar, soort, categorie, signalen, slachtoffers, geregistreerd "
            "FROM jaar_telling WHERE jaar >= ? AND jaar < ? AND signalen > 0 "
            "ORDER BY jaar, soort, categorie",  # the key's order: no sort
            (van_jaar, tot_jaar)):
        yield (int(jaar), str(soort), str(categorie), int(signalen), int(slachtoffers),
               int(geregistreerd))


def starts(db: Connection, van_jaar: int, tot_jaar: int) -> dict[tuple[str, int], int]:
    """Placements that started in the years ``[van_jaar, tot_jaar)``, per type and year."""
    return {(str(soort), int(jaar)): int(aantal) for soort, jaar, aantal in db.execute(
        "SELECT type, jaar, aantal FROM plaatsing_start_telling "
        "WHERE jaar >= ? AND jaar < ? AND aantal > 0", (van_jaar, tot_jaar))}
