-- The broad regions of the events (views.sql's broad_region), sorted, with $not_recorded (for an event whose
-- region is not recorded) last.
SELECT DISTINCT coalesce(broad_region(region), $not_recorded) AS region
FROM events
ORDER BY region = $not_recorded, region
