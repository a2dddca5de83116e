import CSQLite
import Foundation

/// Guards for connections that run other people's SQL: an authorizer that allows reading only, and
/// a time limit that interrupts a statement running too long.
extension Connection {
    /// Refuses every write, ATTACH/DETACH, PRAGMA assignments and `load_extension`, whatever the
    /// connection's open mode; temporary tables stay allowed, since searches keep their matches in one.
    /// See https://sqlite.org/c3ref/set_authorizer.html
    public func allowOnlyReads() {
        sqlite3_set_authorizer(handle, { _, action, first, second, database, _ in
            let isTemp = database.map { String(cString: $0) == "temp" } ?? false
            // FTS5 connecting to its table is checked as an UPDATE of sqlite_master; the read-only
            // open mode already stops any real write there.
            let table = first.map { String(cString: $0) } ?? ""
            if action == SQLITE_UPDATE, table == "sqlite_master" || table == "sqlite_schema" { return SQLITE_OK }
            switch action {
            case SQLITE_INSERT, SQLITE_UPDATE, SQLITE_DELETE, SQLITE_CREATE_TABLE, SQLITE_CREATE_INDEX, SQLITE_DROP_TABLE,
                 SQLITE_DROP_INDEX, SQLITE_CREATE_VTABLE:
                return isTemp ? SQLITE_OK : SQLITE_DENY
            case SQLITE_CREATE_TEMP_TABLE, SQLITE_DROP_TEMP_TABLE, SQLITE_CREATE_TEMP_INDEX, SQLITE_DROP_TEMP_INDEX:
                return SQLITE_OK
            case SQLITE_ATTACH, SQLITE_DETACH, SQLITE_ALTER_TABLE, SQLITE_CREATE_TRIGGER, SQLITE_CREATE_VIEW,
                 SQLITE_DROP_TRIGGER, SQLITE_DROP_VIEW, SQLITE_CREATE_TEMP_TRIGGER, SQLITE_CREATE_TEMP_VIEW,
                 SQLITE_DROP_TEMP_TRIGGER, SQLITE_DROP_TEMP_VIEW, SQLITE_DROP_VTABLE:
                return SQLITE_DENY
            case SQLITE_PRAGMA:
                // "PRAGMA x" reads; "PRAGMA x = y" writes.
                return second == nil ? SQLITE_OK : SQLITE_DENY
            case SQLITE_FUNCTION:
                let name = second.map { String(cString: $0).lowercased() } ?? ""
                return name == "load_extension" ? SQLITE_DENY : SQLITE_OK
            default:
                return SQLITE_OK
            }
        }, nil)
    }

    /// Runs `body`, interrupting any statement still running after `seconds`; the interrupted
    /// statement fails with SQLITE_INTERRUPT, reported as `TimeoutError`.
    /// Whatever error the interrupted statement reports (SQLite's FTS5 may say "SQL logic error"
    /// rather than SQLITE_INTERRUPT), a statement stopped by the timer is reported as the timeout.
    /// Helper connections working for this one meanwhile (`timeLimit`) are stopped with it.
    public func withTimeout<T>(_ seconds: Double, _ body: () throws -> T) throws -> T {
        let limit = TimeLimit(InterruptHandle(handle: handle))
        let outer = timeLimit
        timeLimit = limit
        defer { timeLimit = outer }
        let timer = DispatchWorkItem { limit.fire() }
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: timer)
        defer { timer.cancel() }
        do {
            return try body()
        } catch let error as SQLiteError where error.code == .interrupt || limit.hasFired {
            throw TimeoutError(seconds: seconds)
        }
    }
}

/// The statements a time limit stops: its connection's, and those of helper connections scoring
/// part of the same search (attached while they work). Fired once, by the timer's thread.
final class TimeLimit: @unchecked Sendable {
    // @unchecked Sendable: `handles` and `fired` are only touched under `lock`; the handles are only
    // interrupted, the one call SQLite allows from another thread.
    private let lock = NSLock()
    private var handles: [InterruptHandle]
    private var fired = false

    init(_ handle: InterruptHandle) {
        handles = [handle]
    }

    func fire() {
        lock.lock()
        defer { lock.unlock() }
        fired = true
        handles.forEach { $0.interrupt() }
    }

    var hasFired: Bool {
        lock.lock()
        defer { lock.unlock() }
        return fired
    }

    /// Throws what an interrupted statement does once the limit has fired: a helper calls it
    /// between statements, as an interrupt sent while none runs is lost.
    func check() throws {
        if hasFired { throw SQLiteError(extendedCode: SQLITE_INTERRUPT, message: "interrupted") }
    }

    /// Runs `body` with `connection`'s statements stopped by this limit too (none started, if it
    /// has fired already).
    func covering<T>(_ connection: Connection, _ body: () throws -> T) throws -> T {
        let handle = InterruptHandle(handle: connection.handle)
        lock.lock()
        handles.append(handle)
        let firedAlready = fired
        lock.unlock()
        defer {
            lock.lock()
            handles.removeAll { $0.handle == handle.handle }
            lock.unlock()
        }
        if firedAlready { try check() }
        return try body()
    }
}

/// The one call SQLite allows from any thread on a connection: sqlite3_interrupt.
struct InterruptHandle: @unchecked Sendable {
    // @unchecked Sendable: sqlite3_interrupt is documented safe to call from another thread while
    // the connection is in use (https://sqlite.org/c3ref/interrupt.html); nothing else is done with it.
    let handle: OpaquePointer
    func interrupt() { sqlite3_interrupt(handle) }
}

public struct TimeoutError: Error, CustomStringConvertible {
    public let seconds: Double
    public var description: String {
        "the query was stopped after \(String(format: "%g", seconds)) s (--timeout); narrow it or raise the limit"
    }
}
