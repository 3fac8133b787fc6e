-- Every treaty action of the State $iso3 (UNCAT first, then OPCAT), in date order, with how precise its date
-- is and its source.
SELECT treaty, action, "date", date_precision, date_earliest, source, note
FROM treaty_actions
WHERE iso3 = $iso3
ORDER BY treaty DESC, "date"
