-- Schema 6 (b): money that holds (issue 12.4, DOMAIN §6).
-- Inhabitants per municipality per year (1 January): each year's allocation uses that
-- year's figures, so entering 2026 figures never restates a 2024 statement. The figure a
-- vault had becomes the figure of its reference date's year (year 0 when it had no date:
-- it then serves every year without a figure of its own).
CREATE TABLE gemeente_inwoners (
    cbs_code   TEXT NOT NULL,
    jaar       INTEGER NOT NULL,            -- year of the reference date; 0 = undated
    inwoners   INTEGER NOT NULL,
    peildatum  TEXT,
    bron       TEXT NOT NULL DEFAULT '',    -- demo / cbs / handmatig
    PRIMARY KEY (cbs_code, jaar)
);
INSERT INTO gemeente_inwoners (cbs_code, jaar, inwoners, peildatum, bron)
    SELECT cbs_code, COALESCE(CAST(substr(peildatum, 1, 4) AS INTEGER), 0), inwoners,
           peildatum, bron
    FROM gemeente WHERE inwoners IS NOT NULL;

-- Issued (vastgesteld) statements: frozen. Later changes to an issued period appear as
-- correction lines in the next statement, stored with that statement when it is issued.
CREATE TABLE vaststelling (
    id              INTEGER PRIMARY KEY,
    van             TEXT NOT NULL,          -- first day
    tot             TEXT NOT NULL,          -- exclusive, like placements
    sleutel         TEXT NOT NULL,
    totaal          TEXT NOT NULL,          -- decimal text, the amount divided
    niet_verdeeld   TEXT NOT NULL,
    vastgesteld_op  TEXT NOT NULL,
    actor           TEXT NOT NULL DEFAULT '',
    UNIQUE (van, tot)
);
-- One row per municipality and kind: 'aandeel' (the share), 'correctie' (a correction of
-- the period [periode_van, periode_tot) booked in this statement), 'verrekening' (the
-- year settlement). Amounts in whole cents, negative for a correction down.
CREATE TABLE vaststelling_regel (
    vaststelling_id  INTEGER NOT NULL REFERENCES vaststelling (id) ON DELETE CASCADE,
    soort            TEXT NOT NULL CHECK (soort IN ('aandeel', 'correctie', 'verrekening')),
    periode_van      TEXT,
    periode_tot      TEXT,
    cbs_code         TEXT NOT NULL,
    gemeente         TEXT NOT NULL DEFAULT '',
    centen           INTEGER NOT NULL
);
CREATE INDEX vaststelling_regel_id ON vaststelling_regel (vaststelling_id);
