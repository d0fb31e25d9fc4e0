-- Schema 19: each placement's and cost post's binding by its dossier's uuid from the
-- index alone (issue 15): the allocation looks up tens of thousands of dossiers, and
-- the row of each (most of the table's pages, read and decrypted) cost more than the
-- sums themselves. About 50 bytes a dossier. (The rates' table without a rowid that
-- this step first carried is schema 18's, keyed by the placement's row id.)
CREATE INDEX dossier_binding ON dossier (uuid, gemeente);
