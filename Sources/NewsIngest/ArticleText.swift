import NewsPage

/// The body of an article as one text (paragraphs joined by blank lines), cut into words and marks
/// with their character offsets: what the entity and quote extractors read.
struct ArticleText {
    struct Token {
        enum Kind {
            case word
            case mark
        }

        /// The word without a possessive "'s", or the punctuation mark.
        let text: String
        let kind: Kind
        /// Offset in the joined text, counted in Unicode scalars (characters, for ordinary text).
        let offset: Int
        /// Index of the paragraph the token is in.
        let paragraph: Int
        /// First word of a sentence, where capitals say nothing about names.
        let startsSentence: Bool
        /// Written with a possessive "'s": a name ends here ("Russia's Kursk region" is two names).
        var possessive = false

        /// Computed once: the recogniser asks for them again and again.
        let isCapitalized: Bool
        /// The word lists the lower-case word is in.
        let classes: WordClass
        /// Whether the word as written has capitals (its lower case differs).
        let hasCapitals: Bool

        /// The same lists for the word as written: empty when it has capitals, for the lists
        /// matched case-sensitively ("in Westmere", not "IN Westmere").
        var textClasses: WordClass { hasCapitals ? [] : classes }

        /// Rarely asked for, so made on demand.
        var lowercased: String { hasCapitals ? text.lowercased() : text }

        /// A punctuation mark.
        init(mark: Unicode.Scalar, offset: Int, paragraph: Int) {
            text = String(mark)
            kind = .mark
            self.offset = offset
            self.paragraph = paragraph
            startsSentence = false
            isCapitalized = false
            classes = []
            hasCapitals = false
        }

        /// A word, from its UTF-8 bytes.
        init(word bytes: UnsafeBufferPointer<UInt8>, offset: Int, paragraph: Int, startsSentence: Bool, possessive: Bool) {
            text = String(decoding: bytes, as: UTF8.self)
            kind = .word
            self.offset = offset
            self.paragraph = paragraph
            self.startsSentence = startsSentence
            self.possessive = possessive
            (isCapitalized, hasCapitals, classes) = Self.classify(bytes)
        }

        /// Capitalised, has capitals, and the lists of the lower case: one pass over an ASCII word's
        /// bytes, lowered on the stack; other words go through `lowercased()`.
        private static func classify(_ bytes: UnsafeBufferPointer<UInt8>) -> (Bool, Bool, WordClass) {
            guard let first = bytes.first else { return (false, false, []) }
            guard bytes.allSatisfy({ $0 < 0x80 }) else {
                let text = String(decoding: bytes, as: UTF8.self)
                let lower = text.lowercased()
                let capitalized = text.unicodeScalars.first.map { $0.properties.isUppercase } ?? false
                return (capitalized, lower != text, WordClass.of(lower))
            }
            let capitalized = first >= 0x41 && first <= 0x5A
            guard bytes.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return (capitalized, false, WordClass.of(bytes)) }
            let classes = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { lower in
                for (index, byte) in bytes.enumerated() { lower[index] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
                return WordClass.of(UnsafeBufferPointer(lower))
            }
            return (capitalized, true, classes)
        }
    }

    let paragraphs: [String]
    let tokens: [Token]
    /// Each paragraph's length in Unicode scalars, the unit of token offsets.
    let paragraphLengths: [Int]

    init(paragraphs: [String]) {
        self.paragraphs = paragraphs
        var tokens: [Token] = []
        // Rarely more than one token per four bytes of text: growing the array as it filled cost a worker 1%.
        tokens.reserveCapacity(paragraphs.reduce(0) { $0 + $1.utf8.count } / 4)
        var lengths: [Int] = []
        var offset = 0
        for (number, paragraph) in paragraphs.enumerated() {
            if number > 0 { offset += 2 }
            lengths.append(Self.tokenize(paragraph, paragraph: number, base: offset, into: &tokens))
            offset += lengths[number]
        }
        self.tokens = tokens
        paragraphLengths = lengths
    }

    /// Appends the paragraph's tokens; returns its length in Unicode scalars.
    private static func tokenize(_ text: String, paragraph: Int, base: Int, into tokens: inout [Token]) -> Int {
        var text = text
        return text.withUTF8 { tokenize(bytes: $0, paragraph: paragraph, base: base, into: &tokens) }
    }

