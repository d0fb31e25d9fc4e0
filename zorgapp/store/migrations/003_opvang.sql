-- Schema 3: shelter (opvang), placements, costs, and the region that shares them.
-- Money is stored as TEXT decimal strings ("123.45"), never REAL: a float cannot hold
-- cents exactly and the shares of an allocation must add up to the cent.
-- Dates are ISO text (YYYY-MM-DD); placement and period end dates are exclusive.

CREATE TABLE opvang_organisatie (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE,
    naam          TEXT NOT NULL UNIQUE,
    contact       TEXT NOT NULL DEFAULT '',
    is_demo       INTEGER NOT NULL DEFAULT 0,
    gewijzigd_op  TEXT NOT NULL
);

-- A shelter location. The address is secret by default (DOMAIN.md section 3): it is
-- never printed on anything that goes to a third party.
CREATE TABLE opvang_locatie (
    id                INTEGER PRIMARY KEY,
    uuid              TEXT NOT NULL UNIQUE,
    organisatie_uuid  TEXT NOT NULL REFERENCES opvang_organisatie (uuid),
    naam              TEXT NOT NULL,
    type              TEXT NOT NULL,          -- OpvangType code
    contact           TEXT NOT NULL DEFAULT '',
    capaciteit        INTEGER,                -- places; NULL = unknown
    adres_geheim      INTEGER NOT NULL DEFAULT 1,
    adres             TEXT NOT NULL DEFAULT '',
    actief            INTEGER NOT NULL DEFAULT 1,
    is_demo           INTEGER NOT NULL DEFAULT 0,
    gewijzigd_op      TEXT NOT NULL
);
CREATE INDEX opvang_locatie_type ON opvang_locatie (type, naam);

-- Default daily rates of a location, each valid from its date until the next one.
CREATE TABLE opvang_locatie_tarief (
    locatie_uuid  TEXT NOT NULL REFERENCES opvang_locatie (uuid) ON DELETE CASCADE,
    geldig_vanaf  TEXT NOT NULL,
    dagtarief     TEXT NOT NULL,              -- decimal string, whole cents
    PRIMARY KEY (locatie_uuid, geldig_vanaf)
);

-- A stay (or outpatient trajectory) of one dossier. ``tot`` is exclusive: the first
-- day counts as a night, the last day does not.
CREATE TABLE plaatsing (
    id                   INTEGER PRIMARY KEY,
    uuid                 TEXT NOT NULL UNIQUE,
    dossier_uuid         TEXT NOT NULL REFERENCES dossier (uuid) ON DELETE CASCADE,
    locatie_uuid         TEXT REFERENCES opvang_locatie (uuid),
    type                 TEXT NOT NULL,       -- OpvangType code
    status               TEXT NOT NULL,       -- aangevraagd / geplaatst / beeindigd
    aangevraagd_op       TEXT,
    van                  TEXT,
    tot                  TEXT,
    einde_reden          TEXT,
    financier            TEXT NOT NULL,       -- gemeente / cosm / omm / bedenktijd_toelage
    gemeente_code        TEXT,                -- who pays when not the dossier's binding
    evaluatiedatum       TEXT,
    verwachte_einddatum  TEXT,
    is_demo              INTEGER NOT NULL DEFAULT 0,
    gewijzigd_op         TEXT NOT NULL
);
CREATE INDEX plaatsing_dossier ON plaatsing (dossier_uuid);
CREATE INDEX plaatsing_periode ON plaatsing (van, tot);
CREATE INDEX plaatsing_locatie ON plaatsing (locatie_uuid, status);
CREATE INDEX plaatsing_status ON plaatsing (status, verwachte_einddatum);

-- The rates in force for one placement (copied from the location when placed, so a
-- later change of the location's rate never rewrites an old report).
CREATE TABLE plaatsing_tarief (
    plaatsing_uuid  TEXT NOT NULL REFERENCES plaatsing (uuid) ON DELETE CASCADE,
    geldig_vanaf    TEXT NOT NULL,
    dagtarief       TEXT NOT NULL,
    PRIMARY KEY (plaatsing_uuid, geldig_vanaf)
);

-- Other costs of a dossier: interpreter, travel, living money, legal, medical, other.
CREATE TABLE kostenpost (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE,
    dossier_uuid  TEXT NOT NULL REFERENCES dossier (uuid) ON DELETE CASCADE,
    soort         TEXT NOT NULL,
    datum         TEXT NOT NULL,
    bedrag        TEXT NOT NULL,              -- decimal string, whole cents
    omschrijving  TEXT NOT NULL DEFAULT '',
    landelijk     INTEGER NOT NULL DEFAULT 0,
    is_demo       INTEGER NOT NULL DEFAULT 0,
    gewijzigd_op  TEXT NOT NULL
);
CREATE INDEX kostenpost_dossier ON kostenpost (dossier_uuid);
CREATE INDEX kostenpost_datum ON kostenpost (datum);

-- The region of this vault (one row) and its allocation key per year; year 0 is the
-- default for years without their own key.
CREATE TABLE regio (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    naam          TEXT NOT NULL,
    gewijzigd_op  TEXT NOT NULL
);
CREATE TABLE regio_sleutel (
    jaar              INTEGER PRIMARY KEY,    -- 0 = every year without its own key
    sleutel           TEXT NOT NULL,          -- inwoners / binding / vast / mix
    mix_inwoners_pct  TEXT                    -- decimal string, for mix only
);
CREATE TABLE regio_vast_percentage (
    jaar        INTEGER NOT NULL,
    cbs_code    TEXT NOT NULL,
    percentage  TEXT NOT NULL,                -- decimal string; per year they sum to 100
    PRIMARY KEY (jaar, cbs_code)
);

-- Municipalities known to the vault: the participating ones (in_regio = 1) and the
-- ones they merged from or into. Inhabitants on ``peildatum`` (1 January).
CREATE TABLE gemeente (
    cbs_code          TEXT PRIMARY KEY,
    naam              TEXT NOT NULL,
    inwoners          INTEGER,
    peildatum         TEXT,
    opgegaan_in       TEXT,                   -- CBS code of the successor after a merger
    veiligheidsregio  TEXT,
    in_regio          INTEGER NOT NULL DEFAULT 1,
    bron              TEXT NOT NULL DEFAULT '' -- demo / cbs / handmatig
);
