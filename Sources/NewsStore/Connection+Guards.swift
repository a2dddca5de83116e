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
    public func withTimeout<T>(_ seconds: Double, _ body: () throws -> T) throws -> T {
        let handle = InterruptHandle(handle: handle)
        let fired = TimerFlag()
        let timer = DispatchWorkItem {
            fired.set()
            handle.interrupt()
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: timer)
        defer { timer.cancel() }
        do {
            return try body()
        } catch let error as SQLiteError where error.code == .interrupt || fired.isSet {
            throw TimeoutError(seconds: seconds)
        }
    }
}

/// Set once by the timer's thread, read by the query's: whether the time limit was reached.
private final class TimerFlag: @unchecked Sendable {
    // @unchecked Sendable: `value` is only touched under `lock`.
    private let lock = NSLock()
    private var value = false

    func set() {
        lock.lock()
        value = true
        lock.unlock()
    }

    var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}

/// The one call SQLite allows from any thread on a connection: sqlite3_interrupt.
private struct InterruptHandle: @unchecked Sendable {
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
