-- The status of every State for the treaty $treaty on $as_of (views.sql's status_as_of), sorted by name.
SELECT * FROM status_as_of($treaty, $as_of) ORDER BY collated(name)
