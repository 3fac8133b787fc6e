-- The groups of every grouping that the State $iso3 belongs to on $as_of (memberships_as_of), by grouping.
SELECT grouping, "group" FROM memberships_as_of($as_of) WHERE iso3 = $iso3 ORDER BY grouping, "group"
