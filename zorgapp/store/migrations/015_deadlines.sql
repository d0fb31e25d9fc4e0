-- The dashboard from index rows only (issue 15): at 100,000 cases it opened the
-- documents of the cases with a near deadline, and counted the stages row by row.
--
-- The open deadlines of every case: one row per deadline of ``deadlines.deadlines_voor``
-- (the document and its placements), in its order (``volgorde``). Dates are absolute,
-- so a new day needs no rewrite. The description follows from ``soort``
-- (``deadlines.OMSCHRIJVING``); ``params`` holds its arguments as JSON ('' when none);
-- ``dossier_deadline`` repeats the case's next deadline (``dossier.deadline``) so the
-- index gives the dashboard's order (date, then the cases as the list sorts them)
-- without a sort. The rows are rewritten with their case (``store/deadlines.py``) and
-- go with it. The Python step (``store.deadlines.vul_deadlines``) fills them.
CREATE TABLE deadline (
    dossier_id        INTEGER NOT NULL REFERENCES dossier (id) ON DELETE CASCADE,
    volgorde          INTEGER NOT NULL,
    datum             TEXT NOT NULL,
    dossier_deadline  TEXT NOT NULL,
    soort             TEXT NOT NULL,
    verwijzing        TEXT NOT NULL DEFAULT '',
    params            TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (dossier_id, volgorde)
) WITHOUT ROWID;
CREATE INDEX deadline_datum ON deadline (datum, dossier_deadline, dossier_id, volgorde, soort);

-- Cases per stage, kept by triggers: counting 100,000 index entries took half the
-- dashboard's time. ``DossierRepository.bulk`` (which drops the triggers while it
-- fills) counts again at its end.
CREATE TABLE fase_telling (
    fase    TEXT PRIMARY KEY,
    aantal  INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO fase_telling (fase, aantal) SELECT fase, count(*) FROM dossier GROUP BY fase;
CREATE TRIGGER fase_telling_insert AFTER INSERT ON dossier BEGIN
    INSERT INTO fase_telling (fase, aantal) VALUES (new.fase, 1)
        ON CONFLICT (fase) DO UPDATE SET aantal = aantal + 1;
END;
CREATE TRIGGER fase_telling_delete AFTER DELETE ON dossier BEGIN
    UPDATE fase_telling SET aantal = aantal - 1 WHERE fase = old.fase;
END;
CREATE TRIGGER fase_telling_update AFTER UPDATE OF fase ON dossier
    WHEN old.fase IS NOT new.fase BEGIN
    UPDATE fase_telling SET aantal = aantal - 1 WHERE fase = old.fase;
    INSERT INTO fase_telling (fase, aantal) VALUES (new.fase, 1)
        ON CONFLICT (fase) DO UPDATE SET aantal = aantal + 1;
END;

-- "In bedenktijd" counts open cases only: an index of those that covers the count, so
-- it reads no row of the table (the dashboard's first call read thousands of them).
CREATE INDEX dossier_open_bedenktijd ON dossier (bedenktijd_tot, bedenktijd_van, fase)
    WHERE fase != 'afgesloten';

-- Closed cases by closing date: the dashboard counts those due for destruction, and
-- only a case closed at least the shortest term ago can be (``BewaarService.lijst``).
CREATE INDEX dossier_gesloten ON dossier (fase_sinds) WHERE fase = 'afgesloten';
