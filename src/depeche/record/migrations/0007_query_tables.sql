-- Schema version 7: what queries over a million events need, the sentences of each document,
-- and a full-text index that other tools (datasette) find.
--
-- event_keys: one narrow row per event with what filters and ordering read, its date as
--   YYYYMMDD integers (day: first day of its period, day_last: last; 0: undated), indexed
--   per filter in date order so that the first page of a filter reads a page of index.
-- event_countries: the distinct actor countries of each event, in date order per country.
-- event_counts: events counted by type, factuality, place country, actor country and period,
--   so that stats and unfiltered facets read a few hundred rows, never the events.
-- Triggers fill the three from the rows written (and so for the rows already stored, below).

ALTER TABLE documents ADD COLUMN sentences JSON NOT NULL DEFAULT '[]';

CREATE TABLE event_keys (
    doc_n INTEGER NOT NULL,        -- documents.n: ingest order
    n INTEGER NOT NULL,            -- events.n: position in the document
    doc_id TEXT NOT NULL,
    id TEXT NOT NULL,
    day INTEGER NOT NULL,
    day_last INTEGER NOT NULL,
    type TEXT NOT NULL,
    factuality TEXT NOT NULL,
    place_country TEXT,
    PRIMARY KEY (doc_n, n),
    FOREIGN KEY (doc_id, id) REFERENCES events(doc_id, id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX event_keys_day ON event_keys(day);
CREATE INDEX event_keys_type ON event_keys(type, day);
CREATE INDEX event_keys_factuality ON event_keys(factuality, day);
CREATE INDEX event_keys_place ON event_keys(place_country, day);
CREATE INDEX event_keys_event ON event_keys(doc_id, id);

CREATE TABLE event_countries (
    country TEXT NOT NULL,
    day INTEGER NOT NULL,
    doc_n INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (country, day, doc_n, n),
    FOREIGN KEY (doc_n, n) REFERENCES event_keys(doc_n, n) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX event_countries_event ON event_countries(doc_n, n);

CREATE TABLE event_counts (
    dim TEXT NOT NULL,     -- type, factuality, place_country, country, period
    key TEXT NOT NULL,     -- the value ('' for none); period: 'day-day_last' as YYYYMMDD numbers
    n INTEGER NOT NULL,
    PRIMARY KEY (dim, key)
) WITHOUT ROWID;

CREATE TRIGGER events_keyed AFTER INSERT ON events BEGIN
    INSERT INTO event_keys (doc_n, n, doc_id, id, day, day_last, type, factuality, place_country)
    SELECT d.n, new.n, new.doc_id, new.id,
           coalesce(CAST(replace(new.date_first, '-', '') AS INTEGER), 0),
           coalesce(CAST(replace(new.date_last, '-', '') AS INTEGER), 0),
           new.type, new.factuality,
           (SELECT p.country FROM places p WHERE p.doc_id = new.doc_id AND p.id = new.place)
    FROM documents d WHERE d.id = new.doc_id;
END;

CREATE TRIGGER event_actors_countries AFTER INSERT ON event_actors BEGIN
    INSERT OR IGNORE INTO event_countries (country, day, doc_n, n)
    SELECT en.country, k.day, k.doc_n, k.n
    FROM entities en JOIN event_keys k ON k.doc_id = new.doc_id AND k.id = new.event_id
    WHERE en.doc_id = new.doc_id AND en.id = new.entity_id AND en.country IS NOT NULL;
END;

CREATE TRIGGER event_keys_counted AFTER INSERT ON event_keys BEGIN
    INSERT INTO event_counts VALUES ('type', new.type, 1) ON CONFLICT (dim, key) DO UPDATE SET n = n + 1;
    INSERT INTO event_counts VALUES ('factuality', new.factuality, 1) ON CONFLICT (dim, key) DO UPDATE SET n = n + 1;
    INSERT INTO event_counts VALUES ('place_country', coalesce(new.place_country, ''), 1)
        ON CONFLICT (dim, key) DO UPDATE SET n = n + 1;
    INSERT INTO event_counts VALUES ('period', new.day || '-' || new.day_last, 1)
        ON CONFLICT (dim, key) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER event_keys_uncounted AFTER DELETE ON event_keys BEGIN
    UPDATE event_counts SET n = n - 1 WHERE dim = 'type' AND key = old.type;
    UPDATE event_counts SET n = n - 1 WHERE dim = 'factuality' AND key = old.factuality;
    UPDATE event_counts SET n = n - 1 WHERE dim = 'place_country' AND key = coalesce(old.place_country, '');
    UPDATE event_counts SET n = n - 1 WHERE dim = 'period' AND key = old.day || '-' || old.day_last;
END;

CREATE TRIGGER event_countries_counted AFTER INSERT ON event_countries BEGIN
    INSERT INTO event_counts VALUES ('country', new.country, 1) ON CONFLICT (dim, key) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER event_countries_uncounted AFTER DELETE ON event_countries BEGIN
    UPDATE event_counts SET n = n - 1 WHERE dim = 'country' AND key = old.country;
END;

-- The rows already stored.
INSERT INTO event_keys (doc_n, n, doc_id, id, day, day_last, type, factuality, place_country)
SELECT d.n, e.n, e.doc_id, e.id,
       coalesce(CAST(replace(e.date_first, '-', '') AS INTEGER), 0),
       coalesce(CAST(replace(e.date_last, '-', '') AS INTEGER), 0),
       e.type, e.factuality, p.country
FROM events e JOIN documents d ON d.id = e.doc_id
LEFT JOIN places p ON p.doc_id = e.doc_id AND p.id = e.place;

INSERT OR IGNORE INTO event_countries (country, day, doc_n, n)
SELECT en.country, k.day, k.doc_n, k.n
FROM event_actors a JOIN entities en ON en.doc_id = a.doc_id AND en.id = a.entity_id
JOIN event_keys k ON k.doc_id = a.doc_id AND k.id = a.event_id
WHERE en.country IS NOT NULL;

-- The full-text index as datasette recognises it (content="documents", no spaces), with a
-- vocabulary table through which a word's stem finds the indexed words that share it.
DROP TRIGGER documents_fts_insert;
DROP TRIGGER documents_fts_delete;
DROP TABLE documents_fts;
CREATE VIRTUAL TABLE documents_fts USING fts5(text, content="documents", content_rowid="n", tokenize="unicode61 remove_diacritics 2");
INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, text) VALUES (new.n, new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, text) VALUES ('delete', old.n, old.text);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF text ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, text) VALUES ('delete', old.n, old.text);
    INSERT INTO documents_fts(rowid, text) VALUES (new.n, new.text);
END;
CREATE VIRTUAL TABLE documents_fts_vocab USING fts5vocab(documents_fts, row);
