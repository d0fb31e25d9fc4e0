-- Schema 6: the signaleringsoverleg (monthly case meeting). Meeting records are personal
-- data and live only here, in the encrypted vault. An agenda item points at its dossier
-- and goes with it when the dossier is destroyed; it never stores the client's name
-- (the agenda shows the case number and initials, read from the dossier index).
CREATE TABLE overleg (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE,
    datum         TEXT NOT NULL,
    organisaties  TEXT NOT NULL DEFAULT '[]',  -- JSON list of the organisations present
    is_demo       INTEGER NOT NULL DEFAULT 0,
    gewijzigd_op  TEXT NOT NULL
);
CREATE INDEX overleg_datum ON overleg (datum);

CREATE TABLE overleg_punt (
    id             INTEGER PRIMARY KEY,
    uuid           TEXT NOT NULL UNIQUE,
    overleg_uuid   TEXT NOT NULL REFERENCES overleg (uuid) ON DELETE CASCADE,
    dossier_uuid   TEXT NOT NULL REFERENCES dossier (uuid) ON DELETE CASCADE,
    volgorde       INTEGER NOT NULL,
    besproken      TEXT NOT NULL DEFAULT '',
    besluiten      TEXT NOT NULL DEFAULT '[]', -- JSON list of decisions (text, owner, due date, task)
    journaal_uuid  TEXT NOT NULL DEFAULT '',
    UNIQUE (overleg_uuid, dossier_uuid)
);
CREATE INDEX overleg_punt_dossier ON overleg_punt (dossier_uuid);
