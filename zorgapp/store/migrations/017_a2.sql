-- The rates of each placement as one b-tree keyed by (placement, valid from), without
-- a rowid (issue 15): the cost allocation reads the rates of tens of thousands of
-- placements by placement, and a rowid table made every rate two lookups (the key's
-- index, then the row for ``dagtarief``) and stored every rate twice (table and key).
CREATE TABLE plaatsing_tarief_nieuw (
    plaatsing_uuid  TEXT NOT NULL REFERENCES plaatsing (uuid) ON DELETE CASCADE,
    geldig_vanaf    TEXT NOT NULL,
    dagtarief       TEXT NOT NULL,
    PRIMARY KEY (plaatsing_uuid, geldig_vanaf)
) WITHOUT ROWID;
INSERT INTO plaatsing_tarief_nieuw (plaatsing_uuid, geldig_vanaf, dagtarief)
    SELECT plaatsing_uuid, geldig_vanaf, dagtarief FROM plaatsing_tarief;
DROP TABLE plaatsing_tarief;
ALTER TABLE plaatsing_tarief_nieuw RENAME TO plaatsing_tarief;

-- Each placement's and cost post's binding by its dossier's uuid from the index alone:
-- the allocation looks up tens of thousands of dossiers, and the row of each (most
-- of the table's pages, read and decrypted) cost more than the sums themselves.
CREATE INDEX dossier_binding ON dossier (uuid, gemeente);
