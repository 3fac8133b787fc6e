-- Every indicator's target in each year of targets.csv, or a milestone's due date.
SELECT indicator_id, year, target_min, target_max, due_date FROM targets
