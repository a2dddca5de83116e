-- newsdb: edits the schema text
-- Datasette and sqlite-utils find a table's full-text index by the text of its declaration,
-- `content="articles"` or `content=[articles]`; ours said `content = 'articles'`, which means the
-- same to SQLite but hid the index from them. Only the declaration's text changes: FTS5 reads its
-- options from it at each open, and the index itself is untouched (no rebuild). newsdb runs this
-- with the schema writable for this one step and the schema version bumped after it.

UPDATE sqlite_schema SET sql = replace(sql, 'content = ''articles''', 'content="articles"')
WHERE type = 'table' AND name = 'articles_fts';

UPDATE sqlite_schema SET sql = replace(sql, 'content = ''quotes''', 'content="quotes"')
WHERE type = 'table' AND name = 'quotes_fts';
