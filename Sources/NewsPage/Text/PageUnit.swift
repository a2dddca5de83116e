import Foundation

/// A non-blank line of the page, or several lines joined back into the paragraph they were wrapped from.
struct PageUnit {
    let text: String
    /// 1-based line numbers in the page file.
    let lines: [Int]
    /// The physical lines as they were, for the list of removed lines.
    let originals: [String]
    /// True when one or more blank lines come before this unit.
    let blankBefore: Bool
    /// Measured once: every rule reads them.
    let features: LineFeatures

    init(lines: [Int], originals: [String], blankBefore: Bool) {
        self.text = originals.joined(separator: " ")
        self.lines = lines
        self.originals = originals
        self.blankBefore = blankBefore
        self.features = LineFeatures(text)
    }
}

/// Groups normalised lines into units, rejoining hard-wrapped paragraphs.
enum PageUnits {
    /// A page is hard-wrapped when several lines without a closing full stop run on into a next line
    /// that starts in lower case. Such pages are re-joined: a break is a wrap when the next line
    /// starts in lower case, or when its first word would not have fitted on the line (the greedy
    /// wrapping every text tool does). Blank lines and short lines always end a paragraph.
    static func assemble(_ lines: [String]) -> [PageUnit] {
        let width = wrapWidth(lines)
        var units: [(lines: [Int], originals: [String], blankBefore: Bool)] = []
        var blankBefore = false
        var previousWasText = false
        for (offset, line) in lines.enumerated() {
            guard !line.isEmpty else {
                blankBefore = true
                previousWasText = false
                continue
            }
            if let width, previousWasText, let previousLine = units.last?.originals.last,
                continuesWrappedLine(previousLine, with: line, width: width)
            {
                units[units.count - 1].lines.append(offset + 1)
                units[units.count - 1].originals.append(line)
            } else {
                units.append(([offset + 1], [line], blankBefore))
            }
            blankBefore = false
            previousWasText = true
        }
        return units.map { PageUnit(lines: $0.lines, originals: $0.originals, blankBefore: $0.blankBefore) }
    }

    /// The column the page was wrapped at, or nil when it was not hard-wrapped.
    static func wrapWidth(_ lines: [String]) -> Int? {
        var evidence = 0
        var width = 0
        for index in lines.indices.dropLast() {
            let line = lines[index]
            let next = lines[index + 1]
            guard let first = next.first, let last = line.last, line.count <= 110, !".!?\"”’:".contains(last) else { continue }
            width = max(width, line.count)
            if line.count >= 30, first.isLowercase { evidence += 1 }
        }
        guard evidence >= 2 else { return nil }
        // A hard-wrapped page has (nearly) no line past its width; a page with one line per block
        // (paragraphs unwrapped) has many, and lower-case starts there are user names and fragments.
        let nonEmpty = lines.count { !$0.isEmpty }
        let overlong = lines.count { $0.count > width }
        return overlong <= max(1, nonEmpty / 50) ? width : nil
    }

    static func continuesWrappedLine(_ line: String, with next: String, width: Int) -> Bool {
        guard line.count >= width / 2, let last = line.last, !".!?\"”’:".contains(last) || next.first?.isLowercase == true else {
            return false
        }
        if next.first?.isLowercase == true { return true }
        let firstWord = next.prefix { !$0.isWhitespace }
        guard line.count + 1 + firstWord.count > width else { return false }
        return !startsHeaderLine(next, firstWord: firstWord)
    }

    /// Lines that begin something new even right under a full-width line: "Published: …", "By …", a date.
    static func startsHeaderLine(_ line: String, firstWord: Substring) -> Bool {
        if firstWord.hasSuffix(":") { return true }
        if firstWord == "By", line.dropFirst(3).first?.isUppercase == true { return true }
        guard line.count <= 60, let match = DateParser.parse(line) else { return false }
        return match.isWholeLine
    }
}

/// Measurements of one line that the rules use: words, case, punctuation.
struct LineFeatures {
    let text: String
    let folded: String
    /// The folded text's UTF-8 bytes: phrase tests search these, far faster than String.contains.
    let foldedBytes: [UInt8]
    /// Each word's start and end in `foldedBytes`, in pairs (see `TextNormalizer.wordBounds`).
    private let wordBounds: [Int32]
    /// Which byte pairs occur in the folded text: the rules test each line for a hundred phrases,
    /// and most phrases have a pair the line lacks, which rules them out before any search.
    private let pairs: BytePairs
    /// Length in words, for text with or without spaces: Chinese and Japanese write no spaces, so
    /// their characters count two to a word (a run of them is one "word" between spaces).
    let weight: Double
    /// Commas, full stops, colons, semicolons, question and exclamation marks, in any script.
    let sentenceMarks: Int

