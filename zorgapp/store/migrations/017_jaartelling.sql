-- Schema 17: the year report and the statistics export from counts kept by triggers (issue 15):
-- grouping the 100,000 index rows of a large vault took most of the report's own time.
--
-- What one case counts in, one row per case with a signal: the year of its first
-- signal and its category in each dimension as stored (the raw column, or the age group
-- on the date of the first signal as ``jaarbeeld._leeftijd`` and ``leeftijdsgroep``
-- count it). Cases without a signal are not here (the readers open their documents).
CREATE VIEW jaar_telling_rij AS
SELECT d.id AS id,
       CAST(substr(d.melddatum, 1, 4) AS INTEGER) AS jaar,
       d.geslacht AS geslacht,
       (SELECT CASE WHEN a IS NULL THEN 'onbekend' WHEN a < 18 THEN '<18'
                    WHEN a < 23 THEN '18-22' WHEN a < 30 THEN '23-29'
                    WHEN a < 40 THEN '30-39' WHEN a < 50 THEN '40-49' ELSE '50+' END
        FROM (SELECT CASE
            WHEN coalesce(d.geboortedatum, '') <> '' THEN
                CASE WHEN d.melddatum < d.geboortedatum THEN NULL
                ELSE CAST(substr(d.melddatum, 1, 4) AS INTEGER)
                     - CAST(substr(d.geboortedatum, 1, 4) AS INTEGER)
                     - (substr(d.melddatum, 6, 5) < substr(d.geboortedatum, 6, 5)) END
            WHEN d.geschatte_leeftijd IS NULL THEN NULL
            WHEN coalesce(d.leeftijd_geschat_op, '') = '' THEN d.geschatte_leeftijd
            ELSE max(0, d.geschatte_leeftijd + CAST(substr(d.melddatum, 1, 4) AS INTEGER)
                     - CAST(substr(d.leeftijd_geschat_op, 1, 4) AS INTEGER)
                     - (substr(d.melddatum, 6, 5) < substr(d.leeftijd_geschat_op, 6, 5)))
            END AS a)) AS leeftijd,
       d.gemeente AS gemeente,
       d.melder_type AS melder,
       d.vormen AS vormen,
       d.nationaliteit AS nationaliteit,
       d.sector AS sector,
       coalesce(d.sluitreden, '') != 'geen_mensenhandel' AS slachtoffer,
       d.comensha != 0 AS geregistreerd
FROM dossier d
WHERE d.melddatum IS NOT NULL;

-- The same, one row per case and dimension (``soort``, ``jaarbeeld.MARGE_*``).
CREATE VIEW jaar_telling_bron AS
SELECT r.id AS id, r.jaar AS jaar, k.column1 AS soort,
       CASE k.column1 WHEN 'geslacht' THEN r.geslacht WHEN 'leeftijd' THEN r.leeftijd
           WHEN 'gemeente' THEN r.gemeente WHEN 'melder' THEN r.melder
           WHEN 'vormen' THEN r.vormen WHEN 'nationaliteit' THEN r.nationaliteit
           ELSE r.sector END AS categorie,
       r.slachtoffer AS slachtoffer, r.geregistreerd AS geregistreerd
FROM jaar_telling_rij r,
     (VALUES ('geslacht'), ('leeftijd'), ('gemeente'), ('melder'), ('vormen'),
             ('nationaliteit'), ('sector')) k;

-- Cases per year, dimension and category: signals, (presumed) victims (not closed as
-- ``geen_mensenhandel``) and CoMensha-registered ones (``comensha``). A few hundred
-- rows for a vault of 100,000 cases. A row whose count went to 0 is deleted with the
-- case or change that emptied it: a destroyed case leaves no year and category behind. ``DossierRepository.bulk`` (which drops the triggers while it fills) counts again
-- at its end (``store.jaartelling.tel_opnieuw``).
CREATE TABLE jaar_telling (
    jaar           INTEGER NOT NULL,
    soort          TEXT NOT NULL,
    categorie      TEXT NOT NULL,
    signalen       INTEGER NOT NULL,
    slachtoffers   INTEGER NOT NULL,
    geregistreerd  INTEGER NOT NULL,
    PRIMARY KEY (jaar, soort, categorie)
) WITHOUT ROWID;
INSERT INTO jaar_telling (jaar, soort, categorie, signalen, slachtoffers, geregistreerd)
    SELECT jaar, soort, categorie, count(*), sum(slachtoffer), sum(geregistreerd)
    FROM jaar_telling_bron GROUP BY 1, 2, 3;

-- A case counts out of its old cells before it is deleted or changed (BEFORE: the row
-- is still the old one) and into its new cells after it is inserted or changed.
CREATE TRIGGER jaar_telling_insert AFTER INSERT ON dossier
    WHEN new.melddatum IS NOT NULL BEGIN
    INSERT INTO jaar_telling (jaar, soort, categorie, signalen, slachtoffers, geregistreerd)
        SELECT jaar, soort, categorie, 1, slachtoffer, geregistreerd
        FROM jaar_telling_bron WHERE id = new.id
        ON CONFLICT (jaar, soort, categorie) DO UPDATE SET
            signalen = signalen + excluded.signalen,
            slachtoffers = slachtoffers + excluded.slachtoffers,
            geregistreerd = geregistreerd + excluded.geregistreerd;
END;
CREATE TRIGGER jaar_telling_delete BEFORE DELETE ON dossier
    WHEN old.melddatum IS NOT NULL BEGIN
    INSERT INTO jaar_telling (jaar, soort, categorie, signalen, slachtoffers, geregistreerd)
        SELECT jaar, soort, categorie, -1, -slachtoffer, -geregistreerd
        FROM jaar_telling_bron WHERE id = old.id
        ON CONFLICT (jaar, soort, categorie) DO UPDATE SET
            signalen = signalen + excluded.signalen,
            slachtoffers = slachtoffers + excluded.slachtoffers,
            geregistreerd = geregistreerd + excluded.geregistreerd;
    DELETE FROM jaar_telling WHERE signalen <= 0;
