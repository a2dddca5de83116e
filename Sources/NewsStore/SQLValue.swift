import Foundation

/// One SQLite value: the five storage classes.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

extension SQLValue: ExpressibleByNilLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .real(value) }
    public init(stringLiteral value: String) { self = .text(value) }
}

extension SQLValue {
    public init(_ value: Int) { self = .integer(Int64(value)) }
    public init(_ value: Bool) { self = .integer(value ? 1 : 0) }
    public init(_ value: Data) { self = .blob([UInt8](value)) }

    /// Dates are stored as ISO 8601 text in UTC with seconds (`2025-03-12T09:30:00Z`), which sorts as text.
    public init(_ value: Date) { self = .text(ISODate.format(value)) }

    /// `.null` for nil, else the wrapped value.
    public init(_ value: String?) { self = value.map(SQLValue.text) ?? .null }
    public init(_ value: Int64?) { self = value.map(SQLValue.integer) ?? .null }
    public init(_ value: Int?) { self = value.map { SQLValue.integer(Int64($0)) } ?? .null }

    public var isNull: Bool { if case .null = self { true } else { false } }
}

/// ISO 8601 text for timestamps stored in the database.
public enum ISODate {
    public static func format(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    public static func parse(_ text: String) -> Date? {
        try? Date(text, strategy: .iso8601)
    }
}
