-- Schema version 8 (the Postgres dialect of ../0008_watch.sql): what `depeche watch` knows of the
-- sources it polls.

CREATE TABLE watch_sources (
    source text PRIMARY KEY,
    kind text NOT NULL,
    outlet text,
    outlet_url text,
    etag text,
    last_modified text,
    polls integer NOT NULL DEFAULT 0,
    failures integer NOT NULL DEFAULT 0,
    last_error text,
    last_polled text,
    last_ok text
);

CREATE TABLE watch_items (
    source text NOT NULL,
    item text NOT NULL,
    hash text NOT NULL,
    seen_at text NOT NULL,
    PRIMARY KEY (source, item)
);
