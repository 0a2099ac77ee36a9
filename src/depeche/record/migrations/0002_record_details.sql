-- Schema version 2: columns for the record fields the stages added after version 1
-- (rows written by version 1 keep these values in "extra", which reading still merges).

ALTER TABLE entity_mentions ADD COLUMN kind TEXT;
ALTER TABLE place_mentions ADD COLUMN kind TEXT;
ALTER TABLE entities ADD COLUMN "of" TEXT;
ALTER TABLE entities ADD COLUMN metonymy INTEGER;
ALTER TABLE times ADD COLUMN "mod" TEXT;
ALTER TABLE times ADD COLUMN resolved TEXT;
ALTER TABLE times ADD COLUMN dct INTEGER;
ALTER TABLE times ADD COLUMN narrowed TEXT;
ALTER TABLE quantities ADD COLUMN high REAL;
ALTER TABLE quantities ADD COLUMN noun TEXT;
ALTER TABLE quotes ADD COLUMN partial INTEGER;
ALTER TABLE events ADD COLUMN attribution_start INTEGER;
ALTER TABLE events ADD COLUMN attribution_end INTEGER;
-- PLOVER size fields of an event ("dead", "injured", "arrested", ...) -> quantity ids.
ALTER TABLE events ADD COLUMN sizes JSON;
CREATE INDEX quantities_category ON quantities(category);
