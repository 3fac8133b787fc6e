-- The slides of the presentation, in the order the Secretariat gives them (slides.csv).
SELECT kind, iso3, event_id FROM slides ORDER BY position
