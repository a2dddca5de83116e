-- Lists as JSON arrays in the analyst views, so Datasette can facet on them (`_facet_array=credits`)
-- and JSON readers get arrays; the flat text stays beside them for CSV users (`credits_text`).
-- An article crediting no agency has NULL credits, as before.

DROP VIEW article_overview;
CREATE VIEW article_overview AS
SELECT a.id, a.title, s.name AS source, g.name AS aggregator, a.published, a.captured, a.byline, a.dateline,
       a.url, a.word_count,
       (SELECT CASE WHEN count(*) > 0 THEN json_group_array(agency) END
        FROM (SELECT agency FROM article_credits c WHERE c.article_id = a.id ORDER BY agency)) AS credits,
       (SELECT group_concat(agency, ', ')
        FROM (SELECT agency FROM article_credits c WHERE c.article_id = a.id ORDER BY agency)) AS credits_text,
       a.lead, a.origin
FROM articles a
LEFT JOIN sources s ON s.id = a.source_id
LEFT JOIN aggregators g ON g.id = a.aggregator_id;

-- One row per entity: its aliases (a JSON array, and as text) and the number of articles naming it.
CREATE VIEW entity_overview AS
SELECT e.id, e.name, e.type,
       (SELECT CASE WHEN count(*) > 0 THEN json_group_array(alias) END
        FROM (SELECT alias FROM entity_aliases x WHERE x.entity_id = e.id ORDER BY alias)) AS aliases,
       (SELECT group_concat(alias, '; ')
        FROM (SELECT alias FROM entity_aliases x WHERE x.entity_id = e.id ORDER BY alias)) AS aliases_text,
       (SELECT count(*) FROM article_entities ae WHERE ae.entity_id = e.id) AS articles
FROM entities e;
