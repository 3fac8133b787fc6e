-- Every indicator of the results framework with each year of its period, from $first_year to $last_year (either
-- NULL: no bound), in the order the results are shown.
SELECT f.*, y.year FROM framework f, LATERAL range(f.period_start, f.period_end + 1) y(year)
WHERE ($first_year IS NULL OR y.year >= $first_year) AND ($last_year IS NULL OR y.year <= $last_year)
ORDER BY f.period_start, f.result_id, f.indicator_id, y.year
