/// A small JSON reader for dump lines: one object per line, errors with the column where they are.
/// Foundation's JSONSerialization gives no position on Linux, and a dump's user needs one.
enum JSONLine {
    indirect enum Value: Equatable {
        case string(String)
        case number(String)
        case bool(Bool)
        case null
        case array([Value])
        case object([(String, Value)])

        static func == (lhs: Value, rhs: Value) -> Bool {
            switch (lhs, rhs) {
            case (.string(let a), .string(let b)), (.number(let a), .number(let b)): a == b
            case (.bool(let a), .bool(let b)): a == b
            case (.null, .null): true
            case (.array(let a), .array(let b)): a == b
            case (.object(let a), .object(let b)): a.map(\.0) == b.map(\.0) && a.map(\.1) == b.map(\.1)
            default: false
            }
        }

        /// The value as field text: arrays of names joined with commas, objects by their name.
        var text: String? {
            switch self {
            case .string(let text): text
            case .number(let digits): digits
            case .bool(let flag): flag ? "true" : "false"
            case .null: nil
            case .array(let items):
                items.compactMap(\.text).joined(separator: ", ")
            case .object(let members):
                members.first { ["name", "title", "text", "value"].contains($0.0) }?.1.text
            }
        }
    }

    struct SyntaxError: Error, Equatable, CustomStringConvertible {
        let column: Int
        let reason: String
        var description: String { "JSON syntax error at column \(column): \(reason)" }
    }

    /// The fields of a line holding one JSON object.
    static func fields(_ bytes: [UInt8]) throws -> [String: String] {
        var parser = Parser(bytes: bytes)
        parser.skipSpace()
        guard parser.peek == UInt8(ascii: "{") else {
            throw SyntaxError(column: parser.position + 1, reason: "expected an object starting with {")
        }
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.position == bytes.count else {
            throw SyntaxError(column: parser.position + 1, reason: "unexpected text after the object")
        }
        guard case .object(let members) = value else { return [:] }
        var fields: [String: String] = [:]
        for (key, value) in members {
            if let text = value.text { fields[key] = text }
        }
        return fields
    }

    struct Parser {
        let bytes: [UInt8]
        var position = 0

        var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

        mutating func skipSpace() {
            while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A { position += 1 }
            // A UTF-8 byte order mark before the object.
            if position == 0, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
                position = 3
                skipSpace()
            }
        }

        func error(_ reason: String) -> SyntaxError { SyntaxError(column: position + 1, reason: reason) }

        mutating func expect(_ byte: UInt8, _ what: String) throws {
            guard peek == byte else { throw error(peek == nil ? "line ends where \(what) was expected" : "expected \(what)") }
            position += 1
        }

        mutating func value(depth: Int) throws -> Value {
            guard depth < 64 else { throw error("nested too deeply") }
            skipSpace()
            guard let byte = peek else { throw error("line ends where a value was expected") }
            switch byte {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(number())
            default: throw error("unexpected character '\(Character(UnicodeScalar(byte)))'")
            }
        }

        /// true, false, null; a misspelling is reported where the word starts.
        mutating func literal(_ word: String) throws {
            let start = position
            for expected in word.utf8 {
                guard peek == expected else { throw SyntaxError(column: start + 1, reason: "expected \(word)") }
                position += 1
            }
        }

        mutating func number() -> String {
            let start = position
            while let byte = peek, (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
            {
                position += 1
            }
            return String(decoding: bytes[start..<position], as: UTF8.self)
        }

        mutating func object(depth: Int) throws -> Value {
            try expect(UInt8(ascii: "{"), "{")
            var members: [(String, Value)] = []
            skipSpace()
            if peek == UInt8(ascii: "}") {
                position += 1
                return .object(members)
            }
            while true {
                skipSpace()
                guard peek == UInt8(ascii: "\"") else { throw error(peek == nil ? "line ends inside an object" : "expected a quoted field name") }
                let key = try string()
                skipSpace()
                try expect(UInt8(ascii: ":"), "':' after the field name")
                members.append((key, try value(depth: depth + 1)))
                skipSpace()
                if peek == UInt8(ascii: ",") {
                    position += 1
                    continue
                }
                try expect(UInt8(ascii: "}"), "',' or '}'")
                return .object(members)
            }
        }

        mutating func array(depth: Int) throws -> Value {
            try expect(UInt8(ascii: "["), "[")
            var items: [Value] = []
            skipSpace()
            if peek == UInt8(ascii: "]") {
                position += 1
                return .array(items)
            }
            while true {
                items.append(try value(depth: depth + 1))
                skipSpace()
                if peek == UInt8(ascii: ",") {
                    position += 1
                    continue
                }
                try expect(UInt8(ascii: "]"), "',' or ']'")
                return .array(items)
            }
        }

        mutating func string() throws -> String {
            try expect(UInt8(ascii: "\""), "\"")
            var utf8: [UInt8] = []
            while true {
                guard let byte = peek else { throw error("line ends inside a string") }
                position += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(decoding: utf8, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard let escaped = peek else { throw error("line ends inside an escape") }
                    position += 1
                    switch escaped {
                    case UInt8(ascii: "n"): utf8.append(0x0A)
                    case UInt8(ascii: "t"): utf8.append(0x09)
                    case UInt8(ascii: "r"): utf8.append(0x0D)
                    case UInt8(ascii: "b"): utf8.append(0x08)
                    case UInt8(ascii: "f"): utf8.append(0x0C)
                    case UInt8(ascii: "u"): utf8.append(contentsOf: try unicodeEscape())
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escaped)
                    default: throw error("unknown escape \\\(Character(UnicodeScalar(escaped)))")
                    }
                default:
                    utf8.append(byte)
                }
            }
        }

        /// \uXXXX, with surrogate pairs joined; a lone surrogate becomes U+FFFD.
        mutating func unicodeEscape() throws -> [UInt8] {
            var scalarValue = try hex4()
            if (0xD800...0xDBFF).contains(scalarValue), peek == UInt8(ascii: "\\"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "u") {
                position += 2
                let low = try hex4()
                if (0xDC00...0xDFFF).contains(low) {
                    scalarValue = 0x10000 + ((scalarValue - 0xD800) << 10) + (low - 0xDC00)
                }
            }
            let scalar = UnicodeScalar(scalarValue) ?? "\u{FFFD}"
            return Array(String(Character(scalar)).utf8)
        }

        mutating func hex4() throws -> UInt32 {
            guard position + 4 <= bytes.count, let value = UInt32(String(decoding: bytes[position..<(position + 4)], as: UTF8.self), radix: 16) else {
                throw error("bad \\u escape")
            }
            position += 4
            return value
        }
    }
}
