-- Schema 6: attachments of a dossier, kept only inside the (encrypted) vault.
-- The description of an attachment and its content live in two tables, so that a list
-- never reads the (up to 25 MB) content. Both go with their dossier (ON DELETE CASCADE),
-- and secure_delete overwrites what is removed.
CREATE TABLE bijlage (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE,
    dossier_uuid  TEXT NOT NULL REFERENCES dossier (uuid) ON DELETE CASCADE,
    naam          TEXT NOT NULL,
    type          TEXT NOT NULL,             -- MIME type
    grootte       INTEGER NOT NULL,          -- bytes
    sha256        TEXT NOT NULL,             -- of the content, hex
    toegevoegd_op TEXT NOT NULL,             -- UTC, ISO 8601
    omschrijving  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX bijlage_dossier ON bijlage (dossier_uuid, toegevoegd_op);

CREATE TABLE bijlage_inhoud (
    id    INTEGER PRIMARY KEY REFERENCES bijlage (id) ON DELETE CASCADE,
    data  BLOB NOT NULL
);
