-- Schema version 10: one event, many reports (depeche.linking). Everything here is derived from
-- the documents and their events and is rebuilt by `depeche link`; no report is ever removed:
-- an event mention keeps its row in events and gains the linked event it belongs to.

-- Copy detection: per document, its normalised-text hash, canonical URL, MinHash signature,
-- number of distinct word 3-grams and date.
CREATE TABLE copy_fingerprints (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    text_hash TEXT NOT NULL,
    url TEXT,
    minhash BLOB NOT NULL,
    shingles INTEGER NOT NULL DEFAULT 0,  -- distinct word 3-grams
    date TEXT                             -- the document date, ISO
) WITHOUT ROWID;
CREATE INDEX copy_fingerprints_text ON copy_fingerprints(text_hash);

-- Per document, its copy group (a document without copies is a group of one), how it joined
-- ("exact", "url", "near") and its best similarity to another member.
CREATE TABLE copy_groups (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    group_id TEXT NOT NULL,
    kind TEXT,
    similarity REAL NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX copy_groups_group ON copy_groups(group_id);

-- Pairs of event mentions (in two documents) judged to report one real-world event.
CREATE TABLE event_edges (
    a_doc TEXT NOT NULL,
    a_event TEXT NOT NULL,
    b_doc TEXT NOT NULL,
    b_event TEXT NOT NULL,
    score REAL NOT NULL,
    reasons TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (a_doc, a_event, b_doc, b_event),
    FOREIGN KEY (a_doc, a_event) REFERENCES events(doc_id, id) ON DELETE CASCADE,
    FOREIGN KEY (b_doc, b_event) REFERENCES events(doc_id, id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX event_edges_b ON event_edges(b_doc, b_event);

-- Every event mention's linked event; "canonical" marks the report that stands for it.
CREATE TABLE event_links (
    doc_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    linked_id TEXT NOT NULL,
    canonical INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (doc_id, event_id),
    FOREIGN KEY (doc_id, event_id) REFERENCES events(doc_id, id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX event_links_linked ON event_links(linked_id);

-- One row per real-world event, with its corroboration counts.
CREATE TABLE linked_events (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    first TEXT,
    last TEXT,
    canonical_doc TEXT NOT NULL,
    canonical_event TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    place TEXT,
    actors JSON NOT NULL DEFAULT '[]',
    reports INTEGER NOT NULL,
    mentions INTEGER NOT NULL,
    outlets INTEGER NOT NULL,
    sources INTEGER NOT NULL,
    independent INTEGER NOT NULL,
    factuality JSON NOT NULL DEFAULT '{}'
) WITHOUT ROWID;
CREATE INDEX linked_events_dates ON linked_events(first, last);
CREATE INDEX linked_events_reports ON linked_events(reports);

-- Stories: articles on one subject over days.
CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    first TEXT NOT NULL,
    last TEXT NOT NULL,
    documents INTEGER NOT NULL,
    terms JSON NOT NULL DEFAULT '[]'
) WITHOUT ROWID;
CREATE INDEX stories_dates ON stories(first, last);

CREATE TABLE story_documents (
    story_id TEXT NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    score REAL NOT NULL,
    PRIMARY KEY (story_id, doc_id)
) WITHOUT ROWID;
CREATE INDEX story_documents_doc ON story_documents(doc_id);

-- Documents already linked, by which linker (its rules and settings), with the date, title,
-- outlet and terms that corroboration and story clustering use.
CREATE TABLE linked_documents (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    linker TEXT NOT NULL,
    date TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    outlet TEXT,
    terms JSON NOT NULL DEFAULT '{}'
) WITHOUT ROWID;
