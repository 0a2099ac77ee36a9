-- Schema version 13 (PostgreSQL dialect of migrations/0013_covering_indexes.sql): the filters'
-- date-ordered indexes on event_keys include the key columns the other filters test, so that a
-- walk in date order may be an index-only scan instead of reading the row of every event it passes.

DROP INDEX event_keys_day;
DROP INDEX event_keys_type;
DROP INDEX event_keys_factuality;
DROP INDEX event_keys_place;
DROP INDEX event_keys_mode;
CREATE INDEX event_keys_day ON event_keys(day, doc_n, n) INCLUDE (day_last, type, factuality, place_country, mode, doc_id, id);
CREATE INDEX event_keys_type ON event_keys(type, day, doc_n, n) INCLUDE (day_last, factuality, place_country, mode, doc_id, id);
CREATE INDEX event_keys_factuality ON event_keys(factuality, day, doc_n, n)
    INCLUDE (day_last, type, place_country, mode, doc_id, id);
CREATE INDEX event_keys_place ON event_keys(place_country, day, doc_n, n)
    INCLUDE (day_last, type, factuality, mode, doc_id, id);
CREATE INDEX event_keys_mode ON event_keys(mode, day, doc_n, n) INCLUDE (day_last, type, factuality, place_country, doc_id, id);
