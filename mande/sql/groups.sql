-- The groups of the grouping $grouping, in alphabetical order.
SELECT DISTINCT "group" FROM groups WHERE grouping = $grouping ORDER BY "group"
