-- The States a source names at the event $event_id, one row each, with its UN regional group on the event's
-- date and its highest role and level (a State that hosted and spoke is shown as host).
SELECT a.iso3, s.name, any_value(g."group") AS un_regional_group,
       highest_role(a.role) AS role, highest_level(a.level) AS level
FROM states_at_events a JOIN states s USING (iso3)
LEFT JOIN LATERAL memberships_as_of(a.start_date) g ON g.iso3 = a.iso3 AND g.grouping = 'un_regional_group'
WHERE a.event_id = $event_id
GROUP BY a.iso3, s.name
ORDER BY collated(s.name)