    /// Letters and digits, with inner apostrophes, hyphens and dots kept ("it's", "Saint-Aubel", "U.S.").
    /// Read straight from the UTF-8, each scalar decoded where it is looked at, counting scalars
    /// for the offsets: a token's text is then one copy of its bytes, and no array of the
    /// paragraph's scalars is made (that array and its byte offsets were a fifth of tokenizing).
    private static func tokenize(bytes: UnsafeBufferPointer<UInt8>, paragraph: Int, base: Int, into tokens: inout [Token]) -> Int {
        func isWord(at index: Int) -> Bool { index < bytes.count && TextNormalizer.isWordScalar(decodedScalar(bytes, at: index).scalar) }
        var index = 0
        var scalars = 0
        var sentenceStart = true
        while index < bytes.count {
            let (scalar, length) = decodedScalar(bytes, at: index)
            if scalar == " " || (scalar.value >= 0x80 && scalar.properties.isWhitespace) {
                index += length
                scalars += 1
                continue
            }
            if TextNormalizer.isWordScalar(scalar) {
                let start = index
                let startScalar = scalars
                index += length
                scalars += 1
                while index < bytes.count {
                    let (next, nextLength) = decodedScalar(bytes, at: index)
                    if TextNormalizer.isWordScalar(next) {
                    } else if (next == "'" || next == "’" || next == "-") && isWord(at: index + nextLength) {
                    } else if next == ".", isWord(at: index + 1), isUppercase(decodedScalar(bytes, at: index + 1).scalar),
                              scalars - startScalar == 1, isUppercase(decodedScalar(bytes, at: start).scalar) {
                        // The dot of initials: "U.S".
                    } else {
                        break
                    }
                    index += nextLength
                    scalars += 1
                }
                // "U.S." keeps its final dot when the word is initials.
                if index < bytes.count, bytes[index] == UInt8(ascii: "."), scalars - startScalar >= 3, isInitials(bytes, start..<index) {
                    index += 1
                    scalars += 1
                }
                // A possessive "'s" (or a plural's bare apostrophe) is cut off: "Russia's" is "Russia".
                var end = index
                var possessive = false
                if scalars - startScalar >= 3, bytes[end - 1] == UInt8(ascii: "s") || bytes[end - 1] == UInt8(ascii: "S"),
                   let apostrophe = apostropheLength(bytes, endingAt: end - 1) {
                    end -= 1 + apostrophe
                    possessive = true
                } else if scalars - startScalar >= 2, let apostrophe = apostropheLength(bytes, endingAt: end) {
                    end -= apostrophe
                    possessive = true
                }
                tokens.append(Token(word: UnsafeBufferPointer(rebasing: bytes[start..<end]), offset: base + startScalar, paragraph: paragraph,
                                    startsSentence: sentenceStart, possessive: possessive))
                sentenceStart = false
                continue
            }
            tokens.append(Token(mark: scalar, offset: base + scalars, paragraph: paragraph))
            if scalar == "." || scalar == "!" || scalar == "?" || scalar == ":" || scalar == ";" { sentenceStart = true }
            index += length
            scalars += 1
        }
        return scalars
    }

    /// The scalar that starts at `index`, and its length in bytes.
    private static func decodedScalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (scalar: Unicode.Scalar, length: Int) {
        let (value, length) = UTF8Scalar.decode(bytes, at: index)
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// Unicode's tables asked only beyond ASCII.
    private static func isUppercase(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 ? scalar.value >= 0x41 && scalar.value <= 0x5A : scalar.properties.isUppercase
    }

    /// The bytes of the apostrophe ("'" or "’") that ends just before `end`, or nil when none does.
    /// The scalar before `end` ends with its last byte, and no other scalar ends in 0x27 or in
    /// E2 80 99, so the bytes alone say which it is.
    private static func apostropheLength(_ bytes: UnsafeBufferPointer<UInt8>, endingAt end: Int) -> Int? {
        if end >= 1, bytes[end - 1] == UInt8(ascii: "'") { return 1 }
        if end >= 3, bytes[end - 3] == 0xE2, bytes[end - 2] == 0x80, bytes[end - 1] == 0x99 { return 3 }
        return nil
    }

    /// Whether the word in `range` holds a dot and nothing but capitals and dots ("U.S").
    private static func isInitials(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var index = range.lowerBound
        var dot = false
        while index < range.upperBound {
            let (scalar, length) = decodedScalar(bytes, at: index)
            if scalar == "." {
                dot = true
            } else if !isUppercase(scalar) {
                return false
            }
            index += length
        }
        return dot
    }
}
