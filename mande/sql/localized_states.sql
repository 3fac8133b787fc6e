-- The States, each named in the language of the cursor reading them (its variable `language`, which db.cursor
-- sets; English, the name as recorded, where none is set). Created in the schema `secretariat` over the table of
-- states as recorded: every query and view, of either audience, that reads `states` reads the names from here.
CREATE VIEW states AS
SELECT s.* REPLACE (coalesce(n.name, s.name) AS name)
FROM states_as_recorded s
LEFT JOIN state_names n ON n.iso3 = s.iso3 AND n.language = getvariable('language');
