-- How many States the data holds.
SELECT count(*) FROM states
