-- Schema 1: vault metadata and the audit trail.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE audit (
    seq         INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    ts          TEXT NOT NULL,           -- UTC, ISO 8601 to the second
    actor       TEXT NOT NULL,           -- local user name
    action      TEXT NOT NULL,
    record_type TEXT NOT NULL DEFAULT '',
    record_uuid TEXT NOT NULL DEFAULT '',
    outcome     TEXT NOT NULL,
    fields      TEXT NOT NULL DEFAULT '[]', -- names of changed fields, never values
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);

-- The trail is append-only: the app never updates or deletes an entry.
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
