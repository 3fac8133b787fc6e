-- The CTI events at which a source names the State $iso3 (of the cursor's audience), in date order, one row per
-- event with its highest role and level there and the event's source.
SELECT a.event_id, a.title, a.type, a.start_date, a.date_precision, e.end_date,
       arg_max(a.role, CASE a.role WHEN 'host' THEN 3 WHEN 'speaker' THEN 2 ELSE 1 END) AS role,
       arg_max(a.level, CASE a.level WHEN 'senior' THEN 4 WHEN 'technical' THEN 3 WHEN 'other' THEN 2 ELSE 1 END)
           AS level,
       bool_or(a.illustrative = 'yes') AS illustrative, e.confidential, e.source
FROM states_at_events a JOIN events e USING (event_id)
WHERE a.iso3 = $iso3
GROUP BY ALL
ORDER BY a.start_date, a.event_id
