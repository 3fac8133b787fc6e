-- Every request for technical advice with the State that made it (as "State": a table links it to its profile),
-- newest first. The Secretariat's view only: the table advice does not exist for the public (public.sql), so on
-- a public cursor this fails.
SELECT a.request_id, a."date", s.name AS "State", a.topic, a.confidential, a.illustrative, a.note
FROM advice a JOIN states s USING (iso3)
ORDER BY a."date" DESC, a.request_id
