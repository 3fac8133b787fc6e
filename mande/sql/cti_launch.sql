-- When the CTI was launched: the earliest start of a core State's membership.
SELECT min(start_date) FROM groups WHERE grouping = 'cti' AND "group" = 'Core State'
