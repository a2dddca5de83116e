-- Each sealed block keeps its articles' lengths: for each of its 256 ids, the article's token count
-- (title, lead and body together) as FTS5 stores it in articles_fts_docsize, one little-endian
-- 32-bit number per id (0xFFFFFFFF where the index has no docsize row for it). The rank function
-- reads a block's lengths in one read where it scored each match after seeking that match's docsize
-- row, about half of what scoring a match cost (see Sources/NewsStore/RankFunction.swift).
--
-- The lengths belong to the seal: the triggers of 0009 drop a block's row when an article's text
-- changes, an article is deleted or an id is reused, so they never describe older text. Blocks sealed
-- before this migration have none (NULL) until the writer's next batch fills them; until then their
-- matches' lengths are read row by row, as before.

ALTER TABLE search_blocks ADD COLUMN lengths BLOB;
CREATE INDEX search_blocks_without_lengths ON search_blocks (block) WHERE lengths IS NULL;
