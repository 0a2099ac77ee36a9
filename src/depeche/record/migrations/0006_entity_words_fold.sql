-- Schema version 6: names are folded one way everywhere (depeche.fold: letters transliterated to
-- ASCII, so "Wałęsa" is "walesa" and "Straße" is "strasse"). The words index is rebuilt with it.

DELETE FROM entity_words;

WITH RECURSIVE named(doc_id, entity_id, rest) AS (
    SELECT doc_id, id, name_words(name) || ' ' FROM entities
    UNION ALL
    SELECT doc_id, entity_id, name_words(text) || ' ' FROM entity_mentions
), split(doc_id, entity_id, word, rest) AS (
    SELECT doc_id, entity_id, '', rest FROM named
    UNION ALL
    SELECT doc_id, entity_id, substr(rest, 1, instr(rest, ' ') - 1), substr(rest, instr(rest, ' ') + 1)
    FROM split WHERE rest <> ''
)
INSERT OR IGNORE INTO entity_words SELECT word, doc_id, entity_id FROM split WHERE word <> '';
