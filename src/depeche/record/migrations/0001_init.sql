-- depeche store, schema version 1: one table per record kind, every row keeping its span.
-- Columns declared JSON hold JSON text. "extra" holds record fields that have no column yet
-- (fields added to the models after this migration), so nothing a Document carries is lost.

CREATE TABLE documents (
    n INTEGER PRIMARY KEY,            -- stable rowid, the FTS index's key
    id TEXT NOT NULL UNIQUE,          -- content hash of the text
    source TEXT NOT NULL,
    text TEXT NOT NULL,
    contract TEXT NOT NULL,
    dct_value TEXT,
    dct_precision TEXT,
    language TEXT,
    metadata JSON NOT NULL DEFAULT '{}',
    warnings JSON NOT NULL DEFAULT '[]',
    extra JSON,
    pipeline TEXT NOT NULL DEFAULT '', -- what analyzed it: version, model, stages
    ingested_at TEXT NOT NULL
);
CREATE INDEX documents_source ON documents(source);

CREATE VIRTUAL TABLE documents_fts USING fts5(
    text, content = 'documents', content_rowid = 'n',
    tokenize = "unicode61 remove_diacritics 2"
);
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, text) VALUES (new.n, new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, text) VALUES ('delete', old.n, old.text);
END;

CREATE TABLE segments (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    n INTEGER NOT NULL,
    kind TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    credit TEXT,
    credit_start INTEGER,
    credit_end INTEGER,
    archive INTEGER NOT NULL DEFAULT 0,
    extra JSON,
    PRIMARY KEY (doc_id, n)
) WITHOUT ROWID;

CREATE TABLE entities (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    n INTEGER NOT NULL,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    country TEXT,
    sector TEXT,
    role TEXT,
    extra JSON,
    PRIMARY KEY (doc_id, id)
) WITHOUT ROWID;
CREATE INDEX entities_country ON entities(country, sector);

CREATE TABLE entity_mentions (
    doc_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    n INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    extra JSON,
    PRIMARY KEY (doc_id, entity_id, n),
    FOREIGN KEY (doc_id, entity_id) REFERENCES entities(doc_id, id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE places (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    n INTEGER NOT NULL,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    country TEXT NOT NULL,
    geonameid INTEGER,
    feature TEXT NOT NULL,
    extra JSON,
    PRIMARY KEY (doc_id, id)
) WITHOUT ROWID;
CREATE INDEX places_country ON places(country);

CREATE TABLE place_mentions (
    doc_id TEXT NOT NULL,
    place_id TEXT NOT NULL,
    n INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    extra JSON,
    PRIMARY KEY (doc_id, place_id, n),
    FOREIGN KEY (doc_id, place_id) REFERENCES places(doc_id, id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE times (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    n INTEGER NOT NULL,
    id TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    type TEXT NOT NULL,
    value TEXT NOT NULL,
    anchor TEXT,
    extra JSON,
    PRIMARY KEY (doc_id, id)
) WITHOUT ROWID;

CREATE TABLE quantities (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    n INTEGER NOT NULL,
    id TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    value REAL NOT NULL,
    unit TEXT NOT NULL,
    qualifier TEXT NOT NULL,
    category TEXT,
    extra JSON,
    PRIMARY KEY (doc_id, id)
) WITHOUT ROWID;

CREATE TABLE quotes (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    n INTEGER NOT NULL,
    id TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    speaker TEXT,
    extra JSON,
    PRIMARY KEY (doc_id, id)
) WITHOUT ROWID;

CREATE TABLE events (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    n INTEGER NOT NULL,
    id TEXT NOT NULL,
    type TEXT NOT NULL,
    mode TEXT,
    place TEXT,
    time TEXT,
    factuality TEXT NOT NULL,
    attribution_text TEXT,
    attribution_entity TEXT,
    segment TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    extra JSON,
    -- derived when written: the event's date (its time's value, else the document date)
    -- as a period, for --since/--until
    date TEXT,
    date_first TEXT,
    date_last TEXT,
    PRIMARY KEY (doc_id, id)
) WITHOUT ROWID;
CREATE INDEX events_type ON events(type);
CREATE INDEX events_dates ON events(date_first, date_last);
CREATE INDEX events_factuality ON events(factuality);

CREATE TABLE event_actors (
    doc_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('source', 'target')),
    n INTEGER NOT NULL,
    entity_id TEXT NOT NULL,
    PRIMARY KEY (doc_id, event_id, role, n),
    FOREIGN KEY (doc_id, event_id) REFERENCES events(doc_id, id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX event_actors_entity ON event_actors(doc_id, entity_id);

CREATE TABLE checks (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    n INTEGER NOT NULL,
    kind TEXT NOT NULL,
    consistent INTEGER NOT NULL,
    detail TEXT NOT NULL,
    refs JSON NOT NULL DEFAULT '[]',
    extra JSON,
    PRIMARY KEY (doc_id, n)
) WITHOUT ROWID;

-- Inputs that failed at their last ingest; removed when the same source later succeeds.
CREATE TABLE failures (
    source TEXT PRIMARY KEY,
    code TEXT NOT NULL,
    reason TEXT NOT NULL,
    at TEXT NOT NULL
);
