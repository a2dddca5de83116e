import ArgumentParser
import NewsStore

extension NewsDB {
    /// `newsdb rejects`: the input records that did not become articles, and why.
    struct Rejects: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List rejected input records with their file, line and reason.",
            discussion: "Example: newsdb rejects --run 3 --format csv"
        )

        @OptionGroup var database: DatabaseOptions

        @Option(name: .customLong("run"), help: "Only this ingest run.")
        var runID: Int64?

        @Option(help: "Output format: table, csv, json or jsonl.")
        var format: OutputFormat = .table

        func run() throws {
            let connection = try NewsDatabase.openReadOnly(path: database.path)
            let rows = try IngestLog(connection: connection).rejects(run: runID)
            print(RowRenderer.render(columns: ["run", "origin", "reason", "excerpt"], rows: rows, as: format), terminator: "")
        }
    }
}
