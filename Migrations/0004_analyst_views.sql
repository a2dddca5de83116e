-- Views for analysts: the joins they would otherwise write every time.

-- One row per article with its source, aggregator and credited agencies.
CREATE VIEW article_overview AS
SELECT a.id, a.title, s.name AS source, g.name AS aggregator, a.published, a.captured, a.byline, a.dateline,
       a.url, a.word_count,
       (SELECT group_concat(agency, ', ') FROM article_credits c WHERE c.article_id = a.id) AS credits,
       a.lead, a.origin
FROM articles a
LEFT JOIN sources s ON s.id = a.source_id
LEFT JOIN aggregators g ON g.id = a.aggregator_id;

-- One row per quote with its speaker and the article it appeared in.
CREATE VIEW quote_overview AS
SELECT q.id, q.text, q.speaker_name AS speaker, e.type AS speaker_type, q.partial, q.article_id,
       a.title, s.name AS source, a.published
FROM quotes q
JOIN articles a ON a.id = q.article_id
LEFT JOIN entities e ON e.id = q.speaker_entity_id
LEFT JOIN sources s ON s.id = a.source_id;

-- One row per entity named in an article, with the article's date and source.
CREATE VIEW entity_mentions AS
SELECT ae.article_id, e.id AS entity_id, e.name, e.type, ae.mentions, ae.first_offset, a.published, s.name AS source
FROM article_entities ae
JOIN entities e ON e.id = ae.entity_id
JOIN articles a ON a.id = ae.article_id
LEFT JOIN sources s ON s.id = a.source_id;

-- Articles per source per day of publication.
CREATE VIEW daily_source_counts AS
SELECT substr(a.published, 1, 10) AS day, s.name AS source, count(*) AS articles
FROM articles a
LEFT JOIN sources s ON s.id = a.source_id
WHERE a.published IS NOT NULL
GROUP BY day, s.name;
