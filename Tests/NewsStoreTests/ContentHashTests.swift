import Testing
@testable import NewsStore

@Suite("Content hash")
struct ContentHashTests {
    /// The hash as first written, a Unicode scalar at a time: stored hashes must never change, so
    /// the byte-level hasher is checked against it.
    static func referenceHash(_ paragraphs: [String]) -> String {
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
                let isWord = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                guard isWord else {
                    pendingSpace = true
                    continue
                }
                if pendingSpace && wroteWord { mix(0x20) }
                pendingSpace = false
                wroteWord = true
                let lowered = scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar
                for byte in String(lowered).utf8 { mix(byte) }
            }
            pendingSpace = true
        }
        func hex(_ value: UInt64) -> String {
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
        return hex(first) + hex(second)
    }

    @Test func agreesWithTheScalarReferenceOnMixedText() {
        let pieces = ["Harbour", "HARBOUR", "ferry", "’s", "—", " ", "  ", "\n", "Zürich", "ÉCOLE", "İstanbul", "ß", "Ωmega",
                      "東京", "١٢٣", "42", "café", "e\u{301}", "🙂", "x²", "Ⅻ", "\u{200B}", "-", "\"", "ǅ", "",
                      "…", "‰", "\u{2060}", "\u{206F}", "⁰", "ⁱ", "⁴", "\u{2000}", "‿"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<400 {
            let paragraphs = (0..<Int.random(in: 0...4, using: &generator)).map { _ in
                (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            }
            #expect(ContentHash.of(paragraphs: paragraphs) == Self.referenceHash(paragraphs), "\(paragraphs)")
        }
    }

    /// The hasher passes over U+2000-U+206F as separators without asking for each one's properties.
    @Test func generalPunctuationHoldsNoLetterOrDigit() {
        for value in UInt32(0x2000)...0x206F {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(!scalar.properties.isAlphabetic && scalar.properties.numericType == nil, "U+\(String(value, radix: 16))")
        }
        #expect(Unicode.Scalar(0x2070)!.properties.numericType != nil, "the next block's first is a digit")
    }

    @Test func blindToCaseSpacingAndPunctuation() {
        #expect(ContentHash.of(paragraphs: ["The ferry, “late” again."]) == ContentHash.of(paragraphs: ["the FERRY late", "again"]))
        #expect(ContentHash.of(paragraphs: ["Zürich"]) == ContentHash.of(paragraphs: ["ZÜRICH!"]))
        #expect(ContentHash.of(paragraphs: ["ferry late"]) != ContentHash.of(paragraphs: ["ferrylate"]))
        #expect(ContentHash.of(paragraphs: ["a b"]).count == 32)
    }
}
