-- Schema version 2 (the Postgres dialect of ../0002_record_details.sql): columns for the record
-- fields the stages added after version 1.

ALTER TABLE entity_mentions ADD COLUMN kind text;
ALTER TABLE place_mentions ADD COLUMN kind text;
ALTER TABLE entities ADD COLUMN "of" text;
ALTER TABLE entities ADD COLUMN metonymy boolean;
ALTER TABLE times ADD COLUMN "mod" text;
ALTER TABLE times ADD COLUMN resolved text;
ALTER TABLE times ADD COLUMN dct boolean;
ALTER TABLE times ADD COLUMN narrowed text;
ALTER TABLE quantities ADD COLUMN high double precision;
ALTER TABLE quantities ADD COLUMN noun text;
ALTER TABLE quotes ADD COLUMN partial boolean;
ALTER TABLE events ADD COLUMN attribution_start integer;
ALTER TABLE events ADD COLUMN attribution_end integer;
ALTER TABLE events ADD COLUMN sizes jsonb;
CREATE INDEX quantities_category ON quantities(category);
