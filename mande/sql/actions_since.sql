-- The treaty actions after $since, up to $as_of, that a Forum is told of: each consent to be bound
-- (party_changes, views.sql) and each signature, with the State's name; UNCAT first, then in date order.
SELECT c.treaty, s.name, c.action, c."date", c.date_precision, c.date_earliest
FROM party_changes c JOIN states s USING (iso3)
WHERE c.change > 0 AND c."date" > $since AND c."date" <= $as_of
UNION ALL
SELECT a.treaty, s.name, a.action, a."date", a.date_precision, a.date_earliest
FROM treaty_actions a JOIN states s USING (iso3)
WHERE a.action = 'signature' AND a."date" > $since AND a."date" <= $as_of
ORDER BY treaty <> 'UNCAT', "date", collated(name)
