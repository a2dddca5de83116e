import CSQLite
import Foundation

/// One result row, copied out of the statement so it stays valid after the next step.
public struct Row: Sendable, Equatable {
    public let values: [SQLValue]

    init(statement: Statement) {
        let handle = statement.handle
        values = (0..<sqlite3_column_count(handle)).map { column in
            switch sqlite3_column_type(handle, column) {
            case SQLITE_INTEGER:
                return .integer(sqlite3_column_int64(handle, column))
            case SQLITE_FLOAT:
                return .real(sqlite3_column_double(handle, column))
            case SQLITE_TEXT:
                let count = Int(sqlite3_column_bytes(handle, column))
                guard let pointer = sqlite3_column_text(handle, column) else { return .text("") }
                // Invalid UTF-8 stored by another writer is repaired with U+FFFD rather than lost.
                return .text(String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self))
            case SQLITE_BLOB:
                let count = Int(sqlite3_column_bytes(handle, column))
                guard count > 0, let pointer = sqlite3_column_blob(handle, column) else { return .blob([]) }
                return .blob([UInt8](UnsafeRawBufferPointer(start: pointer, count: count)))
            default:
                return .null
            }
        }
    }

    public init(values: [SQLValue]) { self.values = values }

    public subscript(column: Int) -> SQLValue { values[column] }

    public var count: Int { values.count }

    public func isNull(_ column: Int) -> Bool { values[column].isNull }

    /// The integer in `column`; a real is truncated, text is parsed, NULL is nil.
    public func int64(_ column: Int) -> Int64? {
        switch values[column] {
        case .integer(let number): number
        case .real(let number): Int64(exactly: number.rounded(.towardZero))
        case .text(let text): Int64(text)
        case .null, .blob: nil
        }
    }

    public func int(_ column: Int) -> Int? { int64(column).map { Int($0) } }

    public func double(_ column: Int) -> Double? {
        switch values[column] {
        case .integer(let number): Double(number)
        case .real(let number): number
        case .text(let text): Double(text)
        case .null, .blob: nil
        }
    }

    public func string(_ column: Int) -> String? {
        switch values[column] {
        case .text(let text): text
        case .integer(let number): String(number)
        case .real(let number): String(number)
        case .blob(let bytes): String(decoding: bytes, as: UTF8.self)
        case .null: nil
        }
    }

    public func data(_ column: Int) -> Data? {
        switch values[column] {
        case .blob(let bytes): Data(bytes)
        case .text(let text): Data(text.utf8)
        case .integer, .real, .null: nil
        }
    }

    /// A date stored as ISO 8601 text.
    public func date(_ column: Int) -> Date? {
        string(column).flatMap(ISODate.parse)
    }
}
