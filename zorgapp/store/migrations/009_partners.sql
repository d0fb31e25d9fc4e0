-- Schema 6: partners with roles. The address book of partner organisations (with their
-- contact persons inside the JSON document), kept once per vault, and an index of which
-- organisation works on which case in which role, so the dossier list filters by partner
-- and a partner's caseload is counted without opening a document.
-- Free-text partners of older vaults are mapped onto roles and linked to address-book
-- entries by a Python step after this one (store/partners.py, ``koppel_losse_partners``):
-- documents written since schema 5 are compressed, and SQL cannot read them.
CREATE TABLE partner_organisatie (
    id    INTEGER PRIMARY KEY,
    uuid  TEXT NOT NULL UNIQUE,
    naam  TEXT NOT NULL,
    data  TEXT NOT NULL,   -- Organisatie.to_dict(), contact persons included
    is_demo  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX partner_organisatie_naam ON partner_organisatie (naam COLLATE NOCASE);
CREATE TABLE dossier_partner (
    dossier_id   INTEGER NOT NULL REFERENCES dossier (id) ON DELETE CASCADE,
    organisatie  TEXT NOT NULL,
    rol          TEXT NOT NULL,
    PRIMARY KEY (organisatie, dossier_id, rol)
) WITHOUT ROWID;
CREATE INDEX dossier_partner_dossier ON dossier_partner (dossier_id);
