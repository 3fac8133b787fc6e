-- The view advice_per_year (views.sql: counts only, a small count suppressed) for the years from $first_year to
-- $last_year that have advice records.
SELECT year, requests, states, illustrative FROM advice_per_year
WHERE year BETWEEN $first_year AND $last_year
ORDER BY year
