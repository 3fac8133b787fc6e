-- How many events of the types $types began in the year $year.
SELECT count(*) FROM events WHERE list_contains($types, type) AND year(start_date) = $year
