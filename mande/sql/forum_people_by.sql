-- The participants at each forum (an event of the types $forums) by $by, 'gender' or 'mode', where the value
-- is recorded.
WITH entries AS (
    SELECT p.event_id, CASE $by WHEN 'gender' THEN p.gender WHEN 'mode' THEN p.mode END AS value,
           p."count", p.illustrative
    FROM participation p JOIN events e USING (event_id)
    WHERE list_contains($forums, e.type)
)
SELECT event_id, value, people_counted("count") AS people, bool_or(illustrative = 'yes') AS illustrative
FROM entries
WHERE value IS NOT NULL
GROUP BY ALL
ORDER BY ALL
