-- Schema 10: legal holds (bewaarplicht) on closed cases. A hold stops the retention clock
-- (domain/bewaren.py) from ``van`` until it is released (``tot``); each row is one event,
-- kept with its dossier and destroyed with it. The retention terms per closure reason are
-- a vault setting in meta ('bewaartermijnen', JSON).
CREATE TABLE bewaarplicht (
    id          INTEGER PRIMARY KEY,
    dossier_id  INTEGER NOT NULL REFERENCES dossier (id) ON DELETE CASCADE,
    van         TEXT NOT NULL,
    tot         TEXT,
    reden       TEXT NOT NULL,
    door        TEXT NOT NULL DEFAULT '',
    opgeheven_door TEXT NOT NULL DEFAULT ''
);
CREATE INDEX bewaarplicht_dossier ON bewaarplicht (dossier_id, van);
