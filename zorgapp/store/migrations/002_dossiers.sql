-- Schema 2: dossiers. The full case is a JSON document (the same shape as a
-- handover bundle) in dossier_doc; the narrow dossier table beside it is the index for
-- lists, filters and search, small enough to scan quickly at 100,000 cases.
CREATE TABLE dossier (
    id             INTEGER PRIMARY KEY,
    uuid           TEXT NOT NULL UNIQUE,
    dossiernummer  TEXT NOT NULL UNIQUE,
    jaar           INTEGER NOT NULL,
    volgnummer     INTEGER NOT NULL,
    naam           TEXT NOT NULL DEFAULT '',
    aliassen       TEXT NOT NULL DEFAULT '',
    bsn            TEXT NOT NULL DEFAULT '',
    geboortedatum  TEXT,
    geslacht       TEXT NOT NULL DEFAULT '',
    fase           TEXT NOT NULL DEFAULT '',
    fase_sinds     TEXT,
    vormen         TEXT NOT NULL DEFAULT '',   -- space-separated codes
    melder_type    TEXT NOT NULL DEFAULT '',
    gemeente       TEXT NOT NULL DEFAULT '',   -- CBS code of the municipality of binding
    melddatum      TEXT,
    deadline       TEXT,                      -- next deadline, for sorting
    zoektekst      TEXT NOT NULL DEFAULT '',  -- folded name, aliases, number, BSN
    is_demo        INTEGER NOT NULL DEFAULT 0,
    gewijzigd_op   TEXT NOT NULL
);
CREATE TABLE dossier_doc (
    id    INTEGER PRIMARY KEY REFERENCES dossier (id) ON DELETE CASCADE,
    data  TEXT NOT NULL
);
CREATE TABLE dossier_vorm (
    dossier_id  INTEGER NOT NULL REFERENCES dossier (id) ON DELETE CASCADE,
    vorm        TEXT NOT NULL,
    PRIMARY KEY (vorm, dossier_id)
) WITHOUT ROWID;
CREATE INDEX dossier_deadline ON dossier (deadline);
CREATE INDEX dossier_fase ON dossier (fase, naam);
CREATE INDEX dossier_gemeente ON dossier (gemeente);
CREATE INDEX dossier_jaar ON dossier (jaar, volgnummer);
CREATE INDEX dossier_melder ON dossier (melder_type);
CREATE INDEX dossier_naam ON dossier (naam COLLATE NOCASE);
CREATE INDEX dossier_melddatum ON dossier (melddatum);

-- Search over name, aliases, case number and BSN, folded in Python (zoeken.vouw:
-- "stefanescu" finds "Ștefănescu", "lukasz" finds "Łukasz") and again by FTS5.
CREATE VIRTUAL TABLE dossier_fts USING fts5 (
    zoektekst,
    content = 'dossier', content_rowid = 'id',
    tokenize = "unicode61 remove_diacritics 2",
    prefix = '1 2 3'
);
CREATE TRIGGER dossier_fts_insert AFTER INSERT ON dossier BEGIN
    INSERT INTO dossier_fts (rowid, zoektekst) VALUES (new.id, new.zoektekst);
END;
CREATE TRIGGER dossier_fts_delete AFTER DELETE ON dossier BEGIN
    INSERT INTO dossier_fts (dossier_fts, rowid, zoektekst) VALUES ('delete', old.id, old.zoektekst);
END;
CREATE TRIGGER dossier_fts_update AFTER UPDATE OF zoektekst ON dossier BEGIN
    INSERT INTO dossier_fts (dossier_fts, rowid, zoektekst) VALUES ('delete', old.id, old.zoektekst);
    INSERT INTO dossier_fts (rowid, zoektekst) VALUES (new.id, new.zoektekst);
END;
