-- For each year from $first_year to $last_year: the States named at an event for the first time in it (new),
-- and all named so far (reached).
WITH years AS (SELECT range AS year FROM range($first_year, $last_year + 1)),
firsts AS (SELECT iso3, min(year(start_date)) AS year FROM states_at_events GROUP BY iso3),
per_year AS (SELECT year, count(*) AS new FROM firsts GROUP BY year)
SELECT years.year::INTEGER AS year, coalesce(new, 0)::INTEGER AS new,
       (sum(coalesce(new, 0)) OVER (ORDER BY years.year)
        + (SELECT count(*) FROM firsts WHERE year < $first_year))::INTEGER AS reached
FROM years LEFT JOIN per_year USING (year)
ORDER BY year
