-- The signatures and consents to be bound (ratification, accession, succession) of either treaty deposited after
-- $since and on or before $until, with the State's name, in date order.
SELECT s.name, a.treaty, a.action, a."date", a.date_precision, a.date_earliest
FROM treaty_actions a JOIN states s USING (iso3)
WHERE a.action IN ('signature', 'ratification', 'accession', 'succession')
  AND a."date" > $since AND a."date" <= $until
ORDER BY a."date", s.name, a.treaty
