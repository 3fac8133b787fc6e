-- What datasets.csv says of each data file: the date it was checked to, its sources and note.
SELECT "table", as_of, source, note FROM datasets
