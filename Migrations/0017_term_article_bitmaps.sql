-- Which of a sealed block's 256 ids hold each word: one bit per id (bit i of byte i / 8 for the
-- block's id i, lowest bit first), 32 bytes a row. Words ANDed are then counted block by block by
-- ANDing their bitmaps, where FTS5 would read every row of each word: the exact total a pruned
-- search needs before it may skip blocks (Sources/NewsStore/PrunedRanking.swift, `andTotal`).
-- Rows sealed before this have none: their blocks are counted by FTS5 as before.

ALTER TABLE search_bound_terms ADD COLUMN articles_bitmap BLOB;
