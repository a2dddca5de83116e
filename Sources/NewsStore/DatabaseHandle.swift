import CSQLite

/// The sqlite3 handle a connection and its statements share, closed when the last of them goes.
///
/// Statements keep this alive rather than their `Connection`: the connection caches statements, and
/// statements that held the connection made a cycle in which no connection was ever closed, so a
/// finished load left its last writes in the `-wal` file and a copy of the database file alone lacked them.
final class DatabaseHandle {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    /// The last connection to close a WAL database checkpoints it and removes the `-wal` file.
    deinit {
        sqlite3_close_v2(pointer)
    }

    var lastErrorMessage: String { String(cString: sqlite3_errmsg(pointer)) }

    func error(_ status: Int32, sql: String?) -> SQLiteError {
        SQLiteError(
            extendedCode: status == SQLITE_OK ? sqlite3_extended_errcode(pointer) : extendedCode(for: status),
            message: lastErrorMessage,
            sql: sql
        )
    }

    /// sqlite3_step returns a primary code in legacy mode and an extended one otherwise;
    /// prefer the connection's extended code when it refines the same primary code.
    private func extendedCode(for status: Int32) -> Int32 {
        let extended = sqlite3_extended_errcode(pointer)
        return extended & 0xFF == status & 0xFF ? extended : status
    }
}
