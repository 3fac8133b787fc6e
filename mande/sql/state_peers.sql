-- The State $iso3's UN regional group and SIDS region on $as_of, each with how many States it has then and how
-- many of them are party to UNCAT and to OPCAT on that date: a row per grouping the State is in, and treaty.
WITH mine AS (
    SELECT grouping, "group" FROM memberships_as_of($as_of)
    WHERE iso3 = $iso3 AND grouping IN ('un_regional_group', 'sids_region')
), treaty(treaty) AS (VALUES ('UNCAT'), ('OPCAT'))
SELECT m.grouping, m."group", t.treaty, count(*) AS states, count(*) FILTER (WHERE s.status = 'party') AS parties
FROM mine m
CROSS JOIN treaty t
JOIN memberships_as_of($as_of) g ON g.grouping = m.grouping AND g."group" = m."group"
JOIN status_as_of(t.treaty, $as_of) s ON s.iso3 = g.iso3
GROUP BY ALL
ORDER BY m.grouping DESC, m."group", t.treaty DESC
