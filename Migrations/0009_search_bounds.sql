-- Upper bounds on each word's BM25 contribution over blocks of articles, so a ranked search can skip
-- the blocks that cannot reach its first page instead of scoring every match (see
-- Sources/NewsStore/SearchBounds.swift, which fills these tables, and PrunedRanking.swift, which reads them).
--
-- A block is the 256 article ids sharing `id >> 8`. Once every id of a block is taken the writer
-- "seals" it: for each word (as the full-text index stores it, stemmed) in at least a few of the
-- block's articles it keeps the largest weighted count of the word in one article (title x5, lead
-- x2, body x1) and the smallest article length divided by that count. From these two, any average
-- length and any IDF give a bound no article of the block can beat. Words in fewer articles of the
-- block are bounded by BM25's ceiling. Blocks not sealed are always scored.
--
-- `articles` (how many of the block's articles hold the word) gives a one-word search its exact total
-- without FTS5 counting every match.
--
-- A sealed block's bounds hold only for the text they were made from: the triggers unseal a block when
-- an article's text changes, an article is deleted or an id is reused, and rows of an older
-- `generation` are ignored. During
-- newsdb's own batches the insert trigger stands aside (see 0006): the writer unseals any block at or
-- past the next free id once per batch instead.

CREATE TABLE search_blocks (
    block      INTEGER PRIMARY KEY,
    generation INTEGER NOT NULL
);

CREATE TABLE search_bound_terms (
    term              TEXT NOT NULL,
    block             INTEGER NOT NULL,
    generation        INTEGER NOT NULL,
    articles          INTEGER NOT NULL,
    max_weighted_tf   INTEGER NOT NULL,
    min_length_per_tf REAL NOT NULL,
    PRIMARY KEY (term, block)
) WITHOUT ROWID;

CREATE TRIGGER search_blocks_text_changed AFTER UPDATE OF title, lead, body ON articles BEGIN
    DELETE FROM search_blocks WHERE block IN (old.id >> 8, new.id >> 8);
END;

CREATE TRIGGER search_blocks_article_deleted AFTER DELETE ON articles BEGIN
    DELETE FROM search_blocks WHERE block = old.id >> 8;
END;

CREATE TRIGGER search_blocks_id_reused AFTER INSERT ON articles
WHEN (SELECT bulk FROM newsdb_state) = 0 AND EXISTS (SELECT 1 FROM search_blocks WHERE block = new.id >> 8) BEGIN
    DELETE FROM search_blocks WHERE block = new.id >> 8;
END;

-- Each seal takes the next generation, never one used before for the block.
ALTER TABLE newsdb_state ADD COLUMN search_generation INTEGER NOT NULL DEFAULT 0;
