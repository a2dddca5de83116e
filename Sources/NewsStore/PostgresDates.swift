/// The typed date columns a PostgreSQL export adds beside newsdb's ISO 8601 text: `published_date`
/// and `captured_date` (DATE) and `published_at` (TIMESTAMPTZ, when the page gave a time).
enum PostgresDates {
    struct Typed {
        let names: [String]
        let values: ([SQLValue]) -> [SQLValue]
    }

    static func typedColumns(of table: String, columns: [String]) -> Typed {
        guard table == "articles", let published = columns.firstIndex(of: "published"),
            let captured = columns.firstIndex(of: "captured")
        else { return Typed(names: [], values: { _ in [] }) }
        return Typed(names: ["published_date", "published_at", "captured_date"]) { row in
            [day(row[published]), instant(row[published]), day(row[captured])]
        }
    }

    /// The `YYYY-MM-DD` that opens the text, else NULL (a year or a month alone is no day).
    static func day(_ value: SQLValue) -> SQLValue {
        guard case .text(let text) = value else { return .null }
        let bytes = Array(text.utf8.prefix(10))
        guard bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D,
            bytes.enumerated().allSatisfy({ $0.offset == 4 || $0.offset == 7 || ($0.element >= 0x30 && $0.element <= 0x39) })
        else { return .null }
        return .text(String(decoding: bytes, as: UTF8.self))
    }

    /// The whole text when it holds a time after the day (`T10:00`, seconds, a fraction and a zone
    /// optional: PostgreSQL reads ISO 8601 as it is, a zoneless time as UTC); else NULL.
    static func instant(_ value: SQLValue) -> SQLValue {
        guard case .text(let text) = value, day(value) != .null else { return .null }
        let rest = text.utf8.dropFirst(10)
        guard rest.count >= 6, rest.first == UInt8(ascii: "T"),
            rest.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ":.+-TZ".utf8.contains($0) })
        else { return .null }
        return value
    }
}