    init(_ text: String) {
        self.text = text
        folded = TextNormalizer.folded(text)
        foldedBytes = Array(folded.utf8)
        let scan = foldedBytes.withUnsafeBufferPointer { TextNormalizer.scan(folded: $0) }
        wordBounds = scan.bounds
        sentenceMarks = scan.sentenceMarks
        pairs = BytePairs(foldedBytes)
        weight = Double(wordBounds.count / 2) + Double(scan.unspaced) / Self.unspacedCharactersPerWord
        let bareBytes = Self.bareRange(scan.bounds)
        shortBare = bareBytes.count <= Self.shortBareBytes ? String(decoding: foldedBytes[bareBytes], as: UTF8.self) : nil
    }

    /// Characters per word in scripts written without spaces (an average word of Chinese is under two).
    static let unspacedCharactersPerWord = 2.0

    /// The folded words, made when asked: the frequent tests (counts, phrases) read the bounds.
    var words: [Substring] { TextNormalizer.words(folded: folded, bounds: wordBounds) }

    /// True when the folded text contains `phrase` (written folded: lower case, straight quotes).
    func has(_ phrase: String) -> Bool {
        var phrase = phrase
        return phrase.withUTF8 { has(bytes: $0) }
    }

    func has(bytes needle: UnsafeBufferPointer<UInt8>) -> Bool {
        pairs.mayContain(needle) && foldedBytes.withUnsafeBufferPointer { ByteSearch.firstOffset(of: needle, in: $0) != nil }
    }

    /// True when the folded text starts with `prefix`.
    func begins(_ prefix: String) -> Bool {
        var prefix = prefix
        return prefix.withUTF8 { begins(bytes: $0) }
    }

    func begins(bytes needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let start = needle.baseAddress, !needle.isEmpty else { return true }
        guard needle.count <= foldedBytes.count, needle[0] == foldedBytes[0] else { return false }
        return foldedBytes.withUnsafeBufferPointer { line in line.baseAddress.map { memcmp($0, start, needle.count) == 0 } ?? false }
    }

    var wordCount: Int { wordBounds.count / 2 }

