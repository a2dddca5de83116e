-- The article and quote indexes hold up to 8 MB of new terms in memory before FTS5 writes them out
-- as a segment (its own default is 1 MB). Every segment is merged into larger ones later, and at a
-- million articles those merges were most of the cost of indexing a batch: fewer, bigger first
-- segments need fewer merges. 8 MB holds a whole batch of newsdb's loads (which end at 8 MB of input);
-- a batch's terms are written out at its commit anyway, so more gains nothing (32 MB measured the
-- same; BENCHMARKS.md, twelfth session). The setting is stored in each index's config table, so every
-- writer uses it, and holds at most this much more memory per index while it inserts.

INSERT INTO articles_fts (articles_fts, rank) VALUES ('hashsize', 8388608);
INSERT INTO quotes_fts (quotes_fts, rank) VALUES ('hashsize', 8388608);
