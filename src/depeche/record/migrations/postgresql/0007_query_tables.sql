-- Schema version 7 (the Postgres dialect of ../0007_query_tables.sql): what queries over a million
-- events need, the sentences of each document, and French full-text search.
--
-- event_keys: one narrow row per event with what filters and ordering read, its date as YYYYMMDD
--   integers (day: first day of its period, day_last: last; 0: undated); one b-tree per filter whose
--   key ends with the sort key (day, doc_n, n), so that the first page of a filter reads a page of index.
-- event_countries: the distinct actor countries of each event, in date order per country.
-- event_counts: events counted by type, factuality, place country, actor country and period, so that
--   stats and unfiltered facets read a few hundred rows, never the events.
-- Row triggers fill the three from the rows written. Writers take a transaction advisory lock
-- (depeche.record.postgres), so two ingests never update the counts in opposite orders.
--
-- Full-text search: french_unaccent stems French words without accents ("manifestations",
-- "manifestation" -> "manifest"; "défense" -> "defens"), with no stop words left out (as SQLite's
-- index); french_unaccent_words keeps the words as written, without accents, for phrases and
-- prefixes. Two GIN indexes on the documents' text, one per configuration.

ALTER TABLE documents ADD COLUMN sentences jsonb NOT NULL DEFAULT '[]';

CREATE TABLE event_keys (
    doc_n bigint NOT NULL,
    n integer NOT NULL,
    doc_id text NOT NULL,
    id text NOT NULL,
    day integer NOT NULL,
    day_last integer NOT NULL,
    type text NOT NULL,
    factuality text NOT NULL,
    place_country text,
    PRIMARY KEY (doc_n, n),
    FOREIGN KEY (doc_id, id) REFERENCES events(doc_id, id) ON DELETE CASCADE
);
CREATE INDEX event_keys_day ON event_keys(day, doc_n, n);
CREATE INDEX event_keys_type ON event_keys(type, day, doc_n, n);
CREATE INDEX event_keys_factuality ON event_keys(factuality, day, doc_n, n);
CREATE INDEX event_keys_place ON event_keys(place_country, day, doc_n, n);
CREATE INDEX event_keys_event ON event_keys(doc_id, id);

CREATE TABLE event_countries (
    country text NOT NULL,
    day integer NOT NULL,
    doc_n bigint NOT NULL,
    n integer NOT NULL,
    PRIMARY KEY (country, day, doc_n, n),
    FOREIGN KEY (doc_n, n) REFERENCES event_keys(doc_n, n) ON DELETE CASCADE
);
CREATE INDEX event_countries_event ON event_countries(doc_n, n);

CREATE TABLE event_counts (
    dim text NOT NULL,
    key text NOT NULL,
    n bigint NOT NULL,
    PRIMARY KEY (dim, key)
);

CREATE FUNCTION depeche_day(value text) RETURNS integer LANGUAGE sql IMMUTABLE AS
$$ SELECT coalesce(replace(value, '-', '')::integer, 0) $$;

CREATE FUNCTION events_keyed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO event_keys (doc_n, n, doc_id, id, day, day_last, type, factuality, place_country)
    SELECT d.n, NEW.n, NEW.doc_id, NEW.id, depeche_day(NEW.date_first), depeche_day(NEW.date_last),
           NEW.type, NEW.factuality,
           (SELECT p.country FROM places p WHERE p.doc_id = NEW.doc_id AND p.id = NEW.place)
    FROM documents d WHERE d.id = NEW.doc_id;
    RETURN NULL;
END $$;
CREATE TRIGGER events_keyed AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION events_keyed();

CREATE FUNCTION event_actors_countries() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO event_countries (country, day, doc_n, n)
    SELECT en.country, k.day, k.doc_n, k.n
    FROM entities en JOIN event_keys k ON k.doc_id = NEW.doc_id AND k.id = NEW.event_id
    WHERE en.doc_id = NEW.doc_id AND en.id = NEW.entity_id AND en.country IS NOT NULL
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
CREATE TRIGGER event_actors_countries AFTER INSERT ON event_actors FOR EACH ROW
    EXECUTE FUNCTION event_actors_countries();

CREATE FUNCTION event_count(dimension text, value text, delta integer) RETURNS void LANGUAGE sql AS $$
    INSERT INTO event_counts (dim, key, n) VALUES (dimension, value, delta)
    ON CONFLICT (dim, key) DO UPDATE SET n = event_counts.n + excluded.n
$$;

CREATE FUNCTION event_keys_counted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r event_keys;
    delta integer;
BEGIN
    IF TG_OP = 'INSERT' THEN r := NEW; delta := 1; ELSE r := OLD; delta := -1; END IF;
    PERFORM event_count('type', r.type, delta);
    PERFORM event_count('factuality', r.factuality, delta);
    PERFORM event_count('place_country', coalesce(r.place_country, ''), delta);
    PERFORM event_count('period', r.day || '-' || r.day_last, delta);
    RETURN NULL;
END $$;
CREATE TRIGGER event_keys_counted AFTER INSERT OR DELETE ON event_keys FOR EACH ROW
    EXECUTE FUNCTION event_keys_counted();

CREATE FUNCTION event_countries_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM event_count('country', NEW.country, 1);
    ELSE
        PERFORM event_count('country', OLD.country, -1);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER event_countries_counted AFTER INSERT OR DELETE ON event_countries FOR EACH ROW
    EXECUTE FUNCTION event_countries_counted();

CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH DICTIONARY french_stem_all (TEMPLATE = snowball, LANGUAGE = french);
CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
ALTER TEXT SEARCH CONFIGURATION french_unaccent
    ALTER MAPPING FOR asciiword, word, numword, hword_part, hword_asciipart, hword_numpart
    WITH unaccent, french_stem_all;
ALTER TEXT SEARCH CONFIGURATION french_unaccent DROP MAPPING FOR hword, asciihword, numhword;
CREATE TEXT SEARCH CONFIGURATION french_unaccent_words (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION french_unaccent_words
    ALTER MAPPING FOR asciiword, word, numword, hword_part, hword_asciipart, hword_numpart
    WITH unaccent, simple;
ALTER TEXT SEARCH CONFIGURATION french_unaccent_words DROP MAPPING FOR hword, asciihword, numhword;
CREATE INDEX documents_stems ON documents USING gin (to_tsvector('french_unaccent'::regconfig, text));
CREATE INDEX documents_words ON documents USING gin (to_tsvector('french_unaccent_words'::regconfig, text));
