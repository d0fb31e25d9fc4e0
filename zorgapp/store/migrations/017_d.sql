-- Schema 17: smaller vaults (issue 15). A vault of 100,000 cases held the partner index
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

-- The rates of a placement: one row each, keyed as they are looked up, without a second
-- copy of every key in a rowid table (0.07 KB a case).
CREATE TABLE plaatsing_tarief_17 (
    plaatsing_uuid  TEXT NOT NULL REFERENCES plaatsing (uuid) ON DELETE CASCADE,
    geldig_vanaf    TEXT NOT NULL,
    dagtarief       TEXT NOT NULL,
    PRIMARY KEY (plaatsing_uuid, geldig_vanaf)
) WITHOUT ROWID;
INSERT INTO plaatsing_tarief_17 (plaatsing_uuid, geldig_vanaf, dagtarief)
    SELECT plaatsing_uuid, geldig_vanaf, dagtarief FROM plaatsing_tarief
    ORDER BY plaatsing_uuid, geldig_vanaf;
DROP TABLE plaatsing_tarief;
ALTER TABLE plaatsing_tarief_17 RENAME TO plaatsing_tarief;
