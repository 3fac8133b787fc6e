-- The treaty actions whose date is confirmed only to the month or year, or lies in a range.
SELECT s.name, a.iso3, a.treaty, a.action, a."date", a.date_precision, a.date_earliest, a.source, a.note
FROM treaty_actions a JOIN states s USING (iso3)
WHERE a.date_precision <> 'day'
ORDER BY a.treaty DESC, collated(s.name), a."date"
