import Foundation

/// One schema step read from `Migrations/NNNN_name.sql`: its version, name, SQL and checksum.
public struct Migration: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let sql: String

    /// FNV-1a (64-bit) of the SQL text, in hex. It detects an edited migration, not an attacker.
    public var checksum: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in sql.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The marker a migration's first line carries when it rewrites declarations in `sqlite_schema`.
    static let schemaTextMarker = "-- newsdb: edits the schema text"

    /// True for a migration that rewrites the text of declarations (defensive mode lifted for it).
    public var editsSchemaText: Bool { sql.hasPrefix(Self.schemaTextMarker) }

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// Parses a file name such as `0002_add_views.sql`; nil when it does not follow the pattern.
    public init?(fileName: String, sql: String) {
        guard fileName.hasSuffix(".sql") else { return nil }
        let stem = fileName.dropLast(4)
        guard let underscore = stem.firstIndex(of: "_") else { return nil }
        let digits = stem[..<underscore]
        let name = stem[stem.index(after: underscore)...]
        guard digits.count == 4, digits.allSatisfy(\.isASCII), let version = Int(digits), version > 0,
            !name.isEmpty,
            name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") })
        else { return nil }
        self.init(version: version, name: String(name), sql: sql)
    }

    /// The migrations compiled into this binary from the package's `Migrations/` folder.
    public static var embedded: [Migration] {
        get throws { try ordered(EmbeddedMigrations.files.map { ($0.name, $0.sql) }) }
    }

    /// Reads every `.sql` file of a folder; used by tests and by anyone trying a migration before release.
    public static func load(from folder: URL) throws -> [Migration] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".sql") }
        let files = try names.map { name in
            (name, try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
        }
        return try ordered(files)
    }

    /// Validates names and sequence: versions must run 1, 2, 3… with no gap and no duplicate.
    static func ordered(_ files: [(name: String, sql: String)]) throws -> [Migration] {
        var migrations: [Migration] = []
        for file in files {
            guard let migration = Migration(fileName: file.name, sql: file.sql) else {
                throw MigrationError.badFileName(file.name)
            }
            migrations.append(migration)
        }
        migrations.sort { $0.version < $1.version }
        for (index, migration) in migrations.enumerated() where migration.version != index + 1 {
            throw MigrationError.outOfSequence(expected: index + 1, found: migration.version, name: migration.name)
        }
        return migrations
    }
}

/// Why a database could not be brought to the binary's schema.
public enum MigrationError: Error, Equatable, CustomStringConvertible {
    case badFileName(String)
    case outOfSequence(expected: Int, found: Int, name: String)
    case checksumMismatch(version: Int, name: String, recorded: String, current: String)
    case databaseNewer(databaseVersion: Int, binaryVersion: Int)
    case failed(version: Int, name: String, underlying: SQLiteError)
    case foreignDatabase(tables: [String])

    public var description: String {
        switch self {
        case .badFileName(let name):
            "migration file \(name) is not named NNNN_lowercase_name.sql"
        case .outOfSequence(let expected, let found, let name):
            "migration \(String(format: "%04d", found))_\(name) is out of sequence: expected version \(expected) (no gaps or duplicates)"
        case .checksumMismatch(let version, let name, let recorded, let current):
            "migration \(String(format: "%04d", version))_\(name) was applied with checksum \(recorded) but the file now has \(current); applied migrations must not be edited, add a new one instead"
        case .databaseNewer(let databaseVersion, let binaryVersion):
            "the database is at schema version \(databaseVersion), newer than this newsdb, which knows up to version \(binaryVersion); upgrade newsdb"
        case .foreignDatabase(let tables):
            "this file is another program's SQLite database (it holds \(tables.prefix(5).joined(separator: ", "))\(tables.count > 5 ? ", …" : "") and no newsdb schema); it was left untouched: give newsdb a new file with --db"
        case .failed(let version, let name, let underlying):
            "migration \(String(format: "%04d", version))_\(name) failed and was rolled back: \(underlying.message)"
        }
    }
}
