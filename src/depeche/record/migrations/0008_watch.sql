-- depeche store, schema version 8: what `depeche watch` knows of the sources it polls.

-- One row per watched source (a feed or sitemap URL, a folder, a file): how to ask again
-- (the last answer's ETag and Last-Modified, saved only once every item of that answer is
-- stored) and how its polls went.
CREATE TABLE watch_sources (
    source TEXT PRIMARY KEY,
    kind TEXT NOT NULL,               -- feed, sitemap, folder, file
    outlet TEXT,                      -- the outlet's name, stored with each of its documents
    outlet_url TEXT,
    etag TEXT,
    last_modified TEXT,
    polls INTEGER NOT NULL DEFAULT 0,
    failures INTEGER NOT NULL DEFAULT 0, -- polls that failed, all told
    last_error TEXT,                  -- error code of the last poll when it failed, else NULL
    last_polled TEXT,
    last_ok TEXT
);

-- Every item a source has given (a feed item, a sitemap page, a file), with a hash of its
-- content when it was last stored: the next poll reads only new or changed items.
CREATE TABLE watch_items (
    source TEXT NOT NULL,
    item TEXT NOT NULL,
    hash TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (source, item)
) WITHOUT ROWID;
