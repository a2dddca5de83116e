import ArgumentParser
import Foundation
import NewsStore

extension NewsDB {
    /// `newsdb export`: the data, or a search's articles, for sqlite3, PostgreSQL, spreadsheets and notebooks.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Export as a SQL script for sqlite3 or PostgreSQL, CSV files, or JSON lines.",
            discussion: """
                A query or filters restrict the export to the matching articles and the rows related to them.
                Examples: newsdb export --format sqlite-sql --out dump.sql
                          newsdb export --format postgres 'ceasefire from:2025' | psql -v ON_ERROR_STOP=1 mydb
                          newsdb export --format csv --out tables/
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Option(help: "sqlite-sql, postgres, csv or jsonl.", completion: .list(["sqlite-sql", "postgres", "csv", "jsonl"]))
        var format: String = "sqlite-sql"

        @Option(help: "Output file (a directory for csv); standard output when omitted.", completion: .file())
        var out: String?

        @Argument(help: "A search query selecting the articles to export (all when omitted).")
        var query: String = ""

        @OptionGroup var filters: FilterOptions

        func validate() throws {
            guard let kind = Exporter.Format(rawValue: format) else {
                throw ValidationError("--format must be sqlite-sql, postgres, csv or jsonl")
            }
            if kind == .csv && out == nil { throw ValidationError("--format csv writes one file per table: give --out DIRECTORY") }
        }

        func run() throws {
            guard let kind = Exporter.Format(rawValue: format) else { throw ValidationError("--format must be sqlite-sql, postgres, csv or jsonl") }
            var parsed = try QueryText.parse(query)
            try filters.merged(into: &parsed.filters)
            let connection = try database.openReadOnly()
            let exporter = Exporter(connection: connection)
            if Terminal.standardErrorIsInteractive {
                exporter.onTableDone = { table, rows in Terminal.printProgress("exported \(rows) rows of \(table)") }
            }
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
            if Terminal.standardErrorIsInteractive { Terminal.printProgress(nil) }
            let summary = exporter.counts.map { "\($0.rows) \($0.table)" }.joined(separator: ", ")
            Terminal.printError("newsdb export: \(format)\(out.map { " to \($0)" } ?? ""): \(summary)")
        }
    }
}
