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
        /// Character offset in the joined text.
        let offset: Int
        /// Index of the paragraph the token is in.
        let paragraph: Int
        /// First word of a sentence, where capitals say nothing about names.
        let startsSentence: Bool
        /// Written with a possessive "'s": a name ends here ("Russia's Kursk region" is two names).
        var possessive = false

        var isCapitalized: Bool { kind == .word && text.first?.isUppercase == true }
        var lowercased: String { text.lowercased() }
    }

    let paragraphs: [String]
    let tokens: [Token]

    init(paragraphs: [String]) {
        self.paragraphs = paragraphs
        var tokens: [Token] = []
        var offset = 0
        for (number, paragraph) in paragraphs.enumerated() {
            if number > 0 { offset += 2 }
            Self.tokenize(paragraph, paragraph: number, base: offset, into: &tokens)
            offset += paragraph.count
        }
        self.tokens = tokens
    }

    /// Letters and digits, with inner apostrophes, hyphens and dots kept ("it's", "Saint-Aubel", "U.S.").
    private static func tokenize(_ text: String, paragraph: Int, base: Int, into tokens: inout [Token]) {
        let characters = Array(text)
        var index = 0
        var sentenceStart = true
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace {
                index += 1
                continue
            }
            if character.isLetter || character.isNumber {
                let start = index
                index += 1
                while index < characters.count {
                    let next = characters[index]
                    if next.isLetter || next.isNumber {
                        index += 1
                    } else if "'’-.".contains(next), index + 1 < characters.count, characters[index + 1].isLetter || characters[index + 1].isNumber,
                        next != "." || (index - start == 1 && characters[start].isUppercase)
                    {
                        // An apostrophe, hyphen or initial's dot inside a word ("U.S", "it's").
                        index += 1
                    } else {
                        break
                    }
                }
                // "U.S." keeps its final dot when the word is initials.
                if index < characters.count, characters[index] == ".", index - start >= 3, characters[start..<index].contains("."),
                    characters[start..<index].allSatisfy({ $0.isUppercase || $0 == "." })
                {
                    index += 1
                }
                var word = String(characters[start..<index])
                var possessive = false
                for suffix in ["'s", "’s", "'", "’"] where word.hasSuffix(suffix) && word.count > suffix.count + 1 {
                    word.removeLast(suffix.count)
                    possessive = true
                    break
                }
                var token = Token(text: word, kind: .word, offset: base + start, paragraph: paragraph, startsSentence: sentenceStart)
                token.possessive = possessive
                tokens.append(token)
                sentenceStart = false
                continue
            }
            tokens.append(Token(text: String(character), kind: .mark, offset: base + index, paragraph: paragraph, startsSentence: false))
            if ".!?:;".contains(character) { sentenceStart = true }
            index += 1
        }
    }
}
