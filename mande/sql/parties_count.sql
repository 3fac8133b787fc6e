-- How many States (of $states, iso3 codes, unless it is NULL) were party to the treaty $treaty on $as_of.
SELECT coalesce(sum(change), 0)::INTEGER FROM party_changes
WHERE treaty = $treaty AND "date" <= $as_of AND ($states IS NULL OR list_contains($states, iso3))
