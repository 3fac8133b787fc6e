-- The event $event_id, with the name of the State it was held in (no row when the view may not show it).
SELECT e.*, s.name AS country FROM events e LEFT JOIN states s ON s.iso3 = e.country_iso3 WHERE e.event_id = $event_id
