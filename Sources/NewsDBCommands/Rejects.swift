import ArgumentParser
import NewsStore

extension NewsDB {
    /// `newsdb rejects`: the input records that did not become articles, and why.
    struct Rejects: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rejects",
            abstract: "List rejected input records with their file, line and reason.",
            discussion: "Example: newsdb rejects --run 3 --format csv"
        )

        @OptionGroup var database: DatabaseOptions

        @Option(name: .customLong("run"), help: "Only this ingest run.")
        var runID: Int64?

        @Option(help: "Output format: table, csv, json or jsonl.")
        var format: OutputFormat = .table

        /// Rows a table lays out at once; a longer listing is printed as several tables, so that memory
        /// holds one block whatever the number of rejects (csv and jsonl stream row by row).
        static let tableBlock = 10_000

        func run() throws {
            let connection = try database.openReadOnly()
            let columns = ["run", "origin", "reason", "excerpt"]
            var block: [Row] = []
            var printedHeader = false
            func printBlock() {
                switch format {
                case .table:
                    if !block.isEmpty || !printedHeader { print(RowRenderer.render(columns: columns, rows: block, as: .table), terminator: "") }
                    printedHeader = true
                case .json:
                    break
                case .csv:
                    let text = RowRenderer.render(columns: columns, rows: block, as: .csv)
                    // The header once: later blocks print their rows only.
                    print(printedHeader ? String(text.drop { $0 != "\n" }.dropFirst()) : text, terminator: "")
                    printedHeader = true
                case .jsonl:
                    print(RowRenderer.render(columns: columns, rows: block, as: .jsonl), terminator: "")
                }
                block.removeAll(keepingCapacity: true)
            }
            if format == .json {
                // One JSON array: written element by element.
                print("[", terminator: "")
                var first = true
                try IngestLog(connection: connection).forEachReject(run: runID) { row in
                    print((first ? "\n  " : ",\n  ") + RowRenderer.jsonObject(columns: columns, row: row), terminator: "")
                    first = false
                }
                print(first ? "]" : "\n]")
                return
            }
            try IngestLog(connection: connection).forEachReject(run: runID) { row in
                block.append(row)
                if block.count == (format == .table ? Self.tableBlock : 1_000) { printBlock() }
            }
            if !block.isEmpty || !printedHeader { printBlock() }
        }
    }
}
