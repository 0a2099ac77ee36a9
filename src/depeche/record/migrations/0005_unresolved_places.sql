-- Schema version 5: a place the gazetteer cannot resolve is kept with its name and mentions,
-- "resolved" 0 and no point, country or feature. SQLite cannot drop NOT NULL from a column, so
-- places and place_mentions are rebuilt (mentions first, so that no cascade deletes them).

CREATE TABLE places_v5 (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    n INTEGER NOT NULL,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    lat REAL,
    lon REAL,
    country TEXT,
    geonameid INTEGER,
    feature TEXT,
    extra JSON,
    resolved INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (doc_id, id)
) WITHOUT ROWID;
INSERT INTO places_v5 (doc_id, n, id, name, lat, lon, country, geonameid, feature, extra, resolved)
    SELECT doc_id, n, id, name, lat, lon, country, geonameid, feature, extra, 1 FROM places;

CREATE TABLE place_mentions_v5 (
    doc_id TEXT NOT NULL,
    place_id TEXT NOT NULL,
    n INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    extra JSON,
    kind TEXT,
    PRIMARY KEY (doc_id, place_id, n),
    FOREIGN KEY (doc_id, place_id) REFERENCES places_v5(doc_id, id) ON DELETE CASCADE
) WITHOUT ROWID;
INSERT INTO place_mentions_v5 (doc_id, place_id, n, start, "end", text, extra, kind)
    SELECT doc_id, place_id, n, start, "end", text, extra, kind FROM place_mentions;

DROP TABLE place_mentions;
DROP TABLE places;
ALTER TABLE places_v5 RENAME TO places;
ALTER TABLE place_mentions_v5 RENAME TO place_mentions;
CREATE INDEX places_country ON places(country);
CREATE INDEX places_unresolved ON places(doc_id) WHERE resolved = 0;
