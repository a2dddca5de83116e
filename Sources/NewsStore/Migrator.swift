import Foundation

/// Brings a database to the latest schema, one migration per `BEGIN IMMEDIATE` transaction.
///
/// Applied migrations are recorded in `schema_migrations` with their checksum; at every open the
/// recorded checksums are compared with the binary's, so an edited migration fails loudly.
public struct Migrator {
    public let migrations: [Migration]

    public init(migrations: [Migration]) {
        self.migrations = migrations
    }

    public var latestVersion: Int { migrations.last?.version ?? 0 }

    static let createLedger = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    INTEGER PRIMARY KEY,
            name       TEXT NOT NULL,
            checksum   TEXT NOT NULL,
            applied_at TEXT NOT NULL
        )
        """

    static let selectApplied = "SELECT version, name, checksum FROM schema_migrations ORDER BY version"

    static let recordApplied = "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)"

    /// The schema version recorded in a database, 0 when it has none (also for read-only connections).
    public static func currentVersion(of connection: Connection) throws -> Int {
        let hasLedger = try connection.scalar(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'"
        )
        guard hasLedger == .integer(1) else { return 0 }
        return try connection.scalar("SELECT coalesce(max(version), 0) FROM schema_migrations")?.int64Value.map { Int($0) } ?? 0
    }

    /// Checks the applied migrations against this binary's; refuses edited ones and newer databases.
    public func verify(_ connection: Connection) throws {
        let hasLedger = try connection.scalar(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'"
        )
        guard hasLedger == .integer(1) else { return }
        for row in try connection.query(Self.selectApplied) {
            let version = row.int(0) ?? 0
            guard let known = migrations.first(where: { $0.version == version }) else {
                throw MigrationError.databaseNewer(databaseVersion: try Self.currentVersion(of: connection), binaryVersion: latestVersion)
            }
            let recorded = row.string(2) ?? ""
            if recorded != known.checksum {
                throw MigrationError.checksumMismatch(
                    version: version, name: known.name, recorded: recorded, current: known.checksum)
            }
        }
    }

    /// Applies every migration not yet recorded; returns the ones applied now.
    ///
    /// Each migration runs in its own `BEGIN IMMEDIATE` transaction, which reads the ledger only once
    /// it holds the write lock: two first runs on a new file cannot both apply the same migration.
    /// A file with tables of its own and no ledger is not ours, and is refused before anything is written.
    @discardableResult
    public func migrate(_ connection: Connection) throws -> [Migration] {
        // Up to date (every open but the first): checked by reading, without taking the write lock.
        if try Self.currentVersion(of: connection) == latestVersion {
            try verify(connection)
            return []
        }
        var applied: [Migration] = []
        for (index, migration) in migrations.enumerated() {
            let didApply: Bool
            do {
                didApply = try connection.transaction(.immediate) {
                    if index == 0 {
                        try refuseForeign(connection)
                        try connection.execute(Self.createLedger)
                        try verify(connection)
                    }
                    guard migration.version > (try Self.currentVersion(of: connection)) else { return false }
                    if migration.editsSchemaText {
                        try connection.editingSchemaText { try connection.execute(migration.sql) }
                    } else {
                        try connection.execute(migration.sql)
                    }
                    try connection.execute(Self.recordApplied, [
                        SQLValue(migration.version), .text(migration.name), .text(migration.checksum), SQLValue(Date()),
                    ])
                    return true
                }
            } catch let error as SQLiteError where error.code == .busy {
                // Another writer holds the lock: nothing failed, the caller says the database is busy.
                throw error
            } catch let error as SQLiteError {
                throw MigrationError.failed(version: migration.version, name: migration.name, underlying: error)
            }
            if didApply { applied.append(migration) }
        }
        return applied
    }

    /// The tables and views a file holds, SQLite's own left out: what tells a foreign file from a new one.
    static func tablesAndViews(of connection: Connection) throws -> [String] {
        try connection.query(
            "SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name"
        ).compactMap { $0.string(0) }
    }

    /// Throws when the database holds tables but no ledger: another program's file.
    private func refuseForeign(_ connection: Connection) throws {
        guard try Self.currentVersion(of: connection) == 0 else { return }
        let tables = try Self.tablesAndViews(of: connection)
        guard tables.isEmpty || tables == ["schema_migrations"] else {
            throw MigrationError.foreignDatabase(tables: tables)
        }
    }
}

extension SQLValue {
    /// The integer value, when this is an integer.
    public var int64Value: Int64? {
        if case .integer(let number) = self { number } else { nil }
    }
}
