-- A word's bounds in a whole group of 64 sealed blocks, packed into one row: a common word has a
-- row in nearly every sealed block, and a search read those 3,700 rows one by one at 1M articles
-- (2-3 ms a word, a third of a common word's search). Packed, it reads one row per group.
--
-- `entries` holds, for each block of the group where the word has a bound, 13 bytes and mostly a
-- 32-byte bitmap (Sources/NewsStore/BoundPacks.swift): the block's place in the group, flags, the
-- `search_bound_terms` columns and its bitmap. Keyed by group first, as those rows are: a group's
-- packs are written together, at the end of the table. A group is packed once all its blocks are sealed
-- (`search_packed_groups` records it) and its rows in `search_bound_terms` are then deleted; a
-- block sealed again later gets rows there as before, with a newer generation, so each entry, like
-- each row, counts only while its generation is its block's seal.

CREATE TABLE search_bound_packs (
    block_group INTEGER NOT NULL,
    term        TEXT NOT NULL,
    entries     BLOB NOT NULL,
    PRIMARY KEY (block_group, term)
) WITHOUT ROWID;

CREATE TABLE search_packed_groups (
    block_group INTEGER PRIMARY KEY
);
