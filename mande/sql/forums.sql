-- The forums (events of the types $forums) year by year: what their sources state, and how many States (and
-- States at senior level) a source names there.
SELECT e.event_id, e.title, e.type, year(e.start_date) AS year, e.start_date, e.end_date, e.date_precision,
       e.city, e.format, e.participants, e.states_represented,
       nullif(count(DISTINCT p.iso3), 0) AS states_named,
       CASE WHEN bool_or(p.level <> 'unknown')
            THEN count(DISTINCT p.iso3) FILTER (WHERE p.level = 'senior') END AS senior_named,
       coalesce(bool_or(p.illustrative = 'yes'), false) AS illustrative,
       e.source, e.note
FROM events e LEFT JOIN participation p USING (event_id)
WHERE list_contains($forums, e.type)
GROUP BY ALL
ORDER BY e.start_date
