-- The figures the Secretariat records by hand (outputs.csv): each indicator's value in a year, the day a
-- milestone was done, whether the figure is illustrative, and its evidence.
SELECT indicator_id, year, value, done_date, illustrative = 'yes' AS illustrative, evidence FROM outputs
