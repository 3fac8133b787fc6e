-- Parties, signatories and States with no action for the treaty $treaty on $as_of: one row `All` when $grouping
-- is NULL, else one per group of $grouping (a State counted in each group it is a member of on the day), and a
-- last row $not_in_a_group for the States in none of them.
WITH placed AS (
    SELECT CASE WHEN $grouping IS NULL THEN 'All' ELSE coalesce(m."group", $not_in_a_group) END AS "group", s.status
    FROM status_as_of($treaty, $as_of) s
    LEFT JOIN memberships_as_of($as_of) m ON m.iso3 = s.iso3 AND m.grouping = $grouping
)
SELECT "group",
       count(*) FILTER (WHERE status = 'party') AS parties,
       count(*) FILTER (WHERE status = 'signatory') AS signatories,
       count(*) FILTER (WHERE status = 'no action') AS no_action,
       count(*) AS total
FROM placed
GROUP BY "group"
ORDER BY "group" = $not_in_a_group, "group"
