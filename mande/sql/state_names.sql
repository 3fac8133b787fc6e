-- Every State's name by its ISO3 code, in alphabetical order of name: the choices of the State profile.
SELECT iso3, name FROM states ORDER BY collated(name)
