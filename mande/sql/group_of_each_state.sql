-- Each State's group in the grouping $grouping on $as_of (the first by name, were it in two); States in none are
-- left out.
SELECT iso3, min("group") FROM memberships_as_of($as_of) WHERE grouping = $grouping GROUP BY iso3
