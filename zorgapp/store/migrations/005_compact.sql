-- Schema 5: smaller vaults, and a year report that never opens a document.
-- From this version on dossier_doc.data is a BLOB: the JSON document deflated with a
-- preset dictionary (store/doc_codec.py), about a sixth of its size. Documents written
-- before stay plain JSON TEXT, are read as they are, and are compressed when next saved
-- (SQLite cannot deflate, and a migration is SQL only).
-- The estimated age and its date become index columns (filled here from the documents,
-- which are all still plain JSON now), so the year figures read only the index.
ALTER TABLE dossier ADD COLUMN geschatte_leeftijd INTEGER;
ALTER TABLE dossier ADD COLUMN leeftijd_geschat_op TEXT;
UPDATE dossier SET
    geschatte_leeftijd = (SELECT json_extract(d.data, '$.persoon.geschatte_leeftijd')
                          FROM dossier_doc d WHERE d.id = dossier.id),
    leeftijd_geschat_op = (SELECT json_extract(d.data, '$.persoon.leeftijd_geschat_op')
                           FROM dossier_doc d WHERE d.id = dossier.id);
