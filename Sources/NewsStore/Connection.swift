import CSQLite
import Foundation

/// An open SQLite database handle. It owns its cached statements and finalizes them in `deinit`; the
/// handle closes when neither the connection nor a statement it prepared is left.
///
/// A connection is used by one task at a time: it is deliberately not `Sendable`.
/// Every connection is set up the same way at open: extended result codes, a busy timeout,
/// foreign keys on; `useWriteAheadLog` adds WAL journaling for read-write files so searches run while
/// an ingest writes.
public final class Connection {
    public enum Mode: Sendable {
        case readWrite
        case readOnly
    }

    /// How long a statement waits on another connection's lock before failing with SQLITE_BUSY.
    public static let defaultBusyTimeout: Duration = .seconds(5)

    let database: DatabaseHandle
    var handle: OpaquePointer { database.pointer }
    public let path: String
    public let mode: Mode
    public let pageCache: PageCache
    private var statementCache: [String: Statement] = [:]
    /// The time limit `withTimeout` runs this connection's statements under, if any: helper
    /// connections doing part of its work are stopped with it.
    var timeLimit: TimeLimit?

    /// Opens (and for `.readWrite`, creates) the database at `path`; ":memory:" is a private in-memory database.
    public init(path: String, mode: Mode = .readWrite, busyTimeout: Duration = Connection.defaultBusyTimeout,
                pageCache: PageCache = .large) throws {
        var flags = SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX
        switch mode {
        case .readWrite: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        case .readOnly: flags |= SQLITE_OPEN_READONLY
        }
        var opened: OpaquePointer?
        let status = sqlite3_open_v2(path, &opened, flags, nil)
        guard let opened else {
            throw SQLiteError(extendedCode: SQLITE_NOMEM, message: "out of memory opening \(path)")
        }
        guard status == SQLITE_OK else {
            // A failed open still allocates a handle, which must be closed.
            let error = SQLiteError(
                extendedCode: sqlite3_extended_errcode(opened),
                message: "cannot open \(path): \(String(cString: sqlite3_errmsg(opened)))"
            )
            sqlite3_close_v2(opened)
            throw error
        }
        self.database = DatabaseHandle(opened)
        self.path = path
        self.mode = mode
        self.pageCache = pageCache
        // A failed configure closes the handle with `database`.
        try configure(busyTimeout: busyTimeout)
    }

    deinit {
        statementCache.removeAll()
    }

    /// Runs `body` with the schema's text writable: defensive mode lifted and `writable_schema` on,
    /// for a migration that rewrites a declaration whose meaning it keeps. The schema version is bumped
    /// after, so every connection (this one too) reads the schema again.
    /// See https://sqlite.org/pragma.html#pragma_writable_schema
    func editingSchemaText(_ body: () throws -> Void) throws {
        _ = newsdb_db_config_flag(handle, SQLITE_DBCONFIG_DEFENSIVE, 0)
        defer { _ = newsdb_db_config_flag(handle, SQLITE_DBCONFIG_DEFENSIVE, 1) }
        try execute("PRAGMA writable_schema = ON")
        defer { try? execute("PRAGMA writable_schema = RESET") }
        try body()
        let version = try scalar("PRAGMA schema_version")?.int64Value ?? 0
        try execute("PRAGMA schema_version = \(version + 1)")
    }

    private func configure(busyTimeout: Duration) throws {
        sqlite3_extended_result_codes(handle, 1)
        let milliseconds = busyTimeout.components.seconds * 1000
            + busyTimeout.components.attoseconds / 1_000_000_000_000_000
        sqlite3_busy_timeout(handle, Int32(clamping: milliseconds))
        // Defensive mode refuses writes that can corrupt a file (writable_schema and friends).
        _ = newsdb_db_config_flag(handle, SQLITE_DBCONFIG_DEFENSIVE, 1)
        try execute("PRAGMA foreign_keys = ON")
        RankFunction.register(on: handle)
        BlockFilter.register(on: handle)
        // Search keeps its match set in a temporary table: memory, not a temporary file.
        try execute("PRAGMA temp_store = MEMORY")
        try execute(pageCache.pragma)
        if mode == .readOnly {
            // Mapped pages spare a read() and a copy of each row a search reads. Not for the
            // writer: mapped pages count as its memory, and a load's must stay flat.
            try execute("PRAGMA mmap_size = 1073741824")
        }
    }

