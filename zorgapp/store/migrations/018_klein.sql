-- Schema 18: smaller vaults (issue 15). Documents are written from now on with their
-- uuids taken out as 16 bytes each (doc_codec DEFLATE_UUIDS, a seventh smaller): no
-- table changes for that, but an older Zorgapp, which cannot unpack them, must refuse
-- the vault as made by a newer version. Documents already stored stay as they are.
-- A vault of 100,000 cases held the partner index
-- as text: the organisation's uuid (36 bytes) and the role, twice (table and index),
-- 0.29 KB a case. Now both are small numbers into two lookup tables that grow by one
-- row per organisation or role ever linked (an organisation removed from the address
-- book keeps its number: documents may still name it). The table is keyed by case, so
-- a large import appends to it; the index by organisation serves the filter and the
-- caseload.
CREATE TABLE partner_sleutel (
    id    INTEGER PRIMARY KEY,
    uuid  TEXT NOT NULL UNIQUE
);
CREATE TABLE partner_rol (
    id   INTEGER PRIMARY KEY,
    rol  TEXT NOT NULL UNIQUE
);
INSERT INTO partner_sleutel (uuid)
    SELECT DISTINCT organisatie FROM dossier_partner ORDER BY organisatie;
INSERT INTO partner_rol (rol) SELECT DISTINCT rol FROM dossier_partner ORDER BY rol;
CREATE TABLE dossier_partner_17 (
    dossier_id      INTEGER NOT NULL REFERENCES dossier (id) ON DELETE CASCADE,
    organisatie_id  INTEGER NOT NULL REFERENCES partner_sleutel (id),
    rol_id          INTEGER NOT NULL REFERENCES partner_rol (id),
    PRIMARY KEY (dossier_id, organisatie_id, rol_id)
) WITHOUT ROWID;
INSERT INTO dossier_partner_17 (dossier_id, organisatie_id, rol_id)
    SELECT p.dossier_id, s.id, r.id FROM dossier_partner p
    JOIN partner_sleutel s ON s.uuid = p.organisatie JOIN partner_rol r ON r.rol = p.rol
    ORDER BY p.dossier_id, s.id, r.id;
DROP TABLE dossier_partner;
ALTER TABLE dossier_partner_17 RENAME TO dossier_partner;
CREATE INDEX dossier_partner_organisatie ON dossier_partner (organisatie_id, rol_id);

-- The rates of a placement, keyed by the placement's row id instead of its uuid text,
-- without a second copy of every key in a rowid table: a third of the size (0.04 KB a
-- case), in the placements' order, and joined on an integer by the cost allocation.
CREATE TABLE plaatsing_tarief_17 (
    plaatsing_id  INTEGER NOT NULL REFERENCES plaatsing (id) ON DELETE CASCADE,
    geldig_vanaf  TEXT NOT NULL,
    dagtarief     TEXT NOT NULL,
    PRIMARY KEY (plaatsing_id, geldig_vanaf)
) WITHOUT ROWID;
INSERT INTO plaatsing_tarief_17 (plaatsing_id, geldig_vanaf, dagtarief)
    SELECT p.id, t.geldig_vanaf, t.dagtarief FROM plaatsing_tarief t
    JOIN plaatsing p ON p.uuid = t.plaatsing_uuid ORDER BY p.id, t.geldig_vanaf;
DROP TABLE plaatsing_tarief;
ALTER TABLE plaatsing_tarief_17 RENAME TO plaatsing_tarief;

-- Never used: every count of cases in bedenktijd asks for open cases only, which the
-- partial index dossier_open_bedenktijd (schema 15) covers.
DROP INDEX dossier_bedenktijd;

-- The search index without its per-row token counts (columnsize = 0): they serve only
-- ranking by bm25, which the dossier list never asks for (0.01 KB a case).
DROP TABLE dossier_fts;
CREATE VIRTUAL TABLE dossier_fts USING fts5 (
    zoektekst,
    content = 'dossier', content_rowid = 'id',
    tokenize = "unicode61 remove_diacritics 2",
    prefix = '1 2 3',
    columnsize = 0
);
INSERT INTO dossier_fts (dossier_fts) VALUES ('rebuild');
