-- Schema version 12: event_actor_words, the words of each event's actors in date order per word,
-- so that the first page of `--actor NAME` walks one word's events in date order instead of
-- gathering every event of every entity that bears the word and sorting them.
--
-- One row per distinct (word, event): the words of the names and mentions of the event's source
-- and target entities (as entity_words holds them), with the event's sort key. Triggers fill it
-- whichever of event_actors and entity_words is written last; it goes with its event (cascade).

CREATE TABLE event_actor_words (
    word TEXT NOT NULL,
    day INTEGER NOT NULL,
    doc_n INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (word, day, doc_n, n),
    FOREIGN KEY (doc_n, n) REFERENCES event_keys(doc_n, n) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX event_actor_words_event ON event_actor_words(doc_n, n, word);

CREATE TRIGGER event_actors_words AFTER INSERT ON event_actors BEGIN
    INSERT OR IGNORE INTO event_actor_words (word, day, doc_n, n)
    SELECT w.word, k.day, k.doc_n, k.n
    FROM entity_words w JOIN event_keys k ON k.doc_id = new.doc_id AND k.id = new.event_id
    WHERE w.doc_id = new.doc_id AND w.entity_id = new.entity_id;
END;

CREATE TRIGGER entity_words_events AFTER INSERT ON entity_words BEGIN
    INSERT OR IGNORE INTO event_actor_words (word, day, doc_n, n)
    SELECT new.word, k.day, k.doc_n, k.n
    FROM event_actors a JOIN event_keys k ON k.doc_id = a.doc_id AND k.id = a.event_id
    WHERE a.doc_id = new.doc_id AND a.entity_id = new.entity_id;
END;

-- The rows already stored.
INSERT OR IGNORE INTO event_actor_words (word, day, doc_n, n)
SELECT w.word, k.day, k.doc_n, k.n
FROM event_actors a
JOIN entity_words w ON w.doc_id = a.doc_id AND w.entity_id = a.entity_id
JOIN event_keys k ON k.doc_id = a.doc_id AND k.id = a.event_id;
