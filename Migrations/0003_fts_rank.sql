-- BM25 column weights stored in the index itself (title 5, lead 2, body 1), so that
-- `ORDER BY rank` ranks as newsdb does and FTS5 can stop after the first page of hits.
INSERT INTO articles_fts (articles_fts, rank) VALUES ('rank', 'bm25(5.0, 2.0, 1.0)');
