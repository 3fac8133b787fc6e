-- The events of the types $types that began in the year $year (the records behind event_count), in date order.
SELECT event_id, title, type, start_date, date_precision, end_date, city, format, source
FROM events
WHERE list_contains($types, type) AND year(start_date) = $year
ORDER BY start_date, event_id
