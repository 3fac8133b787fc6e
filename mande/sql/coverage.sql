-- What each data file behind a derived figure can know (mande/measures.py names the file that bounds each
-- measure): the first day it has records for, and the day its facts are confirmed to (`as_of` in
-- datasets.csv; NULL when not recorded). A figure outside these dates is unknown, never 0.
WITH first_record("table", first_day) AS (
    SELECT 'treaty_actions', min("date") FROM treaty_actions
    UNION ALL SELECT 'events', min(start_date) FROM events
    UNION ALL SELECT 'participation', min(e.start_date) FROM participation JOIN events e USING (event_id)
    UNION ALL SELECT 'advice', make_date(min(year)::INTEGER, 1, 1) FROM advice_per_year
)
SELECT f."table", f.first_day, d.as_of FROM first_record f LEFT JOIN datasets d USING ("table")
