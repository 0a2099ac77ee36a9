-- Schema version 4 (the Postgres dialect of ../0004_entity_words.sql): the words of every entity's
-- name and mentions, for `--actor NAME`. depeche writes them with each document (the Postgres store
-- came with version 7, so no record of it holds entities written without their words).

CREATE TABLE entity_words (
    word text COLLATE "C" NOT NULL,   -- byte order: a prefix is a range of the index
    doc_id text NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    entity_id text NOT NULL,
    PRIMARY KEY (word, doc_id, entity_id)
);
CREATE INDEX entity_words_doc ON entity_words(doc_id);
