-- Schema version 11: counts that do not read the events.
--
-- documents_dct: documents by their date, so that counting them by day, week or month (the
--   timeline's share of documents) reads a narrow index, not the documents' text.
-- event_cube: events counted by every combination of their period (day, day_last) and the key
--   columns type, factuality, place_country ('' for none), mode ('' for none) and attributed
--   (1/0). A timeline, a count or the facets of those columns under filters on those columns
--   alone (dates, type, factuality, place country, mode, attribution any/none) read the cube:
--   as many rows as there are distinct combinations, not as many as events. Triggers keep it.

CREATE INDEX documents_dct ON documents(dct_value);

CREATE TABLE event_cube (
    type TEXT NOT NULL,
    day INTEGER NOT NULL,
    day_last INTEGER NOT NULL,
    factuality TEXT NOT NULL,
    place_country TEXT NOT NULL,
    mode TEXT NOT NULL,
    attributed INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (type, day, day_last, factuality, place_country, mode, attributed)
) WITHOUT ROWID;
CREATE INDEX event_cube_day ON event_cube(day, day_last);

CREATE TRIGGER event_keys_cubed AFTER INSERT ON event_keys BEGIN
    INSERT INTO event_cube VALUES (new.type, new.day, new.day_last, new.factuality, coalesce(new.place_country, ''),
                                   coalesce(new.mode, ''), new.attribution IS NOT NULL, 1)
    ON CONFLICT (type, day, day_last, factuality, place_country, mode, attributed) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER event_keys_uncubed AFTER DELETE ON event_keys BEGIN
    UPDATE event_cube SET n = n - 1
    WHERE type = old.type AND day = old.day AND day_last = old.day_last AND factuality = old.factuality
      AND place_country = coalesce(old.place_country, '') AND mode = coalesce(old.mode, '')
      AND attributed = (old.attribution IS NOT NULL);
END;

-- The rows already stored.
INSERT INTO event_cube
SELECT type, day, day_last, factuality, coalesce(place_country, ''), coalesce(mode, ''), attribution IS NOT NULL, count(*)
FROM event_keys GROUP BY 1, 2, 3, 4, 5, 6, 7;
