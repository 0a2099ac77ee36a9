-- Schema version 4: the words of every entity's name and mentions, so that `--actor NAME` looks
-- names up in an index instead of reading every entity. Filled here for the rows already stored.

CREATE TABLE entity_words (
    word TEXT NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL,
    PRIMARY KEY (word, doc_id, entity_id)
) WITHOUT ROWID;
CREATE INDEX entity_words_doc ON entity_words(doc_id);

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
