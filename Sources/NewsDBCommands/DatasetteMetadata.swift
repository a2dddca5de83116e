import ArgumentParser
import Foundation
import NewsStore

extension NewsDB {
    /// `newsdb datasette-metadata`: the metadata file that makes Datasette show a newsdb database
    /// the way newsdb does (search boxes, facets, labels, canned queries).
    struct DatasetteMetadata: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "datasette-metadata",
            abstract: "Print a Datasette metadata file (JSON) for the database: search, facets, labels, canned queries.",
            discussion: """
                Example: newsdb datasette-metadata --db news.db > metadata.json
                         datasette news.db --metadata metadata.json
                Datasette names a database after its file (news.db is "news"); --name changes the name used here.
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Option(help: "The database's name in Datasette (default: the file's name without its extension).")
        var name: String?

        func run() throws {
            // Opened to check the file is a newsdb database before metadata is written for it.
            _ = try database.openReadOnly()
            let stem = URL(fileURLWithPath: database.path).deletingPathExtension().lastPathComponent
            let document = DatasetteMetadataDocument.make(databaseName: name ?? stem, title: "newsdb: " + stem)
            let data = try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
        }
    }
}

/// The metadata itself: which full-text table searches each table or view, the facets and sort a
/// reader starts from, what the tables and columns hold, and queries an analyst runs by name.
enum DatasetteMetadataDocument {
    static func make(databaseName: String, title: String) -> [String: Any] {
        [
            "title": title,
            "description": "News articles loaded by newsdb: full text, sources, named entities and quotes.",
            "databases": [databaseName: ["tables": tables, "queries": queries]],
        ]
    }

    static var tables: [String: Any] { [
        "articles": [
            "description": "One row per article; lead is the first paragraph, body the rest.",
            "fts_table": "articles_fts", "fts_pk": "id", "sort_desc": "published",
            "facets": ["source_id", "aggregator_id"], "label_column": "title",
            "columns": [
                "published": "ISO 8601 date, with the time when the page gives one",
                "captured": "the date the aggregator shows for its copy",
                "origin": "file path, with :line or #record inside a dump",
            ],
        ],
        "article_overview": [
            "description": "Articles with their source, aggregator and credited wire agencies.",
            "fts_table": "articles_fts", "fts_pk": "id", "sort_desc": "published",
            "facets": ["source", "aggregator", ["array": "credits"]],
            "columns": ["credits": "credited agencies, a JSON array", "credits_text": "the same, as text"],
        ],
        "quote_overview": [
            "description": "Quotes with their speaker and the article they appeared in.",
            "fts_table": "quotes_fts", "fts_pk": "id", "sort_desc": "published",
            "facets": ["speaker", "speaker_type", "source"],
            "columns": ["partial": "1 when the quote is a fragment inside a sentence"],
        ],
        "entity_overview": [
            "description": "People, organisations and places, with their aliases and how many articles name them.",
            "fts_table": "entities_fts", "fts_pk": "id", "sort_desc": "articles",
            "facets": ["type"],
            "columns": ["aliases": "other names merged into this one, a JSON array"],
        ],
        "entity_mentions": [
            "description": "One row per entity named in an article.",
            "facets": ["type", "source"], "sort_desc": "published",
        ],
        "sources": ["label_column": "name"],
        "aggregators": ["label_column": "name"],
        "entities": ["label_column": "name", "facets": ["type"]],
        "rejects": ["description": "Input records that did not become articles, with the reason.", "facets": ["reason"]],
    ] }

    static var queries: [String: Any] { [
        "quotes_by_speaker": [
            "title": "Quotes by speaker",
            "description": "Every quote whose speaker's name contains the text given, newest first.",
            "sql": """
                select published, speaker, text, title, source from quote_overview
                where speaker like '%' || :speaker || '%' order by published desc
                """,
        ],
        "entity_timeline": [
            "title": "Entity timeline",
            "description": "Articles naming an entity (its canonical name), month by month.",
            "sql": """
                select substr(published, 1, 7) as month, count(*) as articles from entity_mentions
                where name = :name and published is not null group by month order by month
                """,
        ],
    ] }
}