    /// How many of the file's pages a connection keeps in memory. The cache is an upper bound, not an
    /// allocation, but each page it holds is fresh memory the kernel zeroes on first touch, so it
    /// pays only where pages are read again.
    public enum PageCache: Sendable {
        /// 64 MB: a long load updates index pages all over a file that outgrows 2 MB, and a program
        /// that runs many searches reads the same pages again. 128 MB did not load 1M faster
        /// (437 s against 442 s) and peaked 15 MB higher.
        case large
        /// SQLite's own 2 MB, for one command in a process of its own, which reads most pages once:
        /// at 1M a page of five facets filled the large cache with 61 MB read once (142 ms a
        /// process, against 78 ms with this one; BENCHMARKS.md, seventeenth session).
        case small

        var pragma: String {
            switch self {
            case .large: "PRAGMA cache_size = -65536"
            case .small: "PRAGMA cache_size = -2000"
            }
        }
    }

    /// Sets the page size of a file with no pages yet. The page cache is sized again after it: sized
    /// before, it came out larger than asked, growing with the pages.
    func setPageSize(_ bytes: Int) throws {
        try execute("PRAGMA page_size = \(bytes)")
        try execute(pageCache.pragma)
    }

    /// Switches a file to WAL journaling (searches then run while an ingest writes). Done by
    /// `NewsDatabase.open` once the file is known to be a newsdb database: a foreign file is never changed.
    public func useWriteAheadLog() throws {
        guard mode == .readWrite, path != ":memory:", !path.isEmpty else { return }
        // Another process opening the same new file may hold a lock for a moment: the switch needs the
        // file alone, and SQLite reports that as busy without waiting, so it is tried again for a while.
        let deadline = ContinuousClock.now + Self.defaultBusyTimeout
        while true {
            do {
                try execute("PRAGMA journal_mode = WAL")
                break
            } catch let error as SQLiteError where error.code == .busy && ContinuousClock.now < deadline {
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
        // In WAL mode NORMAL only risks the last transactions on power loss, never corruption.
        try execute("PRAGMA synchronous = NORMAL")
    }

    // MARK: Running SQL

    /// Runs one or more statements that return no rows to the caller, such as a migration script.
    public func execute(_ sql: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let status = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        guard status == SQLITE_OK else {
            let message = errorMessage.map { String(cString: $0) } ?? lastErrorMessage
            sqlite3_free(errorMessage)
            throw SQLiteError(extendedCode: sqlite3_extended_errcode(handle), message: message, sql: sql)
        }
    }

    /// Runs one statement with bound values, discarding any rows.
    public func execute(_ sql: String, _ values: [SQLValue]) throws {
        let statement = try cachedStatement(sql)
        try statement.bind(values)
        try statement.run()
    }

    /// Compiles a statement that the caller owns. Text after the first statement is an error.
    public func prepare(_ sql: String) throws -> Statement {
        try Statement(connection: self, sql: sql)
    }

    /// Returns the compiled statement for `sql`, compiling it on first use; it is reset and unbound.
    public func cachedStatement(_ sql: String) throws -> Statement {
        if let statement = statementCache[sql] {
            statement.reset()
            return statement
        }
        let statement = try prepare(sql)
        // Searches build SQL with their ids inlined, so the cache is bounded: a long-lived process
        // (the benchmark, a script) would otherwise keep every such statement forever.
        if statementCache.count >= Self.statementCacheLimit { statementCache.removeAll() }
        statementCache[sql] = statement
        return statement
    }

    static let statementCacheLimit = 256

    /// The rows of a query, read in full.
    public func query(_ sql: String, _ values: [SQLValue] = []) throws -> [Row] {
        let statement = try cachedStatement(sql)
        try statement.bind(values)
        var rows: [Row] = []
        while let row = try statement.step() {
            rows.append(row)
        }
        return rows
    }

    /// The first column of the first row, or nil when the query returns no row.
    public func scalar(_ sql: String, _ values: [SQLValue] = []) throws -> SQLValue? {
        let statement = try cachedStatement(sql)
        try statement.bind(values)
        let value = try statement.step()?[0]
        statement.reset()
        return value
    }

    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the last INSERT, UPDATE or DELETE (not counting trigger changes).
    public var changes: Int { Int(sqlite3_changes64(handle)) }

    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Makes any running statement of this connection stop with SQLITE_INTERRUPT.
    public func interrupt() { sqlite3_interrupt(handle) }

    public static var sqliteVersion: String { String(cString: sqlite3_libversion()) }

    var lastErrorMessage: String { database.lastErrorMessage }

    func error(_ status: Int32, sql: String?) -> SQLiteError {
        database.error(status, sql: sql)
    }
}

@available(*, unavailable, message: "a Connection belongs to one task; open one per task instead")
extension Connection: Sendable {}
