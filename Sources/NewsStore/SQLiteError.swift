import CSQLite

/// A failed SQLite call: the extended result code, SQLite's own message, and the SQL that failed.
///
/// Match on the primary code, never on the message text:
/// `catch let error as SQLiteError where error.code == .constraint`, or `catch ResultCode.busy`.
public struct SQLiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The extended result code (`SQLITE_CONSTRAINT_UNIQUE`, …); see https://sqlite.org/rescode.html
    public let extendedCode: Int32
    public let message: String
    public let sql: String?

    public init(extendedCode: Int32, message: String, sql: String? = nil) {
        self.extendedCode = extendedCode
        self.message = message
        self.sql = sql
    }

    /// The primary result code: the low byte of the extended code.
    public var code: ResultCode { ResultCode(rawValue: extendedCode & 0xFF) }

    public var description: String {
        var text = "SQLite error \(extendedCode) (\(code.name)): \(message)"
        if let sql { text += " — in: \(sql.trimmingWhitespace)" }
        return text
    }

}

/// A primary SQLite result code, as listed at https://sqlite.org/rescode.html
public struct ResultCode: RawRepresentable, Hashable, Sendable {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let error = ResultCode(rawValue: SQLITE_ERROR)
    public static let busy = ResultCode(rawValue: SQLITE_BUSY)
    public static let locked = ResultCode(rawValue: SQLITE_LOCKED)
    public static let readOnly = ResultCode(rawValue: SQLITE_READONLY)
    public static let interrupt = ResultCode(rawValue: SQLITE_INTERRUPT)
    public static let ioError = ResultCode(rawValue: SQLITE_IOERR)
    public static let corrupt = ResultCode(rawValue: SQLITE_CORRUPT)
    public static let full = ResultCode(rawValue: SQLITE_FULL)
    public static let cantOpen = ResultCode(rawValue: SQLITE_CANTOPEN)
    public static let constraint = ResultCode(rawValue: SQLITE_CONSTRAINT)
    public static let mismatch = ResultCode(rawValue: SQLITE_MISMATCH)
    public static let misuse = ResultCode(rawValue: SQLITE_MISUSE)
    public static let auth = ResultCode(rawValue: SQLITE_AUTH)
    public static let range = ResultCode(rawValue: SQLITE_RANGE)
    public static let notADatabase = ResultCode(rawValue: SQLITE_NOTADB)

    /// Lets a result code be a pattern: `catch ResultCode.constraint` or `case .busy = error.code`.
    public static func ~= (pattern: ResultCode, error: any Error) -> Bool {
        (error as? SQLiteError)?.code == pattern
    }

    /// SQLite's English name for the code ("constraint failed").
    public var name: String { String(cString: sqlite3_errstr(rawValue)) }
}

extension String {
    var trimmingWhitespace: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
