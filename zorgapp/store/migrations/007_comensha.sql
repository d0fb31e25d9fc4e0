-- Schema 6: placement dates obey the domain's rules (domain/plaatsing_datums.py).
-- Earlier versions accepted an expected end or an evaluation date before the start of
-- the placement (or before the request, when no start was known). Such a date can never
-- have been true and would now make the placement unreadable, so it is cleared: the
-- placement keeps everything else, and the coordinator can fill in a correct date.
-- A withdrawn request (ended without a start) has no stay left to date and is left alone.
UPDATE plaatsing SET verwachte_einddatum = NULL
 WHERE verwachte_einddatum IS NOT NULL
   AND NOT (status = 'beeindigd' AND van IS NULL)
   AND verwachte_einddatum < COALESCE(van, aangevraagd_op);
UPDATE plaatsing SET evaluatiedatum = NULL
 WHERE evaluatiedatum IS NOT NULL
   AND NOT (status = 'beeindigd' AND van IS NULL)
   AND evaluatiedatum < COALESCE(van, aangevraagd_op);
