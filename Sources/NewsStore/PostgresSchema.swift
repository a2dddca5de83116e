/// The schema of a PostgreSQL export: the same tables and columns as SQLite's, with foreign keys,
/// facet indexes, generated `tsvector` columns with GIN indexes, and the analyst views; dates also as
/// DATE and TIMESTAMPTZ columns, flags as BOOLEAN.
/// Full-text weights follow the SQLite ranking: title A, lead B, body C. The text search configuration
/// `newsdb` is English stemming over `unaccent`, as newsdb folds diacritics: "Grunau" finds "Grünau".
enum PostgresSchema {
    static let header = """
        -- newsdb export for PostgreSQL 15: psql -v ON_ERROR_STOP=1 -f this-file.sql
        SET client_encoding = 'UTF8';
        SET standard_conforming_strings = on;
        -- A time written without a zone is read as UTC.
        SET TIME ZONE 'UTC';
        BEGIN;
        CREATE EXTENSION IF NOT EXISTS unaccent;
        CREATE TEXT SEARCH CONFIGURATION newsdb (COPY = english);
        ALTER TEXT SEARCH CONFIGURATION newsdb
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;

        """

    static let tables = """
        CREATE TABLE sources (id BIGINT PRIMARY KEY, name TEXT NOT NULL UNIQUE);
        CREATE TABLE aggregators (id BIGINT PRIMARY KEY, name TEXT NOT NULL UNIQUE);
        CREATE TABLE ingest_runs (
            id BIGINT PRIMARY KEY, started_at TIMESTAMPTZ NOT NULL, finished_at TIMESTAMPTZ, status TEXT NOT NULL,
            arguments TEXT NOT NULL, added BIGINT NOT NULL, duplicates BIGINT NOT NULL, rejected BIGINT NOT NULL
        );
        CREATE TABLE articles (
            id BIGINT PRIMARY KEY,
            source_id BIGINT REFERENCES sources (id),
            aggregator_id BIGINT REFERENCES aggregators (id),
            url TEXT UNIQUE, title TEXT, byline TEXT, dateline TEXT, image_credit TEXT,
            published TEXT, captured TEXT, lead TEXT NOT NULL, body TEXT NOT NULL, word_count BIGINT NOT NULL,
            content_hash TEXT NOT NULL UNIQUE, origin TEXT NOT NULL,
            ingest_run BIGINT REFERENCES ingest_runs (id),
            -- published and captured as written by newsdb (ISO 8601 text), and typed: the day, and the
            -- instant when the page gave a time.
            published_date DATE, published_at TIMESTAMPTZ, captured_date DATE,
            tsv tsvector GENERATED ALWAYS AS (
                setweight(to_tsvector('newsdb', coalesce(title, '')), 'A') ||
                setweight(to_tsvector('newsdb', lead), 'B') ||
                setweight(to_tsvector('newsdb', body), 'C')) STORED
        );
        CREATE TABLE article_credits (
            article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE, agency TEXT NOT NULL,
            PRIMARY KEY (article_id, agency)
        );
        CREATE TABLE entities (
            id BIGINT PRIMARY KEY, name TEXT NOT NULL,
            type TEXT NOT NULL CHECK (type IN ('person', 'organization', 'place')), UNIQUE (name, type)
        );
        CREATE TABLE entity_aliases (
            entity_id BIGINT NOT NULL REFERENCES entities (id) ON DELETE CASCADE, alias TEXT NOT NULL,
            PRIMARY KEY (entity_id, alias)
        );
        CREATE TABLE article_entities (
            article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            entity_id BIGINT NOT NULL REFERENCES entities (id),
            mentions BIGINT NOT NULL, first_offset BIGINT NOT NULL, PRIMARY KEY (article_id, entity_id)
        );
        CREATE TABLE quotes (
            id BIGINT PRIMARY KEY, article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            text TEXT NOT NULL, speaker_entity_id BIGINT REFERENCES entities (id), speaker_name TEXT,
            partial BOOLEAN NOT NULL, position BIGINT NOT NULL,
            tsv tsvector GENERATED ALWAYS AS (
                setweight(to_tsvector('newsdb', text), 'A') ||
                setweight(to_tsvector('newsdb', coalesce(speaker_name, '')), 'B')) STORED
        );
        CREATE TABLE rejects (
            id BIGINT PRIMARY KEY, run_id BIGINT REFERENCES ingest_runs (id), origin TEXT NOT NULL,
            reason TEXT NOT NULL, excerpt TEXT NOT NULL, UNIQUE (origin, reason)
        );
        CREATE TABLE ingest_files (
            path TEXT PRIMARY KEY, size BIGINT NOT NULL, modified TEXT NOT NULL,
            run_id BIGINT REFERENCES ingest_runs (id), records BIGINT NOT NULL
        );

        """

