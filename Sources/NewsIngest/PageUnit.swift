/// A non-blank line of the page, or several lines joined back into the paragraph they were wrapped from.
struct PageUnit: Sendable, Hashable {
    var text: String
    /// 1-based line numbers in the page file.
    var lines: [Int]
    /// The physical lines as they were, for the list of removed lines.
    var originals: [String]
    /// True when one or more blank lines come before this unit.
    var blankBefore: Bool

    var features: LineFeatures { LineFeatures(text) }
}

/// Groups normalised lines into units, rejoining hard-wrapped paragraphs.
enum PageUnits {
    /// A page is hard-wrapped when its longest line is short and several long lines run into the
    /// next line. Such pages are re-joined: a break is a wrap when the next line's first word
    /// would not have fitted on the line (the greedy wrapping every text tool does), or when the
    /// next line goes on in lower case.
    static func assemble(_ lines: [String]) -> [PageUnit] {
        let width = lines.map(\.count).max() ?? 0
        let wrapped = isHardWrapped(lines, width: width)
        var units: [PageUnit] = []
        var blankBefore = false
        var previousWasText = false
        for (offset, line) in lines.enumerated() {
            guard !line.isEmpty else {
                blankBefore = true
                previousWasText = false
                continue
            }
            if wrapped, previousWasText, var last = units.last, let previousLine = last.originals.last,
                continuesWrappedLine(previousLine, with: line, width: width)
            {
                last.text += " " + line
                last.lines.append(offset + 1)
                last.originals.append(line)
                units[units.count - 1] = last
            } else {
                units.append(PageUnit(text: line, lines: [offset + 1], originals: [line], blankBefore: blankBefore))
            }
            blankBefore = false
            previousWasText = true
        }
        return units
    }

    static func isHardWrapped(_ lines: [String], width: Int) -> Bool {
        guard width >= 30, width <= 110 else { return false }
        var runOns = 0
        for index in lines.indices.dropLast() {
            let line = lines[index]
            let next = lines[index + 1]
            guard !next.isEmpty, line.count >= width * 3 / 4 else { continue }
            if let last = line.last, !".!?\"”’:".contains(last) { runOns += 1 }
        }
        return runOns >= 2
    }

    static func continuesWrappedLine(_ line: String, with next: String, width: Int) -> Bool {
        guard line.count >= width / 2 else { return false }
        let firstWord = next.prefix { !$0.isWhitespace }
        if line.count + 1 + firstWord.count > width { return true }
        return next.first?.isLowercase == true
    }
}

/// Measurements of one line that the rules use: words, case, punctuation.
struct LineFeatures {
    let text: String
    let folded: String
    let words: [Substring]

    init(_ text: String) {
        self.text = text
        folded = TextNormalizer.folded(text)
        words = TextNormalizer.words(text)
    }

    var wordCount: Int { words.count }

    /// Ends like a sentence: a full stop, question or exclamation mark, closing quote or ellipsis.
    var endsLikeSentence: Bool {
        guard let last = text.last else { return false }
        return ".!?\"”’'…)".contains(last)
    }

    /// Reads as a paragraph of prose rather than a header, button or label.
    var isProse: Bool {
        (wordCount >= 12 && endsLikeSentence) || wordCount >= 25
    }

    /// Looks like a sentence, however short: several words and a full stop.
    var isSentence: Bool { wordCount >= 4 && endsLikeSentence }

    /// Share of letters that are upper case (0 when there are no letters).
    var upperCaseShare: Double {
        var letters = 0
        var upper = 0
        for character in text where character.isLetter {
            letters += 1
            if character.isUppercase { upper += 1 }
        }
        return letters == 0 ? 0 : Double(upper) / Double(letters)
    }

    var hasLetters: Bool { text.contains { $0.isLetter } }

    func startsWithAny(_ prefixes: [String]) -> Bool {
        prefixes.contains { folded.hasPrefix($0) }
    }

    func containsAny(_ phrases: [String]) -> Bool {
        phrases.contains { folded.contains($0) }
    }

    /// Whole-word phrase match on the folded words ("ap" matches "AP" but not "apple").
    func containsPhrase(_ phrase: String) -> Bool {
        let parts = phrase.split(separator: " ")
        guard !parts.isEmpty, parts.count <= words.count else { return false }
        for start in 0...(words.count - parts.count) where words[start] == parts[0] {
            if (1..<parts.count).allSatisfy({ words[start + $0] == parts[$0] }) { return true }
        }
        return false
    }

    /// Mentions of reported speech: a sentence that reports is news, not a promo.
    var reportsSpeech: Bool {
        let verbs: Set<Substring> = ["said", "says", "told", "according", "added", "stated", "announced", "urged", "asked"]
        return words.contains { verbs.contains($0) } || text.contains("\"") || text.contains("“")
    }
}
