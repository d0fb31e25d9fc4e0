-- Schema 4: this vault's own identity for case bundles, the address book of other
-- coordinators' contact cards, the bundles already received, and the handovers of
-- each case (the "overgedragen aan" / "ontvangen van" history).

-- One row: the secret keys never leave the (encrypted) vault.
CREATE TABLE identiteit (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    naam          TEXT NOT NULL DEFAULT '',
    organisatie   TEXT NOT NULL DEFAULT '',
    regio         TEXT NOT NULL DEFAULT '',
    age_identity  TEXT NOT NULL,            -- AGE-SECRET-KEY-1... (X25519, receiving)
    signing_key   TEXT NOT NULL,            -- Ed25519 private key, 32 bytes as hex
    aangemaakt_op TEXT NOT NULL
);

CREATE TABLE contactkaart (
    id            INTEGER PRIMARY KEY,
    naam          TEXT NOT NULL DEFAULT '',
    organisatie   TEXT NOT NULL DEFAULT '',
    regio         TEXT NOT NULL DEFAULT '',
    age_recipient TEXT NOT NULL UNIQUE,     -- age1...
    signing_key   TEXT NOT NULL UNIQUE,     -- Ed25519 public key, 32 bytes as hex
    fingerprint   TEXT NOT NULL,
    geverifieerd  INTEGER NOT NULL DEFAULT 0,
    toegevoegd_op TEXT NOT NULL
);

-- A bundle is known by the SHA-256 of its manifest.json: importing it again changes nothing.
CREATE TABLE ontvangen_bundel (
    bundel_id     TEXT PRIMARY KEY,
    afzender      TEXT NOT NULL DEFAULT '', -- fingerprint of the sender's card
    afzender_naam TEXT NOT NULL DEFAULT '',
    aangemaakt_op TEXT NOT NULL DEFAULT '',
    ontvangen_op  TEXT NOT NULL,
    aantal        INTEGER NOT NULL DEFAULT 0
);

-- Handover history per case; kept beside the dossier document so that a case reads the
-- same in both vaults after a handover.
CREATE TABLE overdracht (
    id            INTEGER PRIMARY KEY,
    dossier_uuid  TEXT NOT NULL,
    richting      TEXT NOT NULL CHECK (richting IN ('export', 'import')),
    tegenpartij   TEXT NOT NULL DEFAULT '', -- name and organisation of the other side
    fingerprint   TEXT NOT NULL DEFAULT '',
    bundel_id     TEXT NOT NULL DEFAULT '',
    keuze         TEXT NOT NULL DEFAULT '', -- import: new, theirs, both (copy)
    bron_uuid     TEXT NOT NULL DEFAULT '', -- import "keep both": the uuid in the bundle
    ts            TEXT NOT NULL,
    actor         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX overdracht_dossier ON overdracht (dossier_uuid, ts);
