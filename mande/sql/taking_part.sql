-- The States named at events that began from $first_year to $last_year, of the types $types (any, if NULL), at
-- the level $level (any, if NULL) and in the roles $roles: each with its first such event and how many.
SELECT a.iso3, s.name, arg_min(a.title, a.start_date) AS first_event,
       min(a.start_date) AS first_date, arg_min(a.date_precision, a.start_date) AS first_precision,
       count(DISTINCT a.event_id) AS events, bool_or(a.illustrative = 'yes') AS illustrative
FROM states_at_events a JOIN states s USING (iso3)
WHERE year(a.start_date) BETWEEN $first_year AND $last_year
  AND ($types IS NULL OR list_contains($types, a.type))
  AND ($level IS NULL OR a.level = $level)
  AND list_contains($roles, a.role)
GROUP BY a.iso3, s.name
ORDER BY a.iso3
