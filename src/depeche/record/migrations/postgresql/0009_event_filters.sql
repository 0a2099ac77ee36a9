-- Schema version 9 (PostgreSQL dialect of migrations/0009_event_filters.sql): what the filters
-- mode, sector, attribution and bbox read, on the key rows and in a per-sector table.
-- event_keys.attribution holds the attribution's words (its text and its actor's name), lower
-- case without accents, as ' word word '; NULL when the event is not attributed.

ALTER TABLE event_keys ADD COLUMN mode text, ADD COLUMN lat double precision, ADD COLUMN lon double precision,
    ADD COLUMN attribution text;
CREATE INDEX event_keys_mode ON event_keys(mode, day, doc_n, n);
CREATE INDEX event_keys_point ON event_keys(lat, lon);

CREATE TABLE event_sectors (
    sector text NOT NULL,
    day integer NOT NULL,
    doc_n bigint NOT NULL,
    n integer NOT NULL,
    PRIMARY KEY (sector, day, doc_n, n),
    FOREIGN KEY (doc_n, n) REFERENCES event_keys(doc_n, n) ON DELETE CASCADE
);
CREATE INDEX event_sectors_event ON event_sectors(doc_n, n);

CREATE FUNCTION depeche_words(value text) RETURNS text LANGUAGE sql STABLE AS
$$ SELECT ' ' || trim(regexp_replace(lower(unaccent(value)), '[^[:alnum:]]+', ' ', 'g')) || ' ' $$;

CREATE OR REPLACE FUNCTION events_keyed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO event_keys (doc_n, n, doc_id, id, day, day_last, type, factuality, place_country, mode, lat, lon,
                            attribution)
    SELECT d.n, NEW.n, NEW.doc_id, NEW.id, depeche_day(NEW.date_first), depeche_day(NEW.date_last),
           NEW.type, NEW.factuality, p.country, NEW.mode, p.lat, p.lon,
           CASE WHEN NEW.attribution_text IS NULL AND NEW.attribution_entity IS NULL THEN NULL
                ELSE depeche_words(coalesce(NEW.attribution_text, '') || ' ' || coalesce(
                    (SELECT en.name FROM entities en WHERE en.doc_id = NEW.doc_id AND en.id = NEW.attribution_entity),
                    '')) END
    FROM documents d LEFT JOIN places p ON p.doc_id = NEW.doc_id AND p.id = NEW.place
    WHERE d.id = NEW.doc_id;
    RETURN NULL;
END $$;

CREATE FUNCTION event_actors_sectors() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO event_sectors (sector, day, doc_n, n)
    SELECT en.sector, k.day, k.doc_n, k.n
    FROM entities en JOIN event_keys k ON k.doc_id = NEW.doc_id AND k.id = NEW.event_id
    WHERE en.doc_id = NEW.doc_id AND en.id = NEW.entity_id AND en.sector IS NOT NULL
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
CREATE TRIGGER event_actors_sectors AFTER INSERT ON event_actors FOR EACH ROW
    EXECUTE FUNCTION event_actors_sectors();

CREATE FUNCTION event_keys_counted_more() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r event_keys;
    delta integer;
BEGIN
    IF TG_OP = 'INSERT' THEN r := NEW; delta := 1; ELSE r := OLD; delta := -1; END IF;
    PERFORM event_count('mode', coalesce(r.mode, ''), delta);
    PERFORM event_count('attributed', CASE WHEN r.attribution IS NULL THEN '0' ELSE '1' END, delta);
    RETURN NULL;
END $$;
CREATE TRIGGER event_keys_counted_more AFTER INSERT OR DELETE ON event_keys FOR EACH ROW
    EXECUTE FUNCTION event_keys_counted_more();

CREATE FUNCTION event_sectors_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM event_count('sector', NEW.sector, 1);
    ELSE
        PERFORM event_count('sector', OLD.sector, -1);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER event_sectors_counted AFTER INSERT OR DELETE ON event_sectors FOR EACH ROW
    EXECUTE FUNCTION event_sectors_counted();

-- The rows already stored.
UPDATE event_keys k SET mode = e.mode, lat = p.lat, lon = p.lon,
    attribution = CASE WHEN e.attribution_text IS NULL AND e.attribution_entity IS NULL THEN NULL
                       ELSE depeche_words(coalesce(e.attribution_text, '') || ' ' || coalesce(en.name, '')) END
FROM events e
LEFT JOIN places p ON p.doc_id = e.doc_id AND p.id = e.place
LEFT JOIN entities en ON en.doc_id = e.doc_id AND en.id = e.attribution_entity
WHERE e.doc_id = k.doc_id AND e.id = k.id;

INSERT INTO event_sectors (sector, day, doc_n, n)
SELECT en.sector, k.day, k.doc_n, k.n
FROM event_actors a JOIN entities en ON en.doc_id = a.doc_id AND en.id = a.entity_id
JOIN event_keys k ON k.doc_id = a.doc_id AND k.id = a.event_id
WHERE en.sector IS NOT NULL
ON CONFLICT DO NOTHING;

INSERT INTO event_counts (dim, key, n)
SELECT 'mode', coalesce(mode, ''), count(*) FROM event_keys GROUP BY coalesce(mode, '');
INSERT INTO event_counts (dim, key, n)
SELECT 'attributed', CASE WHEN attribution IS NULL THEN '0' ELSE '1' END, count(*) FROM event_keys GROUP BY 2;
