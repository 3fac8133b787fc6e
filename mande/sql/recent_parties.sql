-- The $limit States that became party to the treaty $treaty most recently on or before $as_of, newest first.
SELECT name, iso3, consent_type, consent_date, consent_precision, consent_earliest
FROM status_as_of($treaty, $as_of) WHERE status = 'party'
ORDER BY consent_date DESC, collated(name)
LIMIT $limit
