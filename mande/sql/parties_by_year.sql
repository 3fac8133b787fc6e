-- For each year from $first_year to $last_year, for the treaty $treaty: the States that became party in it
-- (joined) and the parties at its end (parties); only the States $states (iso3 codes) unless it is NULL.
WITH years AS (SELECT range AS year FROM range($first_year, $last_year + 1)),
changes AS (
    SELECT * FROM party_changes
    WHERE treaty = $treaty AND ($states IS NULL OR list_contains($states, iso3))
),
yearly AS (
    SELECT year("date") AS year,
           sum(change) FILTER (WHERE change > 0) AS joined,
           sum(change) AS net
    FROM changes GROUP BY ALL
),
before AS (SELECT coalesce(sum(change), 0) AS n FROM changes WHERE year("date") < $first_year)
SELECT years.year::INTEGER AS year,
       coalesce(yearly.joined, 0)::INTEGER AS joined,
       ((SELECT n FROM before) + sum(coalesce(yearly.net, 0)) OVER (ORDER BY years.year))::INTEGER AS parties
FROM years LEFT JOIN yearly USING (year)
ORDER BY year
