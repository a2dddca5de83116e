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
            for character in paragraph.lowercased() {
                guard character.isLetter || character.isNumber else {
                    pendingSpace = true
                    continue
                }
                // One space between words, whatever separated them, and none before the first word.
                if pendingSpace && wroteWord { mix(0x20) }
                pendingSpace = false
                wroteWord = true
                for byte in character.utf8 { mix(byte) }
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
