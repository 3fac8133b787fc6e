-- How many rows of the table $table the cursor's audience may read.
SELECT count(*) FROM query_table($table)
