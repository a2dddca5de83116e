/// An ISO 8601 date or date-time as a dump or a page's metadata writes it ("2025-04-01",
/// "2025-04-01T10:00:00Z", "2025-04-01 10:00:00.250+0200"), kept to the precision it was given:
/// seconds, a fraction and a zone stay; a date alone stays a date. Only the spelling is made one:
/// `T` between day and time, `Z` upper case, a zone as `±HH:MM`.
public enum ISOTimestamp {
    /// The normalised stamp, or nil when `text` is no valid ISO 8601 date (then other readers try it).
    public static func normalized(_ text: String) -> String? {
        var reader = Reader(Array(text.utf8.drop { $0 == 0x20 }.reversed().drop { $0 == 0x20 }.reversed()))
        guard let year = reader.number(4), (1000...9999).contains(year), reader.take(0x2D),
            let month = reader.number(2), (1...12).contains(month), reader.take(0x2D),
            let day = reader.number(2), day >= 1, day <= PageDate.daysIn(month: month, year: year)
        else { return nil }
        var stamp = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
        if reader.atEnd { return stamp }
        guard reader.take(0x54) || reader.take(0x74) || reader.take(0x20),
            let hour = reader.number(2), hour < 24, reader.take(0x3A), let minute = reader.number(2), minute < 60
        else { return nil }
        stamp += "T" + pad(hour, 2) + ":" + pad(minute, 2)
        if reader.take(0x3A) {
            guard let second = reader.number(2), second <= 60 else { return nil }
            stamp += ":" + pad(second, 2)
            if reader.take(0x2E) || reader.take(0x2C) {
                let fraction = reader.digits()
                guard !fraction.isEmpty else { return nil }
                stamp += "." + fraction
            }
        }
        if reader.atEnd { return stamp }
        if reader.take(0x5A) || reader.take(0x7A) { return reader.atEnd ? stamp + "Z" : nil }
        let sign = reader.peek
        guard sign == 0x2B || sign == 0x2D else { return nil }
        _ = reader.take(sign!)
        guard let zoneHours = reader.number(2), zoneHours <= 14 else { return nil }
        _ = reader.take(0x3A)
        let zoneMinutes = reader.atEnd ? 0 : reader.number(2)
        guard let zoneMinutes, zoneMinutes < 60, reader.atEnd else { return nil }
        return stamp + (sign == 0x2B ? "+" : "-") + pad(zoneHours, 2) + ":" + pad(zoneMinutes, 2)
    }

    private static func pad(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
        }

        var atEnd: Bool { index == bytes.count }
        var peek: UInt8? { atEnd ? nil : bytes[index] }

        mutating func take(_ byte: UInt8) -> Bool {
            guard peek == byte else { return false }
            index += 1
            return true
        }

        /// Exactly `count` digits as a number.
        mutating func number(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<(index + count)] {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += count
            return value
        }

        mutating func digits() -> String {
            let start = index
            while let byte = peek, byte >= 0x30, byte <= 0x39 { index += 1 }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }
    }
}
