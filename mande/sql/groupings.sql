-- The groupings in the data, in alphabetical order.
SELECT DISTINCT grouping FROM groups ORDER BY grouping
