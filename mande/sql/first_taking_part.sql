-- Every State a source names at an event: its first such event, how many events, and its status for the treaty
-- $treaty then (party_then) and since (became_party, the date it became party if after its first event).
WITH taking_part AS (
    SELECT iso3, min(start_date) AS first_date, arg_min(date_precision, start_date) AS first_precision,
           arg_min(title, start_date) AS first_event, count(DISTINCT event_id) AS events
    FROM states_at_events
    GROUP BY iso3
),
changes AS (SELECT * FROM party_changes WHERE treaty = $treaty)
SELECT t.iso3, s.name, t.first_date, t.first_precision, t.first_event, t.events,
       coalesce((SELECT sum(change) FROM changes c WHERE c.iso3 = t.iso3
                 AND c."date" <= t.first_date), 0) > 0 AS party_then,
       (SELECT min("date") FROM changes c WHERE c.iso3 = t.iso3 AND c.change > 0
        AND c."date" > t.first_date) AS became_party
FROM taking_part t JOIN states s USING (iso3)
ORDER BY t.first_date, collated(s.name)
