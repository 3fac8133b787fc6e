-- The tables (and views) the cursor's audience may read: those of its own schema (db.py chooses it).
SELECT table_name FROM information_schema.tables
WHERE table_catalog = current_database() AND table_schema = current_schema()
