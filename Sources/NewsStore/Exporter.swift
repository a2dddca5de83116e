import Foundation

/// Writes the database, or the articles a search selects with everything related to them, as a SQL
/// script for sqlite3, a script for PostgreSQL, CSV files or JSON lines. Rows stream from SQLite to
/// the output one at a time.
public final class Exporter {
    public enum Format: String, Sendable, CaseIterable {
        case sqliteSQL = "sqlite-sql"
        case postgres
        case csv
        case jsonl
    }

    /// The data tables in an order that satisfies their foreign keys.
    public static let tables = [
        "sources", "aggregators", "ingest_runs", "articles", "article_credits", "entities", "entity_aliases",
        "article_entities", "quotes", "rejects", "ingest_files",
    ]

    private let connection: Connection
    /// True when a search restricted the export to `temp.export_ids`.
    private var restricted = false

    public init(connection: Connection) {
        self.connection = connection
    }

    /// Restricts the export to the articles matching `request` (and the rows related to them).
    public func restrict(to request: SearchRequest) throws {
        try SearchEngine(connection: connection).collectMatches(of: request)
        try connection.execute("CREATE TEMP TABLE IF NOT EXISTS export_ids (id INTEGER PRIMARY KEY)")
        try connection.execute("DELETE FROM temp.export_ids")
        try connection.execute("INSERT INTO temp.export_ids SELECT id FROM temp.search_hits")
        restricted = true
    }

    /// The WHERE clause that keeps a table's rows related to the exported articles.
    func condition(for table: String) -> String {
        guard restricted else { return "" }
        let articles = "SELECT id FROM temp.export_ids"
        let entities = "SELECT entity_id FROM article_entities WHERE article_id IN (\(articles)) UNION SELECT speaker_entity_id FROM quotes WHERE article_id IN (\(articles))"
        return switch table {
        case "articles": "WHERE id IN (\(articles))"
        case "sources": "WHERE id IN (SELECT source_id FROM articles WHERE id IN (\(articles)))"
        case "aggregators": "WHERE id IN (SELECT aggregator_id FROM articles WHERE id IN (\(articles)))"
        case "ingest_runs": "WHERE id IN (SELECT ingest_run FROM articles WHERE id IN (\(articles)))"
        case "article_credits", "article_entities", "quotes": "WHERE article_id IN (\(articles))"
        case "entities": "WHERE id IN (\(entities))"
        case "entity_aliases": "WHERE entity_id IN (\(entities))"
        default: "WHERE 0"  // rejects and ingest_files belong to the whole database only
        }
    }

    func columns(of table: String) throws -> [String] {
        try connection.query("SELECT name FROM pragma_table_info(?) ORDER BY cid", [.text(table)]).compactMap { $0.string(0) }
    }

    /// Streams the rows of a table, ordered by its key so exports are repeatable.
    func eachRow(of table: String, columns: [String], _ body: ([SQLValue]) throws -> Void) throws {
        let quoted = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        let statement = try connection.prepare("SELECT \(quoted) FROM \"\(table)\" \(condition(for: table)) ORDER BY 1, 2")
        while let row = try statement.step() { try body(row.values) }
    }

    /// Rows written per table, for the summary.
    public private(set) var counts: [(table: String, rows: Int)] = [] {
        didSet { if let last = counts.last, counts.count > oldValue.count { onTableDone?(last.table, last.rows) } }
    }

    /// Called after each table is written, for a progress line.
    public var onTableDone: ((String, Int) -> Void)?

    public func export(as format: Format, to sink: ExportSink?, directory: String?) throws {
        counts = []
        switch (format, sink) {
        case (.sqliteSQL, let sink?): try writeSQLite(to: sink)
        case (.postgres, let sink?): try writePostgres(to: sink)
        case (.jsonl, let sink?): try writeJSONL(to: sink)
        case (.sqliteSQL, nil), (.postgres, nil), (.jsonl, nil):
            throw ExportError.cannotWrite("the export", reason: "no output was given")
        case (.csv, _):
            guard let directory else { throw ExportError.needsDirectory }
            try writeCSV(into: directory)
        }
    }

    // MARK: sqlite3

