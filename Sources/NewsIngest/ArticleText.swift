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
        return text.withUTF8 { bytes in
            // Scalars with the byte offset where each starts: token text is then one copy of bytes.
            var scalars: [Unicode.Scalar] = []
            var starts: [Int] = []
            scalars.reserveCapacity(bytes.count)
            starts.reserveCapacity(bytes.count + 1)
            var byteIndex = 0
            while byteIndex < bytes.count {
                let (value, length) = UTF8Scalar.decode(bytes, at: byteIndex)
                scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
                starts.append(byteIndex)
                byteIndex += length
            }
            starts.append(bytes.count)
            tokenize(scalars: scalars, bytes: { UnsafeBufferPointer(rebasing: bytes[starts[$0]..<starts[$1]]) },
                     paragraph: paragraph, base: base, into: &tokens)
            return scalars.count
        }
    }

    /// Letters and digits, with inner apostrophes, hyphens and dots kept ("it's", "Saint-Aubel", "U.S.").
    private static func tokenize(
        scalars: [Unicode.Scalar], bytes: (Int, Int) -> UnsafeBufferPointer<UInt8>, paragraph: Int, base: Int, into tokens: inout [Token]
    ) {
        func isWord(_ index: Int) -> Bool { index < scalars.count && TextNormalizer.isWordScalar(scalars[index]) }
        var index = 0
        var sentenceStart = true
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == " " || (scalar.value >= 0x80 && scalar.properties.isWhitespace) {
                index += 1
                continue
            }
            if TextNormalizer.isWordScalar(scalar) {
                let start = index
                index += 1
                while index < scalars.count {
                    let next = scalars[index]
                    if TextNormalizer.isWordScalar(next) {
                        index += 1
                    } else if (next == "'" || next == "’" || next == "-") && isWord(index + 1) {
                        index += 1
                    } else if next == ".", isWord(index + 1), scalars[index + 1].properties.isUppercase, index - start == 1, scalars[start].properties.isUppercase {
                        // The dot of initials: "U.S".
                        index += 1
                    } else {
                        break
                    }
                }
                // "U.S." keeps its final dot when the word is initials.
                if index < scalars.count, scalars[index] == ".", index - start >= 3, scalars[start..<index].contains("."),
                    scalars[start..<index].allSatisfy({ $0.properties.isUppercase || $0 == "." })
                {
                    index += 1
                }
                // A possessive "'s" (or a plural's bare apostrophe) is cut off: "Russia's" is "Russia".
                var end = index
                var possessive = false
                if end - start >= 3, scalars[end - 1] == "s" || scalars[end - 1] == "S", scalars[end - 2] == "'" || scalars[end - 2] == "’" {
                    end -= 2
                    possessive = true
                } else if end - start >= 2, scalars[end - 1] == "'" || scalars[end - 1] == "’" {
                    end -= 1
                    possessive = true
                }
                tokens.append(Token(word: bytes(start, end), offset: base + start, paragraph: paragraph, startsSentence: sentenceStart, possessive: possessive))
                sentenceStart = false
                continue
            }
            tokens.append(Token(mark: scalar, offset: base + index, paragraph: paragraph))
            if scalar == "." || scalar == "!" || scalar == "?" || scalar == ":" || scalar == ";" { sentenceStart = true }
            index += 1
        }
    }
}
