import Foundation

/// What `newsdb stats` reports: row counts per table, schema version, file size, SQLite version.
public struct DatabaseStats: Sendable {
    public var tableCounts: [(table: String, rows: Int)]
    public var schemaVersion: Int
    /// Bytes of the database file plus its write-ahead log, as they are on disk now.
    public var fileBytes: Int64
    public var sqliteVersion: String

    /// Ordinary tables only: FTS shadow tables and SQLite's own are internal detail.
    static let listTables = """
        SELECT name FROM sqlite_schema
        WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts_%' AND sql NOT LIKE 'CREATE VIRTUAL%'
        ORDER BY name
        """

    public static func read(from connection: Connection) throws -> DatabaseStats {
        var counts: [(table: String, rows: Int)] = []
        for row in try connection.query(listTables) {
            guard let table = row.string(0) else { continue }
            // Table names come from sqlite_schema, quoted as identifiers.
            let quoted = "\"" + table.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            let rows = try connection.scalar("SELECT count(*) FROM \(quoted)")?.int64Value ?? 0
            counts.append((table, Int(rows)))
        }
        return DatabaseStats(
            tableCounts: counts,
            schemaVersion: try Migrator.currentVersion(of: connection),
            fileBytes: fileBytes(path: connection.path),
            sqliteVersion: Connection.sqliteVersion
        )
    }

    /// Bytes of the database file at `path` plus its write-ahead log; 0 for one not on disk.
    public static func fileBytes(path: String) -> Int64 {
        var bytes: Int64 = 0
        for suffix in ["", "-wal"] {
            let attributes = try? FileManager.default.attributesOfItem(atPath: path + suffix)
            bytes += (attributes?[.size] as? NSNumber)?.int64Value ?? 0
        }
        return bytes
    }
}
