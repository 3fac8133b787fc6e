-- The UN regional group of the State $iso3 on $as_of, how many States it has then and how many of them are
-- party to $treaty on that date; no row when the State is in no UN regional group then.
WITH mine AS (
    SELECT "group" FROM memberships_as_of($as_of) WHERE iso3 = $iso3 AND grouping = 'un_regional_group'
)
SELECT m."group", count(*) AS states, count(*) FILTER (WHERE s.status = 'party') AS parties
FROM mine m
JOIN memberships_as_of($as_of) g ON g.grouping = 'un_regional_group' AND g."group" = m."group"
JOIN status_as_of($treaty, $as_of) s ON s.iso3 = g.iso3
GROUP BY m."group"
ORDER BY m."group"
