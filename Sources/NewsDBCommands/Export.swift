import ArgumentParser
import Foundation
import NewsStore

extension NewsDB {
    /// `newsdb export`: the data, or a search's articles, for sqlite3, PostgreSQL, spreadsheets and notebooks.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export as a SQL script for sqlite3 or PostgreSQL, CSV files, or JSON lines.",
            discussion: """
                A query or filters restrict the export to the matching articles and the rows related to them.
                Examples: newsdb export --format sqlite-sql --out dump.sql
                          newsdb export --format postgres 'ceasefire from:2025' | psql -v ON_ERROR_STOP=1 mydb
                          newsdb export --format csv --out tables/
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Option(help: "sqlite-sql, postgres, csv or jsonl.")
        var format: String = "sqlite-sql"

        @Option(help: "Output file (a directory for csv); standard output when omitted.")
        var out: String?

        @Argument(help: "A search query selecting the articles to export (all when omitted).")
        var query: String = ""

        @Option(help: "Only this source (repeatable).") var source: [String] = []
        @Option(help: "Only articles crediting this agency (repeatable).") var agency: [String] = []
        @Option(help: "Only articles naming this person (repeatable).") var person: [String] = []
        @Option(help: "Only articles naming this place (repeatable).") var place: [String] = []
        @Option(help: "Only articles naming this organisation (repeatable).") var org: [String] = []
        @Option(help: "Published on or after: YYYY-MM-DD, YYYY-MM or YYYY.") var from: String?
        @Option(help: "Published on or before: YYYY-MM-DD, YYYY-MM or YYYY.") var to: String?

        func validate() throws {
            guard let kind = Exporter.Format(rawValue: format) else {
                throw ValidationError("--format must be sqlite-sql, postgres, csv or jsonl")
            }
            if kind == .csv && out == nil { throw ValidationError("--format csv writes one file per table: give --out DIRECTORY") }
        }

        func run() throws {
            let kind = Exporter.Format(rawValue: format)!
            var parsed: SearchQuery
            do {
                parsed = try SearchQuery.parse(query)
            } catch {
                throw UsageError(message: "bad query:\n" + error.pointing(at: query))
            }
            parsed.filters.sources += source
            parsed.filters.agencies += agency
            parsed.filters.people += person
            parsed.filters.places += place
            parsed.filters.organizations += org
            for (name, value) in [("from", from), ("to", to)] {
                guard let value else { continue }
                guard let days = SearchQueryParser.day(value) else {
                    throw UsageError(message: "--\(name) wants a date as YYYY-MM-DD, YYYY-MM or YYYY, not '\(value)'")
                }
                if name == "from" { parsed.filters.from = days.first } else { parsed.filters.to = days.last }
            }
            let connection = try NewsDatabase.openReadOnly(path: database.path)
            let exporter = Exporter(connection: connection)
            if parsed.expression != nil || !parsed.filters.isEmpty {
                try exporter.restrict(to: SearchRequest(query: parsed))
            }
            // One read transaction: the export is a consistent snapshot even while an ingest writes.
            try connection.transaction(.deferred) {
                if kind == .csv {
                    try exporter.export(as: kind, to: nil, directory: out)
                } else {
                    let sink = try ExportSink(path: out)
                    try exporter.export(as: kind, to: sink, directory: nil)
                    try sink.close()
                }
            }
            let summary = exporter.counts.map { "\($0.rows) \($0.table)" }.joined(separator: ", ")
            Terminal.printError("newsdb export: \(format)\(out.map { " to \($0)" } ?? ""): \(summary)")
        }
    }
}
