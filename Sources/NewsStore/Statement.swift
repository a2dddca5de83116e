import CSQLite

/// A compiled SQL statement. It finalizes itself in `deinit`, and keeps its connection's handle open until then.
public final class Statement {
    let handle: OpaquePointer
    public let sql: String
    private let database: DatabaseHandle

    init(connection: Connection, sql: String) throws {
        var compiled: OpaquePointer?
        var tail: UnsafePointer<CChar>?
        let status = sql.withCString { text in
            let status = sqlite3_prepare_v3(connection.handle, text, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &compiled, &tail)
            if status == SQLITE_OK, let tail, !String(cString: tail).trimmingWhitespace.isEmpty {
                sqlite3_finalize(compiled)
                compiled = nil
                return SQLITE_MISUSE
            }
            return status
        }
        if status == SQLITE_MISUSE && compiled == nil {
            throw SQLiteError(extendedCode: SQLITE_MISUSE, message: "only one statement may be prepared at a time", sql: sql)
        }
        guard status == SQLITE_OK, let compiled else {
            throw connection.error(status, sql: sql)
        }
        self.handle = compiled
        self.sql = sql
        self.database = connection.database
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Number of `?` placeholders.
    public var parameterCount: Int { Int(sqlite3_bind_parameter_count(handle)) }

    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    public var columnNames: [String] {
        (0..<Int32(columnCount)).map { String(cString: sqlite3_column_name(handle, $0)) }
    }

    /// True when the statement cannot change the database (SELECT, most PRAGMA reads, EXPLAIN).
    public var isReadOnly: Bool { sqlite3_stmt_readonly(handle) != 0 }

    /// Binds values to the placeholders in order. A count that differs from the placeholders is an error.
    public func bind(_ values: [SQLValue]) throws {
        try bind(values, leaving: 0)
    }

    /// Binds `values`, then `pointer` as the last parameter, typed for `sqlite3_value_pointer`
    /// (SQL sees NULL; only a function asking for that type gets it). The caller keeps the
    /// pointee alive while the statement runs.
    func bind(_ values: [SQLValue], pointer: UnsafeMutableRawPointer, type: UnsafePointer<CChar>) throws {
        try bind(values, pointers: [(pointer, type)])
    }

    /// Binds `values`, then each of `pointers` in order to the parameters after them.
    func bind(_ values: [SQLValue], pointers: [(UnsafeMutableRawPointer, UnsafePointer<CChar>)]) throws {
        try bind(values, leaving: pointers.count)
        for (offset, (pointer, type)) in pointers.enumerated() {
            let status = sqlite3_bind_pointer(handle, Int32(values.count + 1 + offset), pointer, type, nil)
            guard status == SQLITE_OK else { throw database.error(status, sql: sql) }
        }
    }

    /// Resets the statement and binds `values` to the first placeholders, `leaving` the last few
    /// for the caller; any other count is an error.
    private func bind(_ values: [SQLValue], leaving extra: Int) throws {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        guard values.count + extra == parameterCount else {
            throw SQLiteError(
                extendedCode: SQLITE_RANGE,
                message: "statement takes \(parameterCount) values, \(values.count + extra) given",
                sql: sql
            )
        }
        for (offset, value) in values.enumerated() {
            try bind(value, at: Int32(offset + 1))
        }
    }

    private func bind(_ value: SQLValue, at index: Int32) throws {
        let status: Int32
        switch value {
        case .null:
            status = sqlite3_bind_null(handle, index)
        case .integer(let number):
            status = sqlite3_bind_int64(handle, index, number)
        case .real(let number):
            status = sqlite3_bind_double(handle, index, number)
        case .text(let text):
            status = sqlite3_bind_text64(handle, index, text, UInt64(text.utf8.count), newsdb_sqlite_transient(), UInt8(SQLITE_UTF8))
        case .blob(let bytes):
            status = bytes.withUnsafeBytes { buffer in
                // A zero-length blob needs a non-null pointer or SQLite binds NULL.
                sqlite3_bind_blob64(handle, index, buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1), UInt64(buffer.count), newsdb_sqlite_transient())
            }
        }
        guard status == SQLITE_OK else { throw database.error(status, sql: sql) }
    }

