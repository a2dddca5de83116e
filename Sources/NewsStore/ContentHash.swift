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
        var first: UInt64 = 0xcbf2_9ce4_8422_2325
        var second: UInt64 = 0x6c62_272e_07bb_0142
        func mix(_ byte: UInt8) {
            first = (first ^ UInt64(byte)) &* 0x100_0000_01b3
            second = (second ^ UInt64(byte)) &* 0x100_0000_01b3
            second = (second << 7) | (second >> 57)
        }
        var pendingSpace = false
        var wroteWord = false
        for paragraph in paragraphs {
            for scalar in paragraph.unicodeScalars {
                let value = scalar.value
                let isWord: Bool
                var lowered = value
                if value < 0x80 {
                    isWord = (value | 0x20 >= 0x61 && value | 0x20 <= 0x7A) || (value >= 0x30 && value <= 0x39)
                    if value >= 0x41 && value <= 0x5A { lowered = value | 0x20 }
                } else {
                    isWord = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                    if isWord, let lower = scalar.properties.lowercaseMapping.unicodeScalars.first { lowered = lower.value }
                }
                guard isWord else {
                    pendingSpace = true
                    continue
                }
                // One space between words, whatever separated them, and none before the first word.
                if pendingSpace && wroteWord { mix(0x20) }
                pendingSpace = false
                wroteWord = true
                if lowered < 0x80 {
                    mix(UInt8(lowered))
                } else {
                    for byte in String(Unicode.Scalar(lowered)!).utf8 { mix(byte) }
                }
            }
            pendingSpace = true
        }
        return hex(first) + hex(second)
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
