-- Facet values by column for each full block of 256 article ids (the blocks of 0009), so that a
-- search over many matches counts its facets from a few thousand short arrays instead of parsing one
-- packed row per match (see Sources/NewsStore/FacetBlocks.swift, which writes and reads them).
--
-- Slot `s` of a block is the article with id `block * 256 + s`. Numbers are little-endian, 32 bits:
--   sources, aggregators, days: 256 numbers, one per slot, 0 where the slot has none; a day is
--     YYYYMMDD * 4 + 2 (YYYY-MM: YYYYMM00 * 4 + 1, YYYY: YYYY0000 * 4).
--   agencies, people, places, organizations: 257 offsets and then the values; slot s's values lie
--     between offsets s and s + 1. People, places and organizations are entity ids; agencies are
--     positions in `agency_names` (comma-separated).
-- A column is NULL where some value of the block does not fit it (a date of another shape, an id past
-- 32 bits): a search then reads that block's `article_facets` rows.
--
-- A block's row is a copy: any change to the block's `article_facets` rows deletes it, and newsdb's
-- writer packs every full block that has no row at the end of each batch. A search reads a block with
-- no row from `article_facets` itself, so a missing row costs time, never a count.

CREATE TABLE article_facet_blocks (
    block         INTEGER PRIMARY KEY,
    sources       BLOB,
    aggregators   BLOB,
    days          BLOB,
    agency_names  TEXT NOT NULL,
    agencies      BLOB,
    people        BLOB,
    places        BLOB,
    organizations BLOB
);

CREATE TRIGGER article_facet_blocks_row_added AFTER INSERT ON article_facets BEGIN
    DELETE FROM article_facet_blocks WHERE block = new.article_id >> 8;
END;

CREATE TRIGGER article_facet_blocks_row_changed AFTER UPDATE ON article_facets BEGIN
    DELETE FROM article_facet_blocks WHERE block IN (old.article_id >> 8, new.article_id >> 8);
END;

CREATE TRIGGER article_facet_blocks_row_deleted AFTER DELETE ON article_facets BEGIN
    DELETE FROM article_facet_blocks WHERE block = old.article_id >> 8;
END;
