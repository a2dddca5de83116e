import Foundation

/// Cleans raw page text before any rule looks at it: one form per character, one space per gap.
///
/// Quotes and apostrophes are kept as written (the body is the author's text); rules compare
/// through `folded`, which treats curly and straight forms alike.
public enum TextNormalizer {
    /// Splits a page into normalised lines: BOM dropped, CRLF and CR as LF, NFC, spaces unified.
    public static func lines(of page: String) -> [String] {
        var text = page
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        // Windows and old Mac line endings: split on the bytes, CRLF counting as one break.
        return text.withUTF8 { bytes in
            var lines: [String] = []
            var start = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x0A || byte == 0x0D {
                    lines.append(normalizeLine(UnsafeBufferPointer(rebasing: bytes[start..<index])))
                    index += byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
                    start = index
                } else {
                    index += 1
                }
            }
            lines.append(normalizeLine(UnsafeBufferPointer(rebasing: bytes[start..<bytes.count])))
            return lines
        }
    }

    /// NFC, every space-like character as one ASCII space, invisible characters removed, trimmed.
    public static func normalizeLine(_ line: String) -> String {
        var line = line
        return line.withUTF8 { normalizeLine($0) }
    }

    /// `normalizeLine` of a line's UTF-8 bytes (valid UTF-8: a slice of a String's, cut at a line break).
    private static func normalizeLine(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if isCleanASCII(bytes) { return String(decoding: bytes, as: UTF8.self) }
        if let quick = normalizedWithoutComposition(bytes) { return quick }
        // Foundation's NFC is costly; only lines with combining marks or other scripts get here.
        let composed = String(decoding: bytes, as: UTF8.self).precomposedStringWithCanonicalMapping
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in composed.unicodeScalars {
            switch cleaning(scalar.value) {
            case .drop: continue
            case .space: pendingSpace = true
            case .keep:
                if pendingSpace && !result.isEmpty { result.append(" ") }
                pendingSpace = false
                result.append(scalar)
            }
        }
        return String(result)
    }

    private enum Cleaning { case drop, space, keep }

    @inline(__always)
    private static func cleaning(_ value: UInt32) -> Cleaning {
        switch value {
        // Zero-width characters and soft hyphens only affect rendering, never words.
        case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD: .drop
        case 0x09, 0x0B, 0x0C, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: .space
        case 0x00...0x1F, 0x7F...0x9F: .drop
        default: .keep
        }
    }

    /// The cleaning done on the UTF-8 bytes, for lines NFC cannot change (every scalar below
    /// U+0300, or general punctuation such as curly quotes and dashes); nil for any other line.
    private static func normalizedWithoutComposition(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var pendingSpace = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte > 0x20 && byte < 0x7F {
                // Printable ASCII, most of any line: kept as it is.
                if pendingSpace && !output.isEmpty { output.append(0x20) }
                pendingSpace = false
                output.append(byte)
                index += 1
                continue
            }
            let (value, length) = UTF8Scalar.decode(bytes, at: index)
            let end = index + length
            guard value < 0x300 || (0x2000...0x206F).contains(value) else { return nil }
            switch cleaning(value) {
            case .drop: break
            case .space: pendingSpace = true
            case .keep:
                if pendingSpace && !output.isEmpty { output.append(0x20) }
                pendingSpace = false
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
            }
            index = end
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Printable ASCII with single inner spaces and none at the ends: nothing to normalise.
    private static func isCleanASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var previousSpace = true
        for byte in bytes {
            guard byte >= 0x20, byte < 0x7F else { return false }
            if byte == 0x20 {
                if previousSpace { return false }
                previousSpace = true
            } else {
                previousSpace = false
            }
        }
        return !previousSpace || bytes.isEmpty
    }

    /// Lower-cased, with curly quotes, apostrophes and dashes folded to ASCII, for vocabulary matching.
    public static func folded(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count)
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    // ASCII: only the letters change, and `` ` `` becomes an apostrophe.
                    output.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : (byte == 0x60 ? 0x27 : byte))
                    index += 1
                    continue
                }
                let (value, length) = UTF8Scalar.decode(bytes, at: index)
                let sequence = UnsafeBufferPointer(rebasing: bytes[index..<(index + length)])
                index += length
                guard let scalar = Unicode.Scalar(value) else {
                    output.append(contentsOf: sequence)
                    continue
                }
                switch scalar.value {
                case 0x2018, 0x2019, 0x201A, 0x2032, 0xB4: output.append(0x27)
                case 0x201C, 0x201D, 0x201E, 0xAB, 0xBB, 0x2033: output.append(0x22)
                case 0x2010...0x2015, 0x2212: output.append(0x2D)
                case 0x2000...0x20FF: output.append(contentsOf: sequence)  // other punctuation: no case
                default:
                    if scalar.properties.changesWhenLowercased {
                        output.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
                    } else {
                        output.append(contentsOf: sequence)
                    }
                }
            }
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// The words of a line: runs of letters and digits (apostrophes inside words kept), lower-cased.
    public static func words(_ text: String) -> [Substring] {
        words(folded: folded(text))
    }

    /// The words of text that is already folded.
    static func words(folded: String) -> [Substring] {
        var text = folded
        return words(folded: folded, bounds: text.withUTF8 { wordBounds(folded: $0) })
    }

    /// The words of folded text whose `wordBounds` are known.
    static func words(folded: String, bounds: [Int32]) -> [Substring] {
        let utf8 = folded.utf8
        return stride(from: 0, to: bounds.count, by: 2).map { pair in
            folded[utf8.index(utf8.startIndex, offsetBy: Int(bounds[pair]))..<utf8.index(utf8.startIndex, offsetBy: Int(bounds[pair + 1]))]
        }
    }

    /// Where the words of folded text lie in its UTF-8 bytes: each word's start and end offsets,
    /// in pairs. A word runs from its first to its last letter or digit; apostrophes belong inside
    /// words ("we'd"), not around them ('quoted'). Read from the bytes, so that the rules, which
    /// look at every line of every page, need no Substring per word.
    static func wordBounds(folded bytes: UnsafeBufferPointer<UInt8>) -> [Int32] {
        scan(folded: bytes).bounds
    }

    /// What one pass over a line's folded bytes finds: the word bounds (above), the sentence marks
    /// (commas, stops, colons, semicolons, question and exclamation marks, in any script), and the
    /// Han and kana characters (U+3040...U+30FF, U+3400...U+9FFF), whose words have no spaces between.
    static func scan(folded bytes: UnsafeBufferPointer<UInt8>) -> (bounds: [Int32], sentenceMarks: Int, unspaced: Int) {
        var bounds: [Int32] = []
        var marks = 0
        var unspaced = 0
        var start = -1
        var end = -1
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            var length = 1
            let isWord: Bool
            if byte < 0x80 {
                let lower = byte | 0x20
                isWord = (lower >= 0x61 && lower <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                if !isWord, byte == 0x2E || byte == 0x2C || byte == 0x3B || byte == 0x3A || byte == 0x21 || byte == 0x3F { marks += 1 }
            } else {
                let decoded = UTF8Scalar.decode(bytes, at: index)
                length = decoded.length
                let value = decoded.value
                isWord = Unicode.Scalar(value).map(isWordScalar) ?? false
                if (0x3040...0x30FF).contains(value) || (0x3400...0x9FFF).contains(value) {
                    unspaced += 1
                } else if otherSentenceMarks.contains(value) {
                    marks += 1
                }
            }
            if isWord {
                if start < 0 { start = index }
                end = index + length
            } else if byte != UInt8(ascii: "'") || start < 0, start >= 0 {
                bounds.append(Int32(start))
                bounds.append(Int32(end))
                start = -1
            }
            index += length
        }
        if start >= 0 {
            bounds.append(Int32(start))
            bounds.append(Int32(end))
        }
        return (bounds, marks, unspaced)
    }

    /// 。，、！？； and their full-width forms, the Arabic comma and question mark, the Devanagari stop.
    private static let otherSentenceMarks: Set<UInt32> = [0x3002, 0xFF0C, 0x3001, 0xFF01, 0xFF1F, 0xFF1B, 0x060C, 0x061F, 0x0964]

    /// A letter or digit, with a fast path for ASCII.
    @inlinable @inline(__always)
    public static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            let lower = value | 0x20
            return (lower >= 0x61 && lower <= 0x7A) || (value >= 0x30 && value <= 0x39)
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
