-- Schema version 14: each document's events counted by facet, so that the facets and the
-- timeline of a text search read one row per matching document instead of every event.
--
-- facet_values: one id per value of a dimension (type, factuality, place_country and mode,
--   '' for none; country; sector; period as 'day-day_last', the YYYYMMDD numbers of event_keys).
-- document_facets: per document, its events counted by facet id, as a blob of (id, events)
--   pairs of little-endian unsigned 32-bit integers sorted by id (record/sqlite_facets.py).
--   The triggers add each event's facets with facet_add(); the row is removed with its
--   document (its events are removed with it, never alone).

CREATE TABLE facet_values (
    id INTEGER PRIMARY KEY,
    dim TEXT NOT NULL,
    key TEXT NOT NULL,
    UNIQUE (dim, key)
);

CREATE TABLE document_facets (
    doc_n INTEGER PRIMARY KEY REFERENCES documents(n) ON DELETE CASCADE,
    counts BLOB NOT NULL
);

CREATE TRIGGER event_keys_faceted AFTER INSERT ON event_keys BEGIN
    INSERT OR IGNORE INTO facet_values (dim, key) VALUES ('type', new.type), ('factuality', new.factuality),
        ('place_country', coalesce(new.place_country, '')), ('mode', coalesce(new.mode, '')),
        ('period', new.day || '-' || new.day_last);
    INSERT OR IGNORE INTO document_facets (doc_n, counts) VALUES (new.doc_n, x'');
    UPDATE document_facets SET counts = facet_add(counts,
        (SELECT id FROM facet_values WHERE dim = 'type' AND key = new.type),
        (SELECT id FROM facet_values WHERE dim = 'factuality' AND key = new.factuality),
        (SELECT id FROM facet_values WHERE dim = 'place_country' AND key = coalesce(new.place_country, '')),
        (SELECT id FROM facet_values WHERE dim = 'mode' AND key = coalesce(new.mode, '')),
        (SELECT id FROM facet_values WHERE dim = 'period' AND key = new.day || '-' || new.day_last))
    WHERE doc_n = new.doc_n;
END;

CREATE TRIGGER event_countries_faceted AFTER INSERT ON event_countries BEGIN
    INSERT OR IGNORE INTO facet_values (dim, key) VALUES ('country', new.country);
    INSERT OR IGNORE INTO document_facets (doc_n, counts) VALUES (new.doc_n, x'');
    UPDATE document_facets SET counts = facet_add(counts,
        (SELECT id FROM facet_values WHERE dim = 'country' AND key = new.country))
    WHERE doc_n = new.doc_n;
END;

CREATE TRIGGER event_sectors_faceted AFTER INSERT ON event_sectors BEGIN
    INSERT OR IGNORE INTO facet_values (dim, key) VALUES ('sector', new.sector);
    INSERT OR IGNORE INTO document_facets (doc_n, counts) VALUES (new.doc_n, x'');
    UPDATE document_facets SET counts = facet_add(counts,
        (SELECT id FROM facet_values WHERE dim = 'sector' AND key = new.sector))
    WHERE doc_n = new.doc_n;
END;

-- The rows already stored.
INSERT OR IGNORE INTO facet_values (dim, key) SELECT DISTINCT 'type', type FROM event_keys;
INSERT OR IGNORE INTO facet_values (dim, key) SELECT DISTINCT 'factuality', factuality FROM event_keys;
INSERT OR IGNORE INTO facet_values (dim, key) SELECT DISTINCT 'place_country', coalesce(place_country, '') FROM event_keys;
INSERT OR IGNORE INTO facet_values (dim, key) SELECT DISTINCT 'mode', coalesce(mode, '') FROM event_keys;
INSERT OR IGNORE INTO facet_values (dim, key) SELECT DISTINCT 'period', day || '-' || day_last FROM event_keys;
INSERT OR IGNORE INTO facet_values (dim, key) SELECT DISTINCT 'country', country FROM event_countries;
INSERT OR IGNORE INTO facet_values (dim, key) SELECT DISTINCT 'sector', sector FROM event_sectors;

INSERT INTO document_facets (doc_n, counts)
SELECT doc_n, facet_pack(facet, n) FROM (
    SELECT k.doc_n, v.id AS facet, count(*) AS n FROM event_keys k
    JOIN facet_values v ON v.dim = 'type' AND v.key = k.type GROUP BY 1, 2
    UNION ALL SELECT k.doc_n, v.id, count(*) FROM event_keys k
    JOIN facet_values v ON v.dim = 'factuality' AND v.key = k.factuality GROUP BY 1, 2
    UNION ALL SELECT k.doc_n, v.id, count(*) FROM event_keys k
    JOIN facet_values v ON v.dim = 'place_country' AND v.key = coalesce(k.place_country, '') GROUP BY 1, 2
    UNION ALL SELECT k.doc_n, v.id, count(*) FROM event_keys k
    JOIN facet_values v ON v.dim = 'mode' AND v.key = coalesce(k.mode, '') GROUP BY 1, 2
    UNION ALL SELECT k.doc_n, v.id, count(*) FROM event_keys k
    JOIN facet_values v ON v.dim = 'period' AND v.key = k.day || '-' || k.day_last GROUP BY 1, 2
    UNION ALL SELECT c.doc_n, v.id, count(*) FROM event_countries c
    JOIN facet_values v ON v.dim = 'country' AND v.key = c.country GROUP BY 1, 2
    UNION ALL SELECT s.doc_n, v.id, count(*) FROM event_sectors s
    JOIN facet_values v ON v.dim = 'sector' AND v.key = s.sector GROUP BY 1, 2
) GROUP BY doc_n;
