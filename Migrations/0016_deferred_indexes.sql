-- Secondary indexes that a big load drops at its start and builds once at its end, with their SQL
-- kept here meanwhile (Sources/NewsStore/DeferredIndexes.swift). Their keys (an entity, a speaker, a
-- date, a source) arrive in no order a load follows, so entered row by row each lands on a page of
-- its own: at 100k articles those inserts took 12 of a 47 s load, and building the four indexes
-- from the finished tables takes 1.4 s. Without them searches stay right, only slower; a load killed
-- before its end leaves its rows here, and the next `newsdb ingest` builds them.
--
-- A later migration that drops or changes one of these indexes must also delete its row here.

CREATE TABLE deferred_indexes (
    name TEXT PRIMARY KEY,
    sql  TEXT NOT NULL
);
