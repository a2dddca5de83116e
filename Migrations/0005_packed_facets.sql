-- Facet values packed per article, so facet counts read one short row per matching article
-- instead of joining several tables: source id | aggregator id | published day | agencies |
-- person ids | place ids | organisation ids (lists comma-separated).
--
-- newsdb's writer fills a row per article it stores. The triggers keep rows exact when the tables are
-- changed any other way (the sqlite3 shell, a script); during newsdb's own batches `newsdb_state.bulk`
-- is 1 inside the transaction, so the per-row triggers stand aside while the writer does the work once.

CREATE TABLE newsdb_state (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    bulk INTEGER NOT NULL DEFAULT 0
);
INSERT INTO newsdb_state (id, bulk) VALUES (1, 0);

CREATE TABLE article_facets (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    packed     TEXT NOT NULL
);

CREATE VIEW article_facets_computed AS
SELECT a.id AS article_id,
       coalesce(a.source_id, '') || '|' || coalesce(a.aggregator_id, '') || '|' || coalesce(substr(a.published, 1, 10), '') || '|' ||
       coalesce((SELECT group_concat(agency, ',') FROM article_credits WHERE article_id = a.id), '') || '|' ||
       coalesce((SELECT group_concat(ae.entity_id, ',') FROM article_entities ae JOIN entities e ON e.id = ae.entity_id
                 WHERE ae.article_id = a.id AND e.type = 'person'), '') || '|' ||
       coalesce((SELECT group_concat(ae.entity_id, ',') FROM article_entities ae JOIN entities e ON e.id = ae.entity_id
                 WHERE ae.article_id = a.id AND e.type = 'place'), '') || '|' ||
       coalesce((SELECT group_concat(ae.entity_id, ',') FROM article_entities ae JOIN entities e ON e.id = ae.entity_id
                 WHERE ae.article_id = a.id AND e.type = 'organization'), '') AS packed
FROM articles a;

INSERT INTO article_facets (article_id, packed) SELECT article_id, packed FROM article_facets_computed;

CREATE TRIGGER article_facets_article_ai AFTER INSERT ON articles
WHEN (SELECT bulk FROM newsdb_state) = 0 BEGIN
    INSERT OR REPLACE INTO article_facets SELECT * FROM article_facets_computed WHERE article_id = new.id;
END;

CREATE TRIGGER article_facets_article_au AFTER UPDATE OF source_id, aggregator_id, published ON articles BEGIN
    INSERT OR REPLACE INTO article_facets SELECT * FROM article_facets_computed WHERE article_id = new.id;
END;

CREATE TRIGGER article_facets_entities_ai AFTER INSERT ON article_entities
WHEN (SELECT bulk FROM newsdb_state) = 0 BEGIN
    INSERT OR REPLACE INTO article_facets SELECT * FROM article_facets_computed WHERE article_id = new.article_id;
END;

CREATE TRIGGER article_facets_entities_ad AFTER DELETE ON article_entities BEGIN
    INSERT OR REPLACE INTO article_facets SELECT * FROM article_facets_computed WHERE article_id = old.article_id;
END;

CREATE TRIGGER article_facets_credits_ai AFTER INSERT ON article_credits
WHEN (SELECT bulk FROM newsdb_state) = 0 BEGIN
    INSERT OR REPLACE INTO article_facets SELECT * FROM article_facets_computed WHERE article_id = new.article_id;
END;

CREATE TRIGGER article_facets_credits_ad AFTER DELETE ON article_credits BEGIN
    INSERT OR REPLACE INTO article_facets SELECT * FROM article_facets_computed WHERE article_id = old.article_id;
END;