END;
CREATE TRIGGER jaar_telling_update_uit BEFORE UPDATE OF melddatum, geslacht, geboortedatum,
    geschatte_leeftijd, leeftijd_geschat_op, gemeente, melder_type, vormen, nationaliteit,
    sector, comensha, sluitreden ON dossier
    WHEN old.melddatum IS NOT NULL AND (old.melddatum IS NOT new.melddatum
        OR old.geslacht IS NOT new.geslacht OR old.geboortedatum IS NOT new.geboortedatum
        OR old.geschatte_leeftijd IS NOT new.geschatte_leeftijd
        OR old.leeftijd_geschat_op IS NOT new.leeftijd_geschat_op
        OR old.gemeente IS NOT new.gemeente OR old.melder_type IS NOT new.melder_type
        OR old.vormen IS NOT new.vormen OR old.nationaliteit IS NOT new.nationaliteit
        OR old.sector IS NOT new.sector OR old.comensha IS NOT new.comensha
        OR old.sluitreden IS NOT new.sluitreden) BEGIN
    INSERT INTO jaar_telling (jaar, soort, categorie, signalen, slachtoffers, geregistreerd)
        SELECT jaar, soort, categorie, -1, -slachtoffer, -geregistreerd
        FROM jaar_telling_bron WHERE id = old.id
        ON CONFLICT (jaar, soort, categorie) DO UPDATE SET
            signalen = signalen + excluded.signalen,
            slachtoffers = slachtoffers + excluded.slachtoffers,
            geregistreerd = geregistreerd + excluded.geregistreerd;
    DELETE FROM jaar_telling WHERE signalen <= 0;
END;
CREATE TRIGGER jaar_telling_update_in AFTER UPDATE OF melddatum, geslacht, geboortedatum,
    geschatte_leeftijd, leeftijd_geschat_op, gemeente, melder_type, vormen, nationaliteit,
    sector, comensha, sluitreden ON dossier
    WHEN new.melddatum IS NOT NULL AND (old.melddatum IS NOT new.melddatum
        OR old.geslacht IS NOT new.geslacht OR old.geboortedatum IS NOT new.geboortedatum
        OR old.geschatte_leeftijd IS NOT new.geschatte_leeftijd
        OR old.leeftijd_geschat_op IS NOT new.leeftijd_geschat_op
        OR old.gemeente IS NOT new.gemeente OR old.melder_type IS NOT new.melder_type
        OR old.vormen IS NOT new.vormen OR old.nationaliteit IS NOT new.nationaliteit
        OR old.sector IS NOT new.sector OR old.comensha IS NOT new.comensha
        OR old.sluitreden IS NOT new.sluitreden) BEGIN
    INSERT INTO jaar_telling (jaar, soort, categorie, signalen, slachtoffers, geregistreerd)
        SELECT jaar, soort, categorie, 1, slachtoffer, geregistreerd
        FROM jaar_telling_bron WHERE id = new.id
        ON CONFLICT (jaar, soort, categorie) DO UPDATE SET
            signalen = signalen + excluded.signalen,
            slachtoffers = slachtoffers + excluded.slachtoffers,
            geregistreerd = geregistreerd + excluded.geregistreerd;
END;

-- Placements per type and year of their start, for the year report (reading them by
-- their start date went row by row through the table). Kept the same way.
CREATE TABLE plaatsing_start_telling (
    type    TEXT NOT NULL,
    jaar    INTEGER NOT NULL,
    aantal  INTEGER NOT NULL,
    PRIMARY KEY (type, jaar)
) WITHOUT ROWID;
INSERT INTO plaatsing_start_telling (type, jaar, aantal)
    SELECT type, CAST(substr(van, 1, 4) AS INTEGER), count(*) FROM plaatsing
    WHERE van IS NOT NULL GROUP BY 1, 2;
CREATE TRIGGER plaatsing_start_insert AFTER INSERT ON plaatsing
    WHEN new.van IS NOT NULL BEGIN
    INSERT INTO plaatsing_start_telling (type, jaar, aantal)
        VALUES (new.type, CAST(substr(new.van, 1, 4) AS INTEGER), 1)
        ON CONFLICT (type, jaar) DO UPDATE SET aantal = aantal + 1;
END;
CREATE TRIGGER plaatsing_start_delete AFTER DELETE ON plaatsing
    WHEN old.van IS NOT NULL BEGIN
    UPDATE plaatsing_start_telling SET aantal = aantal - 1
        WHERE type = old.type AND jaar = CAST(substr(old.van, 1, 4) AS INTEGER);
    DELETE FROM plaatsing_start_telling WHERE aantal <= 0;
END;
CREATE TRIGGER plaatsing_start_update AFTER UPDATE OF type, van ON plaatsing
    WHEN old.type IS NOT new.type OR old.van IS NOT new.van BEGIN
    UPDATE plaatsing_start_telling SET aantal = aantal - 1
        WHERE old.van IS NOT NULL AND type = old.type
        AND jaar = CAST(substr(old.van, 1, 4) AS INTEGER);
    DELETE FROM plaatsing_start_telling WHERE aantal <= 0;
    INSERT INTO plaatsing_start_telling (type, jaar, aantal)
        SELECT new.type, CAST(substr(new.van, 1, 4) AS INTEGER), 1 WHERE new.van IS NOT NULL
        ON CONFLICT (type, jaar) DO UPDATE SET aantal = aantal + 1;
END;