    private func writeSQLite(to sink: ExportSink) throws {
        try sink.write("-- newsdb export for sqlite3: sqlite3 new.db < this-file.sql\nPRAGMA foreign_keys = OFF;\nBEGIN;\n")
        for migration in try Migration.embedded {
            // A migration that rewrites a declaration's text needs the schema writable in sqlite3 too.
            let (before, after) = migration.editsSchemaText ? ("PRAGMA writable_schema = ON;\n", "PRAGMA writable_schema = OFF;\n") : ("", "")
            try sink.write("\n-- migration \(migration.version): \(migration.name)\n\(before)\(migration.sql)\n\(after)")
        }
        try sink.write(Migrator.createLedger + ";\n")
        for row in try connection.query("SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version") {
            try sink.write("INSERT INTO schema_migrations VALUES (\(row.values.map(Self.sqlLiteral).joined(separator: ", ")));\n")
        }
        // The facet and full-text triggers stand aside while rows load; the packed rows and the
        // article and quote indexes are built once at the end.
        try sink.write("UPDATE newsdb_state SET bulk = 1;\n")
        for table in Self.tables {
            let columns = try columns(of: table)
            let prefix = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES ("
            var rows = 0
            try eachRow(of: table, columns: columns) { values in
                try sink.write(prefix + values.map(Self.sqlLiteral).joined(separator: ", ") + ");\n")
                rows += 1
            }
            counts.append((table, rows))
        }
        try sink.write("""
            INSERT OR REPLACE INTO article_facets SELECT * FROM article_facets_computed;
            INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
            INSERT INTO quotes_fts (quotes_fts) VALUES ('rebuild');
            UPDATE newsdb_state SET bulk = 0;

            """)
        try sink.write("COMMIT;\n")
    }

    /// A SQL literal: text with doubled quotes, blobs as X'…', NULL.
    static func sqlLiteral(_ value: SQLValue) -> String {
        switch value {
        case .null: "NULL"
        case .integer(let number): String(number)
        case .real(let number): number.isFinite ? String(number) : "NULL"
        case .text(let text): "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        case .blob(let bytes): "X'" + bytes.map { String(format: "%02X", $0) }.joined() + "'"
        }
    }

    // MARK: PostgreSQL

    private func writePostgres(to sink: ExportSink) throws {
        try sink.write(PostgresSchema.header)
        try sink.write(PostgresSchema.tables)
        for table in Self.tables {
            let columns = try columns(of: table)
            let typed = PostgresDates.typedColumns(of: table, columns: columns)
            try sink.write("COPY \(table) (\((columns + typed.names).joined(separator: ", "))) FROM stdin;\n")
            var rows = 0
            try eachRow(of: table, columns: columns) { values in
                try sink.write((values + typed.values(values)).map(Self.copyField).joined(separator: "\t") + "\n")
                rows += 1
            }
            try sink.write("\\.\n")
            counts.append((table, rows))
        }
        try sink.write(PostgresSchema.indexesAndViews)
    }

    /// COPY text format: backslash escapes for the separators, \N for NULL.
    static func copyField(_ value: SQLValue) -> String {
        switch value {
        case .null: return "\\N"
        case .integer(let number): return String(number)
        case .real(let number): return String(number)
        case .blob(let bytes): return "\\\\x" + bytes.map { String(format: "%02x", $0) }.joined()
        case .text(let text):
            var escaped = ""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\\": escaped += "\\\\"
                case "\t": escaped += "\\t"
                case "\n": escaped += "\\n"
                case "\r": escaped += "\\r"
                case "\u{0}": break  // PostgreSQL text cannot hold NUL
                default: escaped.unicodeScalars.append(scalar)
                }
            }
            return escaped
        }
    }

    // MARK: CSV

    private func writeCSV(into directory: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder)
            throw ExportError.cannotWrite(directory, reason: exists && !isFolder.boolValue
                ? "it is a file, and the csv export writes one file per table into a directory"
                : "the folder cannot be created (\((error as NSError).localizedFailureReason ?? "permission denied or read-only"))")
        }
        for table in Self.tables {
            let sink = try ExportSink(path: (directory as NSString).appendingPathComponent("\(table).csv"))
            let columns = try columns(of: table)
            try sink.write(columns.map(CSVText.field).joined(separator: ",") + "\r\n")
            var rows = 0
            try eachRow(of: table, columns: columns) { values in
                try sink.write(values.map { CSVText.field(Self.plain($0)) }.joined(separator: ",") + "\r\n")
                rows += 1
            }
            try sink.close()
            counts.append((table, rows))
        }
    }

    static func plain(_ value: SQLValue) -> String {
        switch value {
        case .null: ""
        case .integer(let number): String(number)
        case .real(let number): String(number)
        case .text(let text): text
        case .blob(let bytes): bytes.map { String(format: "%02x", $0) }.joined()
        }
    }

    // MARK: JSON lines

    private func writeJSONL(to sink: ExportSink) throws {
        let statement = try connection.prepare("SELECT id FROM articles \(condition(for: "articles")) ORDER BY id")
        var rows = 0
        while let row = try statement.step() {
            guard let id = row.int64(0), let stored = try ArticleReader.article(id: id, in: connection) else { continue }
            try sink.write(stored.json + "\n")
            rows += 1
        }
        counts.append(("articles", rows))
    }
}
