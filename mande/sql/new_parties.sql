-- The States that became party to $treaty in $year (R1.1 for UNCAT): each consent to be bound whose date of
-- deposit falls in the year (party_changes, views.sql), with the State's name, in date order.
SELECT s.name, c."date", c.date_precision, c.date_earliest, c.action
FROM party_changes c JOIN states s USING (iso3)
WHERE c.treaty = $treaty AND c.change > 0 AND year(c."date") = $year
ORDER BY c."date", collated(s.name)