    /// The first word is a number ("34 responses"), read from the bytes without making the words.
    var startsWithNumber: Bool {
        guard let start = wordBounds.first, let end = wordBounds.dropFirst().first else { return false }
        return foldedBytes[Int(start)..<Int(end)].allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// The folded text from its first to its last letter or digit, without the punctuation,
    /// arrows or spaces around it: "Take the survey »" is "take the survey".
    var bare: String { shortBare ?? String(decoding: foldedBytes[bareRange], as: UTF8.self) }

    /// `bare`, made once for the short lines that whole-line lists look up (several lists a line).
    private let shortBare: String?
    /// The longest bare text made ahead: longer than any entry of a whole-line list.
    static let shortBareBytes = 48

    /// The UTF-8 length of `bare`, known without making it.
    var bareByteCount: Int { bareRange.count }

    /// Where `bare` lies in `foldedBytes`: from the first word's start to the last word's end.
    private var bareRange: Range<Int> { Self.bareRange(wordBounds) }

    private static func bareRange(_ bounds: [Int32]) -> Range<Int> {
        guard let first = bounds.first, let last = bounds.last else { return 0..<0 }
        return Int(first)..<Int(last)
    }

    /// Ends like a sentence: a full stop, question or exclamation mark, closing quote or ellipsis.
    var endsLikeSentence: Bool {
        // By the last scalar, read from the UTF-8 end: every rule asks, for every unit.
        guard let last = text.unicodeScalars.last else { return false }
        return Self.sentenceEnds.contains(last)
    }

    private static let sentenceEnds: Set<Unicode.Scalar> = Set(".!?\"”’'…)。！？」』".unicodeScalars)

    /// Reads as a paragraph of prose rather than a header, button or label.
    var isProse: Bool {
        (weight >= 12 && endsLikeSentence) || weight >= 25
    }

    /// Looks like a sentence, however short: several words and a full stop.
    var isSentence: Bool { weight >= 4 && endsLikeSentence }

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

    func startsWithAny(_ prefixes: PhraseList) -> Bool {
        prefixes.contains { begins(bytes: $0) }
    }

    func containsAny(_ phrases: PhraseList) -> Bool {
        phrases.contains { has(bytes: $0) }
    }

    /// How many of the phrases the folded text contains.
    func count(of phrases: PhraseList) -> Int {
        phrases.count { has(bytes: $0) }
    }

    /// How many of the phrases the line holds as whole words.
    func countWholePhrases(_ phrases: PhraseList) -> Int {
        phrases.count { position(ofPhrase: $0) != nil }
    }

    /// Whole-word phrase match on the folded words ("ap" matches "AP" but not "apple").
    func containsPhrase(_ phrase: String) -> Bool { position(ofPhrase: phrase) != nil }

    /// The index of the first word where `phrase` (folded words) starts, or nil.
    func position(ofPhrase phrase: String) -> Int? {
        var phrase = phrase
        return phrase.withUTF8 { position(ofPhrase: $0) }
    }

    func position(ofPhrase bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        // Every word of the line is a substring of the folded text, so a phrase whose first word
        // is not in the bytes cannot match: one search spares the word-by-word walk for most lines.
        let firstWord = UnsafeBufferPointer(rebasing: bytes[..<(bytes.firstIndex(of: 0x20) ?? bytes.count)])
        guard !firstWord.isEmpty, pairs.mayContain(firstWord),
              foldedBytes.withUnsafeBufferPointer({ ByteSearch.firstOffset(of: firstWord, in: $0) != nil }) else { return nil }
        // Words compare as bytes when the phrase is ASCII (equal bytes then mean equal words);
        // others compare as Strings, which treat canonically equivalent spellings as equal.
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return positionComparingStrings(ofPhrase: String(decoding: bytes, as: UTF8.self)) }
        let parts = bytes.split(separator: 0x20)
        let count = wordCount
        guard parts.count <= count else { return nil }
        return foldedBytes.withUnsafeBufferPointer { line -> Int? in
            func word(_ index: Int, equals part: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
                let start = Int(wordBounds[2 * index]), end = Int(wordBounds[2 * index + 1])
                return end - start == part.count && line[start..<end].elementsEqual(part)
            }
            for start in 0...(count - parts.count) where word(start, equals: parts[0]) {
                if (1..<parts.count).allSatisfy({ word(start + $0, equals: parts[$0]) }) { return start }
            }
            return nil
        }
    }

    private func positionComparingStrings(ofPhrase phrase: String) -> Int? {
        let parts = phrase.split(separator: " ")
        let words = words
        guard parts.count <= words.count else { return nil }
        for start in 0...(words.count - parts.count) where words[start] == parts[0] {
            if (1..<parts.count).allSatisfy({ words[start + $0] == parts[$0] }) { return start }
        }
        return nil
    }

    /// Mentions of reported speech: a sentence that reports is news, not a promo.
    var reportsSpeech: Bool {
        // Folding turns curly quotes straight, so one byte test finds both.
        foldedBytes.contains(UInt8(ascii: "\"")) || Self.speechVerbs.contains { position(ofPhrase: $0) != nil }
    }

    private static let speechVerbs: PhraseList = ["said", "says", "told", "according", "added", "stated", "announced", "urged", "asked"]
}

/// A 1,024-bit set of the byte pairs in a text, each pair folded to ten bits (the low five bits of
/// each byte, so pairs of ASCII letters never share a bit). A needle with a pair not in the set is
/// not in the text; a needle whose pairs are all there may be, and is searched for.
struct BytePairs {
    private var bits = SIMD16<UInt64>()

    init(_ bytes: [UInt8]) {
        guard bytes.count >= 2 else { return }
        // Through a pointer: SIMD's subscript by a computed lane is far slower than a store.
        withUnsafeMutableBytes(of: &bits) { raw in
            let words = raw.bindMemory(to: UInt64.self)
            bytes.withUnsafeBufferPointer { bytes in
                var previous = bytes[0]
                for byte in bytes[1...] {
                    let bit = Self.bit(previous, byte)
                    words[bit >> 6] |= 1 << UInt64(bit & 63)
                    previous = byte
                }
            }
        }
    }

    func mayContain(_ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard needle.count >= 2 else { return true }
        return withUnsafeBytes(of: bits) { raw in
            let words = raw.bindMemory(to: UInt64.self)
            for index in 1..<needle.count {
                let bit = Self.bit(needle[index - 1], needle[index])
                if words[bit >> 6] & (1 << UInt64(bit & 63)) == 0 { return false }
            }
            return true
        }
    }

    private static func bit(_ first: UInt8, _ second: UInt8) -> Int {
        Int(first & 31) << 5 | Int(second & 31)
    }
}
