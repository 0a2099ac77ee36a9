-- Schema version 11 (PostgreSQL dialect of migrations/0011_counts.sql): documents indexed by
-- their date, and event_cube, the events counted by every combination of their period and key
-- columns, kept by a trigger.

CREATE INDEX documents_dct ON documents(dct_value, n);

CREATE TABLE event_cube (
    type text NOT NULL,
    day integer NOT NULL,
    day_last integer NOT NULL,
    factuality text NOT NULL,
    place_country text NOT NULL,
    mode text NOT NULL,
    attributed integer NOT NULL,
    n bigint NOT NULL,
    PRIMARY KEY (type, day, day_last, factuality, place_country, mode, attributed)
);
CREATE INDEX event_cube_day ON event_cube(day, day_last);

CREATE FUNCTION event_keys_cubed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r event_keys;
    delta integer;
BEGIN
    IF TG_OP = 'INSERT' THEN r := NEW; delta := 1; ELSE r := OLD; delta := -1; END IF;
    INSERT INTO event_cube VALUES (r.type, r.day, r.day_last, r.factuality, coalesce(r.place_country, ''),
                                   coalesce(r.mode, ''), (r.attribution IS NOT NULL)::integer, delta)
    ON CONFLICT (type, day, day_last, factuality, place_country, mode, attributed)
    DO UPDATE SET n = event_cube.n + excluded.n;
    RETURN NULL;
END $$;
CREATE TRIGGER event_keys_cubed AFTER INSERT OR DELETE ON event_keys FOR EACH ROW
    EXECUTE FUNCTION event_keys_cubed();

INSERT INTO event_cube
SELECT type, day, day_last, factuality, coalesce(place_country, ''), coalesce(mode, ''),
       (attribution IS NOT NULL)::integer, count(*)
FROM event_keys GROUP BY 1, 2, 3, 4, 5, 6, 7;
