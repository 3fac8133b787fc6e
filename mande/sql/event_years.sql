-- The first and last years in which an event began (NULL, NULL when there is none).
SELECT min(year(start_date)), max(year(start_date)) FROM events
