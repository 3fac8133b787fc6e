-- What the public view may read of the records, created in the schema `public` (db.py). The records
-- themselves are tables of the schema `secretariat`, the Secretariat's view. A public cursor resolves every
-- name here: a table left out of this file does not exist for the public at all, so a query that would read
-- it fails instead of showing it. Confidential events, and everything recorded of them, are left out; the
-- requests for technical advice are left out altogether ("no name, no shame"): views.sql counts them.
CREATE VIEW states AS SELECT * FROM secretariat.states;
CREATE VIEW groups AS SELECT * FROM secretariat.groups;
CREATE VIEW treaty_actions AS SELECT * FROM secretariat.treaty_actions;
CREATE VIEW framework AS SELECT * FROM secretariat.framework;
CREATE VIEW targets AS SELECT * FROM secretariat.targets;
CREATE VIEW outputs AS SELECT * FROM secretariat.outputs;
CREATE VIEW events AS SELECT * FROM secretariat.events WHERE confidential = 'no';
CREATE VIEW participation AS SELECT p.* FROM secretariat.participation p JOIN events USING (event_id);
CREATE VIEW datasets AS SELECT * FROM secretariat.datasets;
-- Slides are public, but not the Secretariat's note on each; a Forum's slide shows only a public event (contracts.py
-- checks it; this holds it).
CREATE VIEW slides AS SELECT position, kind, iso3, event_id FROM secretariat.slides
WHERE event_id IS NULL OR event_id IN (SELECT event_id FROM events);
