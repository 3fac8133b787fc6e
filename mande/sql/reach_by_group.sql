-- For each group of the grouping $grouping on $as_of (States in none in a last row, $not_in_a_group): its
-- States, and how many of them a source names at an event up to that day.
WITH reached AS (SELECT DISTINCT iso3 FROM states_at_events WHERE start_date <= $as_of),
members AS (SELECT * FROM memberships_as_of($as_of) WHERE grouping = $grouping),
counted AS (
    SELECT coalesce(m."group", $not_in_a_group) AS "group", count(*) AS states, count(r.iso3) AS reached
    FROM states s LEFT JOIN members m USING (iso3) LEFT JOIN reached r USING (iso3)
    GROUP BY 1
)
SELECT * FROM counted ORDER BY "group" = $not_in_a_group, "group"
