-- The strategy periods of the results framework, latest first.
SELECT DISTINCT period_start, period_end FROM framework ORDER BY period_start DESC, period_end DESC
