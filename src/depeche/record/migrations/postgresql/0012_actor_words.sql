-- Schema version 12 (PostgreSQL dialect of migrations/0012_actor_words.sql): event_actor_words,
-- the words of each event's actors in date order per word, kept by triggers on event_actors and
-- entity_words (whichever is written last fills it) and removed with its event.

CREATE TABLE event_actor_words (
    word text COLLATE "C" NOT NULL,
    day integer NOT NULL,
    doc_n bigint NOT NULL,
    n integer NOT NULL,
    PRIMARY KEY (word, day, doc_n, n),
    FOREIGN KEY (doc_n, n) REFERENCES event_keys(doc_n, n) ON DELETE CASCADE
);
CREATE INDEX event_actor_words_event ON event_actor_words(doc_n, n, word);

CREATE FUNCTION event_actors_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO event_actor_words (word, day, doc_n, n)
    SELECT w.word, k.day, k.doc_n, k.n
    FROM entity_words w JOIN event_keys k ON k.doc_id = NEW.doc_id AND k.id = NEW.event_id
    WHERE w.doc_id = NEW.doc_id AND w.entity_id = NEW.entity_id
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
CREATE TRIGGER event_actors_words AFTER INSERT ON event_actors FOR EACH ROW
    EXECUTE FUNCTION event_actors_words();

CREATE FUNCTION entity_words_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO event_actor_words (word, day, doc_n, n)
    SELECT NEW.word, k.day, k.doc_n, k.n
    FROM event_actors a JOIN event_keys k ON k.doc_id = a.doc_id AND k.id = a.event_id
    WHERE a.doc_id = NEW.doc_id AND a.entity_id = NEW.entity_id
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
CREATE TRIGGER entity_words_events AFTER INSERT ON entity_words FOR EACH ROW
    EXECUTE FUNCTION entity_words_events();

-- The rows already stored.
INSERT INTO event_actor_words (word, day, doc_n, n)
SELECT w.word, k.day, k.doc_n, k.n
FROM event_actors a
JOIN entity_words w ON w.doc_id = a.doc_id AND w.entity_id = a.entity_id
JOIN event_keys k ON k.doc_id = a.doc_id AND k.id = a.event_id
ON CONFLICT DO NOTHING;
