-- The status of the State $iso3 on $as_of for UNCAT and for OPCAT, one row per treaty (status_as_of).
SELECT 'UNCAT' AS treaty, * FROM status_as_of('UNCAT', $as_of) WHERE iso3 = $iso3
UNION ALL
SELECT 'OPCAT' AS treaty, * FROM status_as_of('OPCAT', $as_of) WHERE iso3 = $iso3
ORDER BY treaty DESC