    /// Advances to the next row; nil when done (the statement is then reset for reuse).
    public func step() throws -> Row? {
        let status = sqlite3_step(handle)
        switch status {
        case SQLITE_ROW:
            return Row(statement: self)
        case SQLITE_DONE:
            sqlite3_reset(handle)
            return nil
        default:
            let error = database.error(status, sql: sql)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Runs the statement to completion, discarding rows.
    public func run() throws {
        while try step() != nil {}
    }

    /// Runs with the given values and returns every row.
    public func rows(_ values: [SQLValue] = []) throws -> [Row] {
        try bind(values)
        var rows: [Row] = []
        while let row = try step() { rows.append(row) }
        return rows
    }

    /// Runs to completion, handing `body` the raw UTF-8 bytes of text `column` in each row: no
    /// String or Row is made, for scans over thousands of short rows. NULL reads as empty. The bytes
    /// are valid only during the call.
    public func forEachText(column: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        try forEachStep { try body(rawText(Int32(column))) }
    }

    /// Runs to completion, handing `body` column 0 as an integer and column 1 as a real of each
    /// row, with no Row made: for scans over every match of a search.
    public func forEachScoredRow(_ body: (Int64, Double) throws -> Void) throws {
        try forEachStep { try body(sqlite3_column_int64(handle, 0), sqlite3_column_double(handle, 1)) }
    }

    /// Runs to completion, handing `body` integer `column` of each row (NULL reads as 0).
    public func forEachInteger(column: Int, _ body: (Int64) throws -> Void) throws {
        try forEachStep { try body(sqlite3_column_int64(handle, Int32(column))) }
    }

    /// Runs to completion, handing `body` each row's columns as numbers or raw UTF-8 bytes (NULL
    /// reads as 0 or empty), with no String or Row made. The bytes are valid only during the call.
    func forEachRawRow(_ body: (RawRow) throws -> Void) throws {
        try forEachStep { try body(RawRow(statement: self)) }
    }

    /// The current row of `forEachRawRow`; not to be kept past the call.
    struct RawRow {
        fileprivate let statement: Statement
        func text(_ column: Int) -> UnsafeBufferPointer<UInt8> { statement.rawText(Int32(column)) }
        func integer(_ column: Int) -> Int64 { sqlite3_column_int64(statement.handle, Int32(column)) }
        func real(_ column: Int) -> Double { sqlite3_column_double(statement.handle, Int32(column)) }
        func isNull(_ column: Int) -> Bool { sqlite3_column_type(statement.handle, Int32(column)) == SQLITE_NULL }
        /// A blob column's bytes (NULL is empty).
        func blob(_ column: Int) -> UnsafeRawBufferPointer {
            // The pointer before the size, as SQLite asks.
            let bytes = sqlite3_column_blob(statement.handle, Int32(column))
            return UnsafeRawBufferPointer(start: bytes, count: bytes == nil ? 0 : Int(sqlite3_column_bytes(statement.handle, Int32(column))))
        }
    }

    /// Steps to the end, calling `body` on each row; resets the statement when done or failed.
    private func forEachStep(_ body: () throws -> Void) throws {
        while true {
            let status = sqlite3_step(handle)
            guard status == SQLITE_ROW else {
                sqlite3_reset(handle)
                if status == SQLITE_DONE { return }
                throw database.error(status, sql: sql)
            }
            try body()
        }
    }

    /// The current row's text column as bytes; NULL is empty.
    private func rawText(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
        guard let bytes = sqlite3_column_text(handle, column) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, column)))
    }

    public func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }
}

@available(*, unavailable, message: "a Statement belongs to its connection's task")
extension Statement: Sendable {}
