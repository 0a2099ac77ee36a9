-- Schema version 5 (the Postgres dialect of ../0005_unresolved_places.sql): a place the gazetteer
-- cannot resolve is kept with its name and mentions, "resolved" false and no point, country or
-- feature. Postgres drops NOT NULL in place (SQLite rebuilds the tables).

ALTER TABLE places ALTER COLUMN lat DROP NOT NULL;
ALTER TABLE places ALTER COLUMN lon DROP NOT NULL;
ALTER TABLE places ALTER COLUMN country DROP NOT NULL;
ALTER TABLE places ALTER COLUMN feature DROP NOT NULL;
ALTER TABLE places ADD COLUMN resolved boolean NOT NULL DEFAULT true;
CREATE INDEX places_unresolved ON places(doc_id) WHERE NOT resolved;
