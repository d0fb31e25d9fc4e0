-- The open deadlines of every case as index rows (issue 15): the dashboard reads the
-- earliest by date instead of opening the documents of the cases with a near deadline.
-- One row per deadline of ``deadlines.deadlines_voor`` (the document and its
-- placements), in its order (``volgorde``); dates are absolute, so a new day needs no
-- rewrite. The description follows from ``soort`` (``deadlines.OMSCHRIJVING``);
-- ``params`` holds the description's arguments as JSON ('' when none). The rows are
-- rewritten with their case (``store/deadlines.py``) and go with it. The Python step
-- (``store.deadlines.vul_deadlines``) fills them for the cases already stored.
CREATE TABLE deadline (
    dossier_id  INTEGER NOT NULL REFERENCES dossier (id) ON DELETE CASCADE,
    volgorde    INTEGER NOT NULL,
    datum       TEXT NOT NULL,
    soort       TEXT NOT NULL,
    verwijzing  TEXT NOT NULL DEFAULT '',
    params      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (dossier_id, volgorde)
) WITHOUT ROWID;
CREATE INDEX deadline_datum ON deadline (datum, soort);
