-- Schema version 9: what the filters mode, sector, attribution and bbox read, kept on the narrow
-- key rows (and a per-sector table beside the per-country one) so that they walk an index in
-- date order or test a key row without reading the events.
--
-- event_keys.mode: the event's mode; lat, lon: its place's point; attribution: the words of its
--   attribution (its text and its actor's name) as ' word word ' (name_words: folded, lower
--   case), NULL when the event is not attributed.
-- event_sectors: the distinct actor sectors of each event, in date order per sector.
-- event_counts gains the dimensions mode, sector and attributed ('1'/'0').

ALTER TABLE event_keys ADD COLUMN mode TEXT;
ALTER TABLE event_keys ADD COLUMN lat REAL;
ALTER TABLE event_keys ADD COLUMN lon REAL;
ALTER TABLE event_keys ADD COLUMN attribution TEXT;
CREATE INDEX event_keys_mode ON event_keys(mode, day);
CREATE INDEX event_keys_point ON event_keys(lat, lon);

CREATE TABLE event_sectors (
    sector TEXT NOT NULL,
    day INTEGER NOT NULL,
    doc_n INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (sector, day, doc_n, n),
    FOREIGN KEY (doc_n, n) REFERENCES event_keys(doc_n, n) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX event_sectors_event ON event_sectors(doc_n, n);

DROP TRIGGER events_keyed;
CREATE TRIGGER events_keyed AFTER INSERT ON events BEGIN
    INSERT INTO event_keys (doc_n, n, doc_id, id, day, day_last, type, factuality, place_country, mode, lat, lon,
                            attribution)
    SELECT d.n, new.n, new.doc_id, new.id,
           coalesce(CAST(replace(new.date_first, '-', '') AS INTEGER), 0),
           coalesce(CAST(replace(new.date_last, '-', '') AS INTEGER), 0),
           new.type, new.factuality, p.country, new.mode, p.lat, p.lon,
           CASE WHEN new.attribution_text IS NULL AND new.attribution_entity IS NULL THEN NULL
                ELSE ' ' || name_words(coalesce(new.attribution_text, '') || ' ' || coalesce(
                    (SELECT en.name FROM entities en WHERE en.doc_id = new.doc_id AND en.id = new.attribution_entity),
                    '')) || ' ' END
    FROM documents d LEFT JOIN places p ON p.doc_id = new.doc_id AND p.id = new.place
    WHERE d.id = new.doc_id;
END;

CREATE TRIGGER event_actors_sectors AFTER INSERT ON event_actors BEGIN
    INSERT OR IGNORE INTO event_sectors (sector, day, doc_n, n)
    SELECT en.sector, k.day, k.doc_n, k.n
    FROM entities en JOIN event_keys k ON k.doc_id = new.doc_id AND k.id = new.event_id
    WHERE en.doc_id = new.doc_id AND en.id = new.entity_id AND en.sector IS NOT NULL;
END;

CREATE TRIGGER event_keys_counted_more AFTER INSERT ON event_keys BEGIN
    INSERT INTO event_counts VALUES ('mode', coalesce(new.mode, ''), 1) ON CONFLICT (dim, key) DO UPDATE SET n = n + 1;
    INSERT INTO event_counts VALUES ('attributed', CASE WHEN new.attribution IS NULL THEN '0' ELSE '1' END, 1)
        ON CONFLICT (dim, key) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER event_keys_uncounted_more AFTER DELETE ON event_keys BEGIN
    UPDATE event_counts SET n = n - 1 WHERE dim = 'mode' AND key = coalesce(old.mode, '');
    UPDATE event_counts SET n = n - 1 WHERE dim = 'attributed'
        AND key = CASE WHEN old.attribution IS NULL THEN '0' ELSE '1' END;
END;

CREATE TRIGGER event_sectors_counted AFTER INSERT ON event_sectors BEGIN
    INSERT INTO event_counts VALUES ('sector', new.sector, 1) ON CONFLICT (dim, key) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER event_sectors_uncounted AFTER DELETE ON event_sectors BEGIN
    UPDATE event_counts SET n = n - 1 WHERE dim = 'sector' AND key = old.sector;
END;

-- The rows already stored.
UPDATE event_keys SET mode = e.mode, lat = p.lat, lon = p.lon,
    attribution = CASE WHEN e.attribution_text IS NULL AND e.attribution_entity IS NULL THEN NULL
                       ELSE ' ' || name_words(coalesce(e.attribution_text, '') || ' ' || coalesce(en.name, '')) || ' ' END
FROM events e
LEFT JOIN places p ON p.doc_id = e.doc_id AND p.id = e.place
LEFT JOIN entities en ON en.doc_id = e.doc_id AND en.id = e.attribution_entity
WHERE e.doc_id = event_keys.doc_id AND e.id = event_keys.id;

INSERT OR IGNORE INTO event_sectors (sector, day, doc_n, n)
SELECT en.sector, k.day, k.doc_n, k.n
FROM event_actors a JOIN entities en ON en.doc_id = a.doc_id AND en.id = a.entity_id
JOIN event_keys k ON k.doc_id = a.doc_id AND k.id = a.event_id
WHERE en.sector IS NOT NULL;

INSERT INTO event_counts (dim, key, n)
SELECT 'mode', coalesce(mode, ''), count(*) FROM event_keys GROUP BY coalesce(mode, '');
INSERT INTO event_counts (dim, key, n)
SELECT 'attributed', CASE WHEN attribution IS NULL THEN '0' ELSE '1' END, count(*) FROM event_keys GROUP BY 2;
