-- Schema version 3 (the Postgres dialect of ../0003_group_countries.sql): whether an entity's
-- country comes from the document's places.

ALTER TABLE entities ADD COLUMN country_from_context boolean;
