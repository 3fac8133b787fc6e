-- The States named at each forum (an event of the types $forums), by UN regional group on the forum's date;
-- $not_in_a_group for a State in none.
SELECT a.event_id, coalesce(g."group", $not_in_a_group) AS "group", count(DISTINCT a.iso3) AS states
FROM states_at_events a
LEFT JOIN LATERAL memberships_as_of(a.start_date) g ON g.iso3 = a.iso3 AND g.grouping = 'un_regional_group'
WHERE list_contains($forums, a.type)
GROUP BY ALL
ORDER BY a.event_id, "group"
