-- Schema version 6 (the Postgres dialect of ../0006_entity_words_fold.sql): names are folded one
-- way everywhere (depeche.fold). SQLite rebuilds its words index with the new fold; the Postgres
-- store came with version 7 and has always written words folded so: nothing to rebuild.

SELECT 1;
