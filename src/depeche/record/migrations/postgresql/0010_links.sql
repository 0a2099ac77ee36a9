-- Schema version 10 on PostgreSQL: the Postgres dialect of ../0010_links.sql, the same tables and
-- columns (JSON columns are jsonb, the MinHash bytea). The PostgreSQL backend does not link yet:
-- its Store methods for linking raise a StoreError; these tables wait for them.

CREATE TABLE copy_fingerprints (
    doc_id text PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    text_hash text NOT NULL,
    url text,
    minhash bytea NOT NULL,
    shingles integer NOT NULL DEFAULT 0,
    date text
);
CREATE INDEX copy_fingerprints_text ON copy_fingerprints(text_hash);

CREATE TABLE copy_groups (
    doc_id text PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    group_id text NOT NULL,
    kind text,
    similarity double precision NOT NULL DEFAULT 0
);
CREATE INDEX copy_groups_group ON copy_groups(group_id);

CREATE TABLE event_edges (
    a_doc text NOT NULL,
    a_event text NOT NULL,
    b_doc text NOT NULL,
    b_event text NOT NULL,
    score double precision NOT NULL,
    reasons text NOT NULL DEFAULT '',
    PRIMARY KEY (a_doc, a_event, b_doc, b_event),
    FOREIGN KEY (a_doc, a_event) REFERENCES events(doc_id, id) ON DELETE CASCADE,
    FOREIGN KEY (b_doc, b_event) REFERENCES events(doc_id, id) ON DELETE CASCADE
);
CREATE INDEX event_edges_b ON event_edges(b_doc, b_event);

CREATE TABLE event_links (
    doc_id text NOT NULL,
    event_id text NOT NULL,
    linked_id text NOT NULL,
    canonical integer NOT NULL DEFAULT 0,
    PRIMARY KEY (doc_id, event_id),
    FOREIGN KEY (doc_id, event_id) REFERENCES events(doc_id, id) ON DELETE CASCADE
);
CREATE INDEX event_links_linked ON event_links(linked_id);

CREATE TABLE linked_events (
    id text PRIMARY KEY,
    type text NOT NULL,
    first text,
    last text,
    canonical_doc text NOT NULL,
    canonical_event text NOT NULL,
    title text NOT NULL DEFAULT '',
    place text,
    actors jsonb NOT NULL DEFAULT '[]',
    reports integer NOT NULL,
    mentions integer NOT NULL,
    outlets integer NOT NULL,
    sources integer NOT NULL,
    independent integer NOT NULL,
    factuality jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX linked_events_dates ON linked_events(first, last);
CREATE INDEX linked_events_reports ON linked_events(reports);

CREATE TABLE stories (
    id text PRIMARY KEY,
    title text NOT NULL,
    first text NOT NULL,
    last text NOT NULL,
    documents integer NOT NULL,
    terms jsonb NOT NULL DEFAULT '[]'
);
CREATE INDEX stories_dates ON stories(first, last);

CREATE TABLE story_documents (
    story_id text NOT NULL,
    doc_id text NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    date text NOT NULL,
    score double precision NOT NULL,
    PRIMARY KEY (story_id, doc_id)
);
CREATE INDEX story_documents_doc ON story_documents(doc_id);

CREATE TABLE linked_documents (
    doc_id text PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    linker text NOT NULL,
    date text NOT NULL,
    title text NOT NULL DEFAULT '',
    outlet text,
    terms jsonb NOT NULL DEFAULT '{}'
);
