-- The triggers of 0005 refreshed an article's `article_facets` row with INSERT OR REPLACE. SQLite
-- lets the statement that fires a trigger impose its own conflict handling on the trigger's
-- statements: an `INSERT OR IGNORE INTO article_credits …` typed in the sqlite3 shell turned the
-- refresh into INSERT OR IGNORE, which kept the old row, so the article's facets (and, since search
-- filters by agency and entity read the facet blocks, its filters) missed the new credit. Each
-- trigger now deletes the row and inserts it afresh, which no outer conflict clause can skip.
-- Rows left stale by such an edit before this migration are not looked for.

DROP TRIGGER article_facets_article_ai;
DROP TRIGGER article_facets_article_au;
DROP TRIGGER article_facets_entities_ai;
DROP TRIGGER article_facets_entities_ad;
DROP TRIGGER article_facets_credits_ai;
DROP TRIGGER article_facets_credits_ad;

CREATE TRIGGER article_facets_article_ai AFTER INSERT ON articles
WHEN (SELECT bulk FROM newsdb_state) = 0 BEGIN
    DELETE FROM article_facets WHERE article_id = new.id;
    INSERT INTO article_facets SELECT * FROM article_facets_computed WHERE article_id = new.id;
END;

CREATE TRIGGER article_facets_article_au AFTER UPDATE OF source_id, aggregator_id, published ON articles BEGIN
    DELETE FROM article_facets WHERE article_id = new.id;
    INSERT INTO article_facets SELECT * FROM article_facets_computed WHERE article_id = new.id;
END;

CREATE TRIGGER article_facets_entities_ai AFTER INSERT ON article_entities
WHEN (SELECT bulk FROM newsdb_state) = 0 BEGIN
    DELETE FROM article_facets WHERE article_id = new.article_id;
    INSERT INTO article_facets SELECT * FROM article_facets_computed WHERE article_id = new.article_id;
END;

CREATE TRIGGER article_facets_entities_ad AFTER DELETE ON article_entities BEGIN
    DELETE FROM article_facets WHERE article_id = old.article_id;
    INSERT INTO article_facets SELECT * FROM article_facets_computed WHERE article_id = old.article_id;
END;

CREATE TRIGGER article_facets_credits_ai AFTER INSERT ON article_credits
WHEN (SELECT bulk FROM newsdb_state) = 0 BEGIN
    DELETE FROM article_facets WHERE article_id = new.article_id;
    INSERT INTO article_facets SELECT * FROM article_facets_computed WHERE article_id = new.article_id;
END;

CREATE TRIGGER article_facets_credits_ad AFTER DELETE ON article_credits BEGIN
    DELETE FROM article_facets WHERE article_id = old.article_id;
    INSERT INTO article_facets SELECT * FROM article_facets_computed WHERE article_id = old.article_id;
END;
