import Foundation

/// Turns bytes into text for the parser, repairing what can be repaired.
public enum TextDecoding {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case binary
        case invalidUTF8(invalidSequences: Int)

        public var description: String {
            switch self {
            case .binary: "binary data (contains NUL bytes), not text"
            case .invalidUTF8(let count): "invalid UTF-8 beyond repair (\(count) invalid byte sequences)"
            }
        }
    }

    /// Valid UTF-8 as is; a few invalid bytes (up to 1 in 100 characters) become U+FFFD; more is refused.
    public static func decode(_ bytes: some Collection<UInt8>) -> Result<String, Failure> {
        let fast = bytes.withContiguousStorageIfAvailable { buffer -> Result<String, Failure>? in
            // Most input is valid UTF-8 without NUL: memchr and one validation pass, no scalar walk.
            if buffer.isEmpty { return .success("") }
            if memchr(buffer.baseAddress!, 0, buffer.count) != nil { return .failure(.binary) }
            return String(validating: buffer, as: UTF8.self).map { .success($0) }
        }
        if let fast = fast ?? nil { return fast }
        if bytes.contains(0) { return .failure(.binary) }
        let text = String(decoding: bytes, as: UTF8.self)
        let invalid = text.unicodeScalars.reduce(0) { $0 + ($1 == "\u{FFFD}" ? 1 : 0) }
        guard invalid > 0 else { return .success(text) }
        // Count only the replacements the decoder made, not U+FFFD written in the source.
        let written = countReplacementCharacters(in: bytes)
        let repaired = invalid - written
        if repaired == 0 { return .success(text) }
        if repaired * 100 <= max(1, text.count) { return .success(text) }
        return .failure(.invalidUTF8(invalidSequences: repaired))
    }

    /// EF BF BD is U+FFFD encoded in UTF-8.
    private static func countReplacementCharacters(in bytes: some Collection<UInt8>) -> Int {
        var count = 0
        var state = 0
        for byte in bytes {
            switch (state, byte) {
            case (_, 0xEF): state = 1
            case (1, 0xBF): state = 2
            case (2, 0xBD): count += 1; state = 0
            default: state = 0
            }
        }
        return count
    }
}
