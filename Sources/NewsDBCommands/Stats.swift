import ArgumentParser
import NewsStore

extension NewsDB {
    /// `newsdb stats`: what is in the database and how big it is.
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stats",
            abstract: "Show row counts per table, schema version, file size and SQLite version.",
            discussion: "Example: newsdb stats --db news.db --format json"
        )

        @OptionGroup var database: DatabaseOptions

        @Option(help: "table, json or jsonl (the same one-line object).")
        var format: DocumentFormat = .table

        func run() throws {
            let connection = try database.openReadOnly()
            let stats = try DatabaseStats.read(from: connection)
            print(StatsRenderer.render(stats, path: database.path, as: format), terminator: "")
        }
    }
}

/// Formats `DatabaseStats` for people (aligned text) or scripts (JSON).
enum StatsRenderer {
    static func render(_ stats: DatabaseStats, path: String, as format: DocumentFormat) -> String {
        if format != .table {
            let tables = stats.tableCounts.map { JSONText.string($0.table) + ": " + String($0.rows) }
            return """
                {"database": \(JSONText.string(path)), "schema_version": \(stats.schemaVersion), \
                "file_bytes": \(stats.fileBytes), "sqlite_version": \(JSONText.string(stats.sqliteVersion)), \
                "tables": {\(tables.joined(separator: ", "))}}

                """
        }
        let header = [
            ["database", path],
            ["schema version", String(stats.schemaVersion)],
            ["file size", byteCount(stats.fileBytes)],
            ["sqlite version", stats.sqliteVersion],
        ]
        let labelWidth = header.map { $0[0].count }.max() ?? 0
        var text = header.map { $0[0].padding(toLength: labelWidth + 2, withPad: " ", startingAt: 0) + $0[1] }
            .joined(separator: "\n")
        let rows = stats.tableCounts.map { Row(values: [.text($0.table), .integer(Int64($0.rows))]) }
        text += "\n\n" + RowRenderer.table(columns: ["table", "rows"], rows: rows)
        return text
    }

    static func byteCount(_ bytes: Int64) -> String {
        let units = ["bytes", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(bytes) bytes" : String(format: "%.1f %@ (%lld bytes)", value, units[unit], bytes)
    }
}
