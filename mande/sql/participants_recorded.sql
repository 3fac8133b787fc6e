-- What is recorded of the participants of the event $event_id: entries and people by type, level, gender and
-- mode ($not_recorded where a gender or mode is not).
SELECT participant_type, level, coalesce(gender, $not_recorded) AS gender, coalesce(mode, $not_recorded) AS mode,
       count(*) AS entries, people_counted("count") AS people, bool_or(illustrative = 'yes') AS illustrative
FROM participation
WHERE event_id = $event_id
GROUP BY ALL
ORDER BY ALL
