-- search_bound_terms gets `block_group` (block >> 6: 64 blocks, 16,384 article ids) as the first
-- part of its key. Keyed (term, block), the rows a batch seals (one per word of each block it
-- filled) went to pages all over the table, and at a million articles each batch rewrote most of
-- them through the write-ahead log. Keyed by group first, a batch's rows land among those of the one
-- or two groups it filled: a 1M load wrote 38.9 GB to disk instead of 46.4-47.6 GB (BENCHMARKS.md,
-- twelfth session). A reader seeks each group once per word (BoundRows).
-- SearchBounds.groupShift must stay 6 to match the rows copied here.

CREATE TABLE search_bound_terms_by_group (
    block_group       INTEGER NOT NULL,
    term              TEXT NOT NULL,
    block             INTEGER NOT NULL,
    generation        INTEGER NOT NULL,
    articles          INTEGER NOT NULL,
    max_weighted_tf   INTEGER NOT NULL,
    min_length_per_tf REAL NOT NULL,
    PRIMARY KEY (block_group, term, block)
) WITHOUT ROWID;

INSERT INTO search_bound_terms_by_group (block_group, term, block, generation, articles, max_weighted_tf, min_length_per_tf)
SELECT block >> 6, term, block, generation, articles, max_weighted_tf, min_length_per_tf FROM search_bound_terms;

DROP TABLE search_bound_terms;
ALTER TABLE search_bound_terms_by_group RENAME TO search_bound_terms;
