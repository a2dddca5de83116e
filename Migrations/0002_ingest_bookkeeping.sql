-- Ingest bookkeeping for resumable, repeatable loads.
--
-- A re-run of the same ingest meets the same bad records again; each is kept once, credited to the
-- latest run that saw it, so `newsdb rejects` lists every bad record exactly once.
DELETE FROM rejects WHERE id NOT IN (SELECT min(id) FROM rejects GROUP BY origin, reason);
CREATE UNIQUE INDEX rejects_by_origin ON rejects (origin, reason);

-- Files whose every record has been stored, with the size and modification time they had then.
-- A re-run skips a file whose size and time are unchanged, so resuming after a crash only reads
-- what was not finished.
CREATE TABLE ingest_files (
    path        TEXT PRIMARY KEY,
    size        INTEGER NOT NULL,
    modified    TEXT NOT NULL,
    run_id      INTEGER REFERENCES ingest_runs (id),
    records     INTEGER NOT NULL DEFAULT 0
);
