-- Privacy events of a case (art. 16 corrections, art. 18 restriction on/off).
-- Never updated; removed only with their case (ON DELETE CASCADE: destruction takes them).
CREATE TABLE privacy_event (
    id             INTEGER PRIMARY KEY,
    uuid           TEXT NOT NULL UNIQUE,
    dossier_uuid   TEXT NOT NULL REFERENCES dossier (uuid) ON DELETE CASCADE,
    soort          TEXT NOT NULL,
    datum          TEXT NOT NULL,
    reden          TEXT NOT NULL,
    velden         TEXT NOT NULL DEFAULT '[]',  -- JSON list of field names, never values
    auteur         TEXT NOT NULL DEFAULT '',
    vastgelegd_op  TEXT NOT NULL
);
CREATE INDEX privacy_event_dossier ON privacy_event (dossier_uuid, id);
