-- A narrow index over the sealed blocks, so that reading which blocks are sealed (or how many) does
-- not walk `search_blocks` itself, whose rows carry each block's 1 KiB of lengths (0013): at 1M
-- articles that walk touches about 500 pages and took 1 ms, more than the rest of a rare word's
-- search. A search reads the sealed blocks to bound how many articles a word can be in (a sealed
-- block without a row for the word holds it in fewer than four), which decides whether the search
-- plans, counts or scores alone (Sources/NewsStore/BoundRows.swift).

CREATE INDEX search_blocks_sealed ON search_blocks (generation);
