-- Schema v1: articles with their sources, credits, entities and quotes; ingest bookkeeping;
-- three FTS5 indexes kept in sync by triggers.
--
-- Tokenizer for every FTS5 table: porter stemming over unicode61 with remove_diacritics 2.
-- unicode61 splits on Unicode word boundaries and folds case for all scripts; remove_diacritics 2
-- lets "Senor" find "Señor" and "Zurich" find "Zürich" (spellings in wire copy vary);
-- porter lets "ceasefires" find "ceasefire" and "talks" find "talk" in English news text.

-- Publishers (Le Monde) and the aggregator sites that re-post them (THE AMERICA ONE NEWS).
CREATE TABLE sources (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE aggregators (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

-- One row per `newsdb ingest` invocation.
CREATE TABLE ingest_runs (
    id          INTEGER PRIMARY KEY,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    status      TEXT NOT NULL DEFAULT 'running'
                CHECK (status IN ('running', 'completed', 'interrupted', 'failed')),
    arguments   TEXT NOT NULL DEFAULT '',
    added       INTEGER NOT NULL DEFAULT 0,
    duplicates  INTEGER NOT NULL DEFAULT 0,
    rejected    INTEGER NOT NULL DEFAULT 0
);

-- lead is the first body paragraph; body holds the paragraphs after it, separated by blank lines.
-- Keeping them disjoint stores each word once and lets ranking weigh the lead on its own.
CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,
    source_id     INTEGER REFERENCES sources (id),
    aggregator_id INTEGER REFERENCES aggregators (id),
    url           TEXT,
    title         TEXT,
    byline        TEXT,
    dateline      TEXT,
    image_credit  TEXT,
    published     TEXT,   -- ISO 8601: YYYY-MM-DD, or YYYY-MM-DDTHH:MM when the page gives a time
    captured      TEXT,   -- ISO 8601, the date the aggregator shows for its copy
    lead          TEXT NOT NULL DEFAULT '',
    body          TEXT NOT NULL DEFAULT '',
    word_count    INTEGER NOT NULL DEFAULT 0,
    content_hash  TEXT NOT NULL UNIQUE,
    origin        TEXT NOT NULL,  -- file path, with ":line" or "#record" inside a dump
    ingest_run    INTEGER REFERENCES ingest_runs (id)
);

CREATE UNIQUE INDEX articles_by_url ON articles (url) WHERE url IS NOT NULL;
CREATE INDEX articles_by_published ON articles (published);
CREATE INDEX articles_by_source ON articles (source_id, published);
CREATE INDEX articles_by_aggregator ON articles (aggregator_id);
CREATE INDEX articles_by_run ON articles (ingest_run);

-- Wire agencies credited by the page (AP, AFP, Reuters).
CREATE TABLE article_credits (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    agency     TEXT NOT NULL,
    PRIMARY KEY (article_id, agency)
) WITHOUT ROWID;

CREATE INDEX article_credits_by_agency ON article_credits (agency, article_id);

-- One row per canonical name and type across the whole database.
CREATE TABLE entities (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('person', 'organization', 'place')),
    UNIQUE (name, type)
);

CREATE TABLE entity_aliases (
    entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    alias     TEXT NOT NULL,
    PRIMARY KEY (entity_id, alias)
) WITHOUT ROWID;

CREATE INDEX entity_aliases_by_alias ON entity_aliases (alias);

CREATE TABLE article_entities (
    article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    entity_id    INTEGER NOT NULL REFERENCES entities (id),
    mentions     INTEGER NOT NULL DEFAULT 1,
    first_offset INTEGER NOT NULL DEFAULT 0,  -- character offset in the body text
    PRIMARY KEY (article_id, entity_id)
) WITHOUT ROWID;

CREATE INDEX article_entities_by_entity ON article_entities (entity_id, article_id);

-- speaker_name is the canonical entity name when the speaker was resolved, else as written.
CREATE TABLE quotes (
    id                INTEGER PRIMARY KEY,
    article_id        INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    text              TEXT NOT NULL,
    speaker_entity_id INTEGER REFERENCES entities (id),
    speaker_name      TEXT,
    partial           INTEGER NOT NULL DEFAULT 0 CHECK (partial IN (0, 1)),
    position          INTEGER NOT NULL DEFAULT 0  -- character offset in the body text
);

CREATE INDEX quotes_by_article ON quotes (article_id);
CREATE INDEX quotes_by_speaker ON quotes (speaker_entity_id);

-- Input records that did not become articles, with the reason.
CREATE TABLE rejects (
    id      INTEGER PRIMARY KEY,
    run_id  INTEGER REFERENCES ingest_runs (id),
    origin  TEXT NOT NULL,
    reason  TEXT NOT NULL,
    excerpt TEXT NOT NULL DEFAULT ''
);

CREATE INDEX rejects_by_run ON rejects (run_id);

-- Full-text index over articles, external content: the text is stored once, in articles.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, lead, body,
    content = 'articles', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, lead, body)
    VALUES (new.id, new.title, new.lead, new.body);
END;

CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, lead, body)
    VALUES ('delete', old.id, old.title, old.lead, old.body);
END;

CREATE TRIGGER articles_au AFTER UPDATE OF title, lead, body ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, lead, body)
    VALUES ('delete', old.id, old.title, old.lead, old.body);
    INSERT INTO articles_fts (rowid, title, lead, body)
    VALUES (new.id, new.title, new.lead, new.body);
END;

-- Quotes: external content over quotes (text and speaker name).
CREATE VIRTUAL TABLE quotes_fts USING fts5 (
    text, speaker_name,
    content = 'quotes', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts (rowid, text, speaker_name) VALUES (new.id, new.text, new.speaker_name);
END;

CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts (quotes_fts, rowid, text, speaker_name)
    VALUES ('delete', old.id, old.text, old.speaker_name);
END;

CREATE TRIGGER quotes_au AFTER UPDATE OF text, speaker_name ON quotes BEGIN
    INSERT INTO quotes_fts (quotes_fts, rowid, text, speaker_name)
    VALUES ('delete', old.id, old.text, old.speaker_name);
    INSERT INTO quotes_fts (rowid, text, speaker_name) VALUES (new.id, new.text, new.speaker_name);
END;

-- Entities: names and aliases live in two tables, so this index keeps its own small copy
-- (rowid = entities.id, aliases separated by semicolons) maintained by triggers on both tables.
CREATE VIRTUAL TABLE entities_fts USING fts5 (
    name, aliases,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER entities_ai AFTER INSERT ON entities BEGIN
    INSERT INTO entities_fts (rowid, name, aliases) VALUES (new.id, new.name, '');
END;

CREATE TRIGGER entities_ad AFTER DELETE ON entities BEGIN
    DELETE FROM entities_fts WHERE rowid = old.id;
END;

CREATE TRIGGER entities_au AFTER UPDATE OF name ON entities BEGIN
    UPDATE entities_fts SET name = new.name WHERE rowid = new.id;
END;

CREATE TRIGGER entity_aliases_ai AFTER INSERT ON entity_aliases BEGIN
    UPDATE entities_fts
    SET aliases = (SELECT group_concat(alias, '; ') FROM entity_aliases WHERE entity_id = new.entity_id)
    WHERE rowid = new.entity_id;
END;

CREATE TRIGGER entity_aliases_ad AFTER DELETE ON entity_aliases BEGIN
    UPDATE entities_fts
    SET aliases = coalesce((SELECT group_concat(alias, '; ') FROM entity_aliases WHERE entity_id = old.entity_id), '')
    WHERE rowid = old.entity_id;
END;
