import Foundation

/// Opens newsdb files: read-write ones are migrated to this binary's schema, read-only ones verified.
public enum NewsDatabase {
    /// Opens or creates the database and applies pending migrations.
    public static func open(path: String, migrations: [Migration]? = nil) throws -> Connection {
        let connection = try Connection(path: path, mode: .readWrite)
        try Migrator(migrations: try migrations ?? Migration.embedded).migrate(connection)
        return connection
    }

    /// Opens an existing database so that no statement can change it.
    public static func openReadOnly(path: String) throws -> Connection {
        guard path == ":memory:" || FileManager.default.fileExists(atPath: path) else {
            throw NewsDatabaseError.missing(path: path)
        }
        let connection = try Connection(path: path, mode: .readOnly)
        try Migrator(migrations: try Migration.embedded).verify(connection)
        return connection
    }
}

public enum NewsDatabaseError: Error, Equatable, CustomStringConvertible {
    case missing(path: String)

    public var description: String {
        switch self {
        case .missing(let path): "no database at \(path); create one with `newsdb init --db \(path)`"
        }
    }
}
