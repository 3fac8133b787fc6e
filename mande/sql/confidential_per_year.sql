-- How many confidential events began in each year from $first_year to $last_year that had any.
SELECT year, events FROM confidential_events_per_year WHERE year BETWEEN $first_year AND $last_year ORDER BY year
