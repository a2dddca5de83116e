-- The article and quote full-text indexes are filled once per batch during newsdb's own loads.
--
-- An FTS5 table writes its pending terms out as a new segment whenever a statement opens a
-- statement journal, which every INSERT into a table with triggers does. Fed row by row from a
-- trigger, a load of N articles made N tiny segments and spent most of its time merging them.
-- While `newsdb_state.bulk` is 1 (only ever inside one of newsdb's write transactions) these
-- triggers stand aside: the writer indexes the batch's new rows with one INSERT … SELECT per
-- index before it commits, and keeps the index right itself when it fills a stored article's
-- missing title. Any other change (the sqlite3 shell, a script) still goes through the triggers.

DROP TRIGGER articles_ai;
CREATE TRIGGER articles_ai AFTER INSERT ON articles
WHEN (SELECT bulk FROM newsdb_state) = 0 BEGIN
    INSERT INTO articles_fts (rowid, title, lead, body)
    VALUES (new.id, new.title, new.lead, new.body);
END;

DROP TRIGGER articles_au;
CREATE TRIGGER articles_au AFTER UPDATE OF title, lead, body ON articles
WHEN (SELECT bulk FROM newsdb_state) = 0 BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, lead, body)
    VALUES ('delete', old.id, old.title, old.lead, old.body);
    INSERT INTO articles_fts (rowid, title, lead, body)
    VALUES (new.id, new.title, new.lead, new.body);
END;

DROP TRIGGER quotes_ai;
CREATE TRIGGER quotes_ai AFTER INSERT ON quotes
WHEN (SELECT bulk FROM newsdb_state) = 0 BEGIN
    INSERT INTO quotes_fts (rowid, text, speaker_name) VALUES (new.id, new.text, new.speaker_name);
END;
