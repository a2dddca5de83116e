import Foundation

/// Opens newsdb files: read-write ones are migrated to this binary's schema, read-only ones verified.
public enum NewsDatabase {
    /// Opens or creates the database and applies pending migrations.
    public static func open(path: String, migrations: [Migration]? = nil) throws -> Connection {
        try openMigrating(path: path, migrations: migrations).connection
    }

    /// `open`, also giving the migrations it applied (none when the file was up to date).
    public static func openMigrating(path: String, migrations: [Migration]? = nil) throws -> (connection: Connection, applied: [Migration]) {
        try refuseDirectory(path)
        do {
            let connection = try Connection(path: path, mode: .readWrite)
            try choosePageSize(connection)
            let applied = try Migrator(migrations: try migrations ?? Migration.embedded).migrate(connection)
            try connection.useWriteAheadLog()
            return (connection, applied)
        } catch ResultCode.notADatabase {
            throw NewsDatabaseError.notSQLite(path: path)
        }
    }

    /// The page size of a file newsdb creates. A page holds whole article rows (2-3 KB each), so
    /// what is left after the last one that fits stays empty: about a third of SQLite's default
    /// 4 KiB page, 13.6% of the articles table with 8 KiB pages, half that with 16 KiB (a 100k
    /// file 3.5% smaller; 32 KiB gained a further 0.3%). A file that already exists keeps its own.
    static let newFilePageSize = 16384

    private static func choosePageSize(_ connection: Connection) throws {
        guard try connection.scalar("PRAGMA page_count")?.int64Value == 0 else { return }
        try connection.setPageSize(newFilePageSize)
    }

    /// A folder given as the database would otherwise surface as SQLite's "disk I/O error".
    private static func refuseDirectory(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw NewsDatabaseError.directory(path: path)
        }
    }

    /// Opens an existing database so that no statement can change it. A command run once in a
    /// process of its own asks for a `.small` page cache; a program that keeps the connection for
    /// many searches, the default `.large` one.
    public static func openReadOnly(path: String, pageCache: Connection.PageCache = .large) throws -> Connection {
        guard path == ":memory:" || FileManager.default.fileExists(atPath: path) else {
            throw NewsDatabaseError.missing(path: path)
        }
        try refuseDirectory(path)
        do {
            let connection = try readOnlyConnection(path, pageCache: pageCache)
            if path != ":memory:" { try refuseUnlessNewsdb(connection, path: path) }
            return connection
        } catch ResultCode.notADatabase {
            throw NewsDatabaseError.notSQLite(path: path)
        }
    }

    private static func readOnlyConnection(_ path: String, pageCache: Connection.PageCache) throws -> Connection {
        do {
            let connection = try Connection(path: path, mode: .readOnly, pageCache: pageCache)
            try Migrator(migrations: try Migration.embedded).verify(connection)
            return connection
        } catch let error as SQLiteError where !isInWritableFolder(path) {
            // A WAL database needs its -shm file, which a reader cannot create in a folder it may not
            // write (a shared, read-only copy): read it as an immutable file instead, which needs none.
            guard let uri = immutableURI(path) else { throw error }
            let connection = try Connection(path: uri, mode: .readOnly, pageCache: pageCache)
            try Migrator(migrations: try Migration.embedded).verify(connection)
            return connection
        }
    }

    /// A reader of another program's SQLite file, or of an empty one, would otherwise meet raw
    /// "no such table" errors from its first query.
    private static func refuseUnlessNewsdb(_ connection: Connection, path: String) throws {
        guard try Migrator.currentVersion(of: connection) == 0 else { return }
        let tables = try Migrator.tablesAndViews(of: connection)
        if tables.isEmpty { throw NewsDatabaseError.empty(path: path) }
        throw MigrationError.foreignDatabase(tables: tables)
    }

    private static func isInWritableFolder(_ path: String) -> Bool {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return access(folder, W_OK) == 0
    }

    /// `file:/abs/path?immutable=1`, the path percent-encoded as a URI needs.
    private static func immutableURI(_ path: String) -> String? {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        guard let encoded = absolute.addingPercentEncoding(withAllowedCharacters: allowed) else { return nil }
        return "file:\(encoded)?immutable=1"
    }
}

public enum NewsDatabaseError: Error, Equatable, CustomStringConvertible {
    case missing(path: String)
    case directory(path: String)
    case notSQLite(path: String)
    case empty(path: String)

    public var description: String {
        switch self {
        case .missing(let path): "no database at \(path); create one with `newsdb init --db \(path)`"
        case .directory(let path): "\(path) is a folder, not a database file; give --db a file's path, such as \(path)/news.db"
        case .notSQLite(let path): "\(path) is not an SQLite database (its first bytes are not SQLite's header); it was left untouched"
        case .empty(path: let path): "\(path) holds no newsdb database yet; load pages into it with `newsdb ingest --db \(path) …`"
        }
    }
}
