import Foundation

/// Read connections beside a search's own, one per core, so that a large match set is scored on
/// every core at once (#21: split by id across reader connections). Opened by the first search that
/// needs them, each on its own thread, and kept for the engine's next searches.
///
/// Every helper must read the snapshot of the file the search's own connection reads: SQLite as
/// Debian builds it has no snapshot API, so `join` proves it with `PRAGMA data_version`,
/// which changes between two transactions of a connection when another connection committed in
/// between (https://sqlite.org/pragma.html#pragma_data_version).
final class ScanHelpers {
    private let path: String
    private let pageCache: Connection.PageCache
    let count: Int
    private var connections: [Connection] = []

    /// Nil where there is nothing to gain or no second connection can see the file: one thread,
    /// or an in-memory database (private to its connection).
    /// Each helper keeps as many pages as the search's own connection (`pageCache`).
    init?(path: String, count: Int, pageCache: Connection.PageCache) {
        guard count > 1, !path.isEmpty, path != ":memory:", !path.hasPrefix("file::memory:"), !path.contains("mode=memory") else { return nil }
        self.path = path
        self.pageCache = pageCache
        self.count = count
    }

    /// Runs `body` once per helper, all at once on threads of their own (the caller's among them),
    /// and gives back their results in helper order; after all have finished, the first error is thrown.
    /// The caller's time limit stops the helpers' statements too.
    func run<T>(_ body: @Sendable (Connection, Int) throws -> T, timeLimit: TimeLimit?) throws -> [T] {
        try openConnections()
        let slots = ResultSlots<T>(count: count)
        let connections = HelperConnections(connections)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let connection = connections[index]
            slots[index] = Result {
                if let timeLimit { return try timeLimit.covering(connection) { try body(connection, index) } }
                return try body(connection, index)
            }
        }
        return try slots.results()
    }

    /// `PRAGMA data_version` of `connection` now: read before the helpers join its snapshot
    /// (`join`), in a transaction of its own.
    static func version(of connection: Connection) throws -> SQLValue? {
        try connection.scalar("PRAGMA data_version")
    }

    /// Starts a read transaction on every helper, then `connection`'s (which must have begun a
    /// deferred transaction and read nothing in it yet), and tells whether all of them read the
    /// snapshot `connection` read when it gave `version`. The version read again now is equal only
    /// if no commit came between, and every helper's transaction started in between. When false,
    /// the helpers' transactions are ended already; else `leave` ends them.
    func join(_ connection: Connection, versionBefore version: SQLValue?) throws -> Bool {
        do {
            _ = try run({ helper, _ in
                try helper.execute("BEGIN DEFERRED TRANSACTION")
                return try helper.scalar("PRAGMA data_version")
            }, timeLimit: connection.timeLimit)
            if try Self.version(of: connection) == version { return true }
        } catch {
            leave()
            throw error
        }
        leave()
        return false
    }

    /// Ends the helpers' read transactions; one a stopped statement still holds (a time limit) is
    /// rolled back, so that the next search's `join` can begin afresh.
    func leave() {
        for helper in connections where helper.isInTransaction {
            try? helper.execute("COMMIT TRANSACTION")
            if helper.isInTransaction { try? helper.execute("ROLLBACK TRANSACTION") }
        }
    }

    /// Whether the connections are open: the first search to use them pays for opening them.
    var isOpen: Bool { !connections.isEmpty }

    /// The first use opens the connections, all at once (each reads the schema on its thread).
    private func openConnections() throws {
        guard connections.isEmpty else { return }
        let slots = ResultSlots<HelperConnections.Box>(count: count)
        let path = path
        let pageCache = pageCache
        DispatchQueue.concurrentPerform(iterations: count) { index in
            slots[index] = Result {
                let connection = try Connection(path: path, mode: .readOnly, pageCache: pageCache)
                _ = try connection.scalar("SELECT count(*) FROM sqlite_schema")
                return HelperConnections.Box(connection: connection)
            }
        }
        connections = try slots.results().map(\.connection)
    }
}

/// Each helper's connection, handed to the thread that uses it.
private struct HelperConnections: @unchecked Sendable {
    // @unchecked Sendable: during `run` each connection is used by exactly one thread, the one given
    // its index, and by no other until `concurrentPerform` has returned.
    private let connections: [Connection]

    init(_ connections: [Connection]) {
        self.connections = connections
    }

    subscript(index: Int) -> Connection { connections[index] }

    /// A connection opened on a helper's thread, on its way back to the caller's.
    struct Box: @unchecked Sendable {
        // @unchecked Sendable: the opening thread lets go of it when it returns the box.
        let connection: Connection
    }
}

/// One result per helper, filled from their threads.
private final class ResultSlots<T>: @unchecked Sendable {
    // @unchecked Sendable: `slots` is only touched under `lock`; each helper writes its own index, and
    // the caller reads them after `concurrentPerform` has returned.
    private let lock = NSLock()
    private var slots: [Result<T, any Error>?]

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    subscript(index: Int) -> Result<T, any Error>? {
        get {
            lock.lock()
            defer { lock.unlock() }
            return slots[index]
        }
        set {
            lock.lock()
            slots[index] = newValue
            lock.unlock()
        }
    }

    func results() throws -> [T] {
        lock.lock()
        defer { lock.unlock() }
        return try slots.map { try $0!.get() }
    }
}
