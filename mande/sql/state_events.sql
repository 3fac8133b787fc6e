-- The CTI events at which a source names the State $iso3 (of the cursor's audience), in date order, one row per
-- event with its highest role and level there and the event's source.
SELECT a.event_id, a.title, a.type, a.start_date, a.date_precision, e.end_date,
       highest_role(a.role) AS role, highest_level(a.level) AS level,
       bool_or(a.illustrative = 'yes') AS illustrative, e.confidential, e.source
FROM states_at_events a JOIN events e USING (event_id)
WHERE a.iso3 = $iso3
GROUP BY ALL
ORDER BY a.start_date, a.event_id
