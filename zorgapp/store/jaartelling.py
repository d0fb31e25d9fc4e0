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

from collections.abc import Iterator

from zorgapp.domain.jaarbeeld import Marge
from zorgapp.store.connection import Connection

#: Counts again from the index rows (after ``DossierRepository.bulk``, which fills
#: without triggers).
OPNIEUW = (
    "DELETE FROM jaar_telling",
    "INSERT INTO jaar_telling (jaar, soort, categorie, signalen, slachtoffers, geregistreerd) "
    "SELECT jaar, soort, categorie, count(*), sum(slachtoffer), sum(geregistreerd) "
    "FROM jaar_telling_bron GROUP BY 1, 2, 3",
    "DELETE FROM plaatsing_start_telling",
    "INSERT INTO plaatsing_start_telling (type, jaar, aantal) "
    "SELECT type, CAST(substr(van, 1, 4) AS INTEGER), count(*) FROM plaatsing "
    "WHERE van IS NOT NULL GROUP BY 1, 2",
)


def marges(db: Connection, van_jaar: int, tot_jaar: int) -> Iterator[Marge]:
    """The counts of the cases whose first signal falls in the years ``[van_jaar,
    tot_jaar)``, one row per year, dimension (``jaarbeeld.MARGE_*``, the names the
    schema step writes) and category; a count that went to 0 is left out."""
    for jaar, soort, categorie, signalen, slachtoffers, geregistreerd in db.execute(
            "SELECT jaar, soort, categorie, signalen, slachtoffers, geregistreerd "
            "FROM jaar_telling WHERE jaar >= ? AND jaar < ? AND signalen > 0",
            (van_jaar, tot_jaar)):
        yield (int(jaar), str(soort), str(categorie), int(signalen), int(slachtoffers),
               int(geregistreerd))


def starts(db: Connection, van_jaar: int, tot_jaar: int) -> dict[tuple[str, int], int]:
    """Placements that started in the years ``[van_jaar, tot_jaar)``, per type and year."""
    return {(str(soort), int(jaar)): int(aantal) for soort, jaar, aantal in db.execute(
        "SELECT type, jaar, aantal FROM plaatsing_start_telling "
        "WHERE jaar >= ? AND jaar < ? AND aantal > 0", (van_jaar, tot_jaar))}
