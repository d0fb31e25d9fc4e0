-- Schema 6: the legal track beside the care path (issue 12), and year figures that say
-- what they count. Index columns so the dashboard counts "in bedenktijd" and the year
-- report counts registrations and (presumed) victims without opening a document:
-- bedenktijd_van/_tot, the accepted bedenktijd as it really ran (domain.verblijf);
-- aangemeld_op, the first step to `aangemeld`; sluitreden, why a closed case closed.
-- Documents may be compressed (schema 5), which SQL cannot read, so the columns are
-- filled in Python after this step: the flag below asks the store to re-index
-- (store/dossiers.py, herindexeer).
ALTER TABLE dossier ADD COLUMN bedenktijd_van TEXT;
ALTER TABLE dossier ADD COLUMN bedenktijd_tot TEXT;
ALTER TABLE dossier ADD COLUMN aangemeld_op TEXT;
ALTER TABLE dossier ADD COLUMN sluitreden TEXT;
CREATE INDEX dossier_bedenktijd ON dossier (bedenktijd_tot, bedenktijd_van);
CREATE INDEX dossier_aangemeld ON dossier (aangemeld_op);
INSERT INTO meta (key, value) VALUES ('herindexeer', '1')
    ON CONFLICT(key) DO UPDATE SET value = '1';
