-- The date the data file of the table $table was last checked, with the source and note datasets.csv gives.
SELECT as_of, source, note FROM datasets WHERE "table" = $table