    static let indexesAndViews = """

        CREATE INDEX articles_tsv ON articles USING gin (tsv);
        CREATE INDEX quotes_tsv ON quotes USING gin (tsv);
        CREATE INDEX articles_by_published ON articles (published);
        CREATE INDEX articles_by_published_date ON articles (published_date);
        CREATE INDEX articles_by_source ON articles (source_id, published);
        CREATE INDEX articles_by_aggregator ON articles (aggregator_id);
        CREATE INDEX article_credits_by_agency ON article_credits (agency, article_id);
        CREATE INDEX entity_aliases_by_alias ON entity_aliases (alias);
        CREATE INDEX article_entities_by_entity ON article_entities (entity_id, article_id);
        CREATE INDEX quotes_by_article ON quotes (article_id);
        CREATE INDEX quotes_by_speaker ON quotes (speaker_entity_id);

        CREATE VIEW article_overview AS
        SELECT a.id, a.title, s.name AS source, g.name AS aggregator, a.published, a.captured, a.byline, a.dateline,
               a.url, a.word_count,
               (SELECT json_agg(agency ORDER BY agency) FROM article_credits c WHERE c.article_id = a.id) AS credits,
               (SELECT string_agg(agency, ', ' ORDER BY agency) FROM article_credits c WHERE c.article_id = a.id) AS credits_text,
               a.lead, a.origin
        FROM articles a LEFT JOIN sources s ON s.id = a.source_id LEFT JOIN aggregators g ON g.id = a.aggregator_id;

        CREATE VIEW quote_overview AS
        SELECT q.id, q.text, q.speaker_name AS speaker, e.type AS speaker_type, q.partial, q.article_id,
               a.title, s.name AS source, a.published
        FROM quotes q JOIN articles a ON a.id = q.article_id
        LEFT JOIN entities e ON e.id = q.speaker_entity_id LEFT JOIN sources s ON s.id = a.source_id;

        CREATE VIEW entity_mentions AS
        SELECT ae.article_id, e.id AS entity_id, e.name, e.type, ae.mentions, ae.first_offset, a.published, s.name AS source
        FROM article_entities ae JOIN entities e ON e.id = ae.entity_id JOIN articles a ON a.id = ae.article_id
        LEFT JOIN sources s ON s.id = a.source_id;

        CREATE VIEW entity_overview AS
        SELECT e.id, e.name, e.type,
               (SELECT json_agg(alias ORDER BY alias) FROM entity_aliases x WHERE x.entity_id = e.id) AS aliases,
               (SELECT string_agg(alias, '; ' ORDER BY alias) FROM entity_aliases x WHERE x.entity_id = e.id) AS aliases_text,
               (SELECT count(*) FROM article_entities ae WHERE ae.entity_id = e.id) AS articles
        FROM entities e;

        CREATE VIEW daily_source_counts AS
        SELECT substr(a.published, 1, 10) AS day, s.name AS source, count(*) AS articles
        FROM articles a LEFT JOIN sources s ON s.id = a.source_id
        WHERE a.published IS NOT NULL GROUP BY 1, 2;

        COMMIT;
        ANALYZE;

        """
}
