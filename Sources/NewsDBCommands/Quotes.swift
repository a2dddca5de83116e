import ArgumentParser
import NewsStore

extension NewsDB {
    /// `newsdb quotes`: who said what, where and when.
    struct Quotes: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "quotes",
            abstract: "Search quotations, with speaker, source, date and article id.",
            discussion: "Example: newsdb quotes ceasefire --speaker Trump --from 2025-03"
        )

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "Words to find in the quotes (ranked).")
        var query: String = ""

        @Option(help: "Speaker name, alias or surname.")
        var speaker: String?

        @OptionGroup var dates: DateRangeOptions

        @Option(help: "How many to list.")
        var limit: Int = 20

        @Option(help: "table, csv, json or jsonl.")
        var format: OutputFormat = .table

        func validate() throws {
            try NumericLimits.count(limit, "--limit", least: 1)
        }

        func run() throws {
            let parsed = query.isEmpty ? nil : try QueryText.parse(query)
            let range = try dates.range()
            let connection = try database.openReadOnly()
            let hits = try QuoteQueries.search(parsed, speaker: speaker, from: range.from, to: range.to, limit: limit, in: connection)
            let rows = hits.map { hit in
                Row(values: [.integer(hit.id), .text(hit.text), SQLValue(hit.speaker), SQLValue(hit.source),
                             SQLValue(hit.published.map { String($0.prefix(10)) }), .integer(hit.articleID), SQLValue(hit.partial)])
            }
            // The names `show` uses for a quote: text, speaker, partial (a boolean in JSON).
            let columns = ["id", "text", "speaker", "source", "published", "article_id", "partial"]
            if format == .table {
                print(QuoteRenderer.table(hits, style: TextStyle.forStandardOutput), terminator: "")
            } else {
                print(RowRenderer.render(columns: columns, rows: rows, as: format, shapes: ["partial": .boolean]), terminator: "")
            }
        }
    }
}

/// Quotes for people: the words, then who, where and when.
enum QuoteRenderer {
    static func table(_ hits: [QuoteHit], style: TextStyle) -> String {
        guard !hits.isEmpty else { return "no quotes found\n" }
        var text = ""
        for hit in hits {
            text += style.wrap("“\(hit.text)”", indent: 2) + "\n"
            let date = hit.published.map { String($0.prefix(10)) } ?? "undated"
            text += "    — \(style.strong(hit.speaker ?? "unattributed")), \(hit.source ?? "unknown source"), \(date), article #\(hit.articleID)\n\n"
        }
        return text
    }
}
