/// The deduplication key of an article: a hash of its words, blind to case, punctuation and spacing.
///
/// The same wire story re-posted by two aggregators differs in whitespace, curly quotes and
/// boilerplate, but not in its words, so those are all that is hashed. Two independent 64-bit
/// FNV-1a lanes give 128 bits: collisions stay negligible at hundreds of millions of articles.
public enum ContentHash {
    public static func of(_ article: Article) -> String {
        let text = article.paragraphs.isEmpty ? [article.title ?? ""] : article.paragraphs
        return of(paragraphs: text)
    }

    public static func of(paragraphs: [String]) -> String {
        var hasher = WordHasher()
        for paragraph in paragraphs {
            var paragraph = paragraph
            paragraph.withUTF8 { hasher.add($0) }
            hasher.endWord()
        }
        return hex(hasher.first) + hex(hasher.second)
    }

    /// Two FNV-1a lanes over the words' lower-case UTF-8, one space between words.
    private struct WordHasher {
        var first: UInt64 = 0xcbf2_9ce4_8422_2325
        var second: UInt64 = 0x6c62_272e_07bb_0142
        private var pendingSpace = false
        private var wroteWord = false

        private mutating func mix(_ byte: UInt8) {
            first = (first ^ UInt64(byte)) &* 0x100_0000_01b3
            second = (second ^ UInt64(byte)) &* 0x100_0000_01b3
            second = (second << 7) | (second >> 57)
        }

        /// Adds text as UTF-8 (valid, as a String's is): ASCII bytes directly, others decoded
        /// to a scalar to ask whether it is a letter or digit and for its lower case.
        mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
            // Read once here: a static's every use checks that it was made (2.7 million checks on 3,000 articles).
            let asciiFolded = ContentHash.asciiFolded
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    index += 1
                    let folded = asciiFolded[Int(byte)]
                    guard folded != 0 else {
                        endWord()
                        continue
                    }
                    startWord()
                    mix(folded)
                    continue
                }
                // General Punctuation, U+2000-U+206F (dashes, curly quotes, spaces), holds no letter
                // or digit: a test checks the block against Unicode's properties.
                if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80 || (bytes[index + 1] == 0x81 && bytes[index + 2] < 0xB0) {
                    index += 3
                    endWord()
                    continue
                }
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                var value = UInt32(byte & (byte >= 0xF0 ? 0x07 : byte >= 0xE0 ? 0x0F : 0x1F))
                for offset in 1..<min(length, bytes.count - index) {
                    value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
                }
                index += length
                guard let scalar = Unicode.Scalar(value), scalar.properties.isAlphabetic || scalar.properties.numericType != nil else {
                    endWord()
                    continue
                }
                startWord()
                let lowered = scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar
                for byte in String(lowered).utf8 { mix(byte) }
            }
        }

        /// Whatever separated two words counts as one space; nothing before the first word.
        private mutating func startWord() {
            if pendingSpace && wroteWord { mix(0x20) }
            pendingSpace = false
            wroteWord = true
        }

        mutating func endWord() {
            pendingSpace = true
        }
    }

    /// Each ASCII byte lower-cased when it is a letter or digit, 0 when it separates words.
    static let asciiFolded: [UInt8] = (0..<128).map { byte -> UInt8 in
        let byte = UInt8(byte)
        switch byte {
        case 0x41...0x5A: return byte | 0x20
        case 0x61...0x7A, 0x30...0x39: return byte
        default: return 0
        }
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
