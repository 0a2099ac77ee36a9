-- Schema version 13: the filters' date-ordered indexes on event_keys also hold the key columns
-- the other filters test, after the sort key (day, doc_n, n is unique: their order is unchanged),
-- so that a walk in date order tests type, factuality, place country, mode and the last day in
-- the index instead of reading the key row of every event it passes.

DROP INDEX event_keys_day;
DROP INDEX event_keys_type;
DROP INDEX event_keys_factuality;
DROP INDEX event_keys_place;
DROP INDEX event_keys_mode;
CREATE INDEX event_keys_day ON event_keys(day, doc_n, n, day_last, type, factuality, place_country, mode);
CREATE INDEX event_keys_type ON event_keys(type, day, doc_n, n, day_last, factuality, place_country, mode);
CREATE INDEX event_keys_factuality ON event_keys(factuality, day, doc_n, n, day_last, type, place_country, mode);
CREATE INDEX event_keys_place ON event_keys(place_country, day, doc_n, n, day_last, type, factuality, mode);
CREATE INDEX event_keys_mode ON event_keys(mode, day, doc_n, n, day_last, type, factuality, place_country);
