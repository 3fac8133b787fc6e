-- How many rows of the table $table the cursor's audience may read, and how many of them are illustrative.
SELECT count(*), count(*) FILTER (WHERE illustrative = 'yes') FROM query_table($table)
