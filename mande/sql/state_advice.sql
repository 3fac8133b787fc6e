-- The State $iso3's requests for technical advice, in date order. The Secretariat's view only: the table advice
-- does not exist for the public (public.sql), so on a public cursor this fails.
SELECT request_id, "date", topic, confidential, illustrative = 'yes' AS illustrative
FROM advice
WHERE iso3 = $iso3
ORDER BY "date", request_id
