-- The day the first event of $types began in $year (NULL if none did): when a milestone counted in events,
-- such as the global forum (R4.8), was done.
SELECT min(start_date) FROM events WHERE list_contains($types, type) AND year(start_date) = $year
