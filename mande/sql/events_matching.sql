-- The events the Events page's filters choose, in date order: of the types $types, begun from $first_year to
-- $last_year, in the broad regions $regions and the formats $formats. An empty list chooses every value;
-- $not_recorded stands for a region or format the record leaves empty.
SELECT e.event_id, e.title, e.type, e.start_date, e.date_precision, e.end_date, e.city,
       s.name AS country, e.region, e.format, e.participants, e.states_represented, e.partners,
       e.source, e.note, e.confidential = 'yes' AS confidential
FROM events e LEFT JOIN states s ON s.iso3 = e.country_iso3
WHERE (len($types) = 0 OR list_contains($types, e.type))
  AND year(e.start_date) BETWEEN $first_year AND $last_year
  AND (len($regions) = 0 OR list_contains($regions, coalesce(broad_region(e.region), $not_recorded)))
  AND (len($formats) = 0 OR list_contains($formats, coalesce(e.format, $not_recorded)))
ORDER BY e.start_date, e.event_id
