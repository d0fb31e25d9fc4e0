-- Index columns for the anonymised statistics (issue 14 part 4): the first
-- nationality (ISO code), the sector as an HTCDS industry code, whether the case was
-- registered with CoMensha (why it was closed is `sluitreden`, from the legal-track step). The statistics count from these
-- columns instead of opening 100,000 documents; the Python step
-- (``store.statistiek.vul_statistiek_kolommen``) fills them from the stored documents.
ALTER TABLE dossier ADD COLUMN nationaliteit TEXT NOT NULL DEFAULT '';
ALTER TABLE dossier ADD COLUMN sector TEXT NOT NULL DEFAULT '';
ALTER TABLE dossier ADD COLUMN comensha INTEGER NOT NULL DEFAULT 0;
