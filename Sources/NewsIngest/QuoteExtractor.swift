import NewsStore

/// Finds quotations in an article's paragraphs and who said them.
///
/// Quotes are spans between double quote marks, straight or curly; a quote left open at the end of a
/// paragraph continues when the next paragraph opens with a quote mark (the print convention). A quote
/// embedded in a sentence is `partial`. The speaker comes from the words around the quote:
/// `"…," X said`, `"…," said X`, `X said: "…"`, `X told reporters "…"`, `according to X`, a pronoun
/// (`he said`, `She added:`) resolved to the nearest person named before, and a quote that follows an
/// attributed one in the same paragraph without words of its own keeps that speaker.
public enum QuoteExtractor {
    struct Span {
        var text: String
        /// Offsets of the opening and closing marks in the joined text.
        var start: Int
        var end: Int
        var paragraph: Int
        var lastParagraph: Int
    }

    public static func quotes(in paragraphs: [String]) -> [Quote] {
        let text = ArticleText(paragraphs: paragraphs)
        return quotes(in: text, mentions: EntityRecognizer.mentions(in: text))
    }

    static func quotes(in text: ArticleText, mentions unsorted: [EntityMention]) -> [Quote] {
        var quotes: [Quote] = []
        var previousSpeaker: (speaker: String?, paragraph: Int, end: Int)?
        let found = spans(in: text)
        // Spans come in text order and do not overlap: the one that could hold an offset is found by
        // halving, so a paragraph of thousands of quotes costs n log n, not n².
        let insideQuote: (Int) -> Bool = { offset in
            let next = found.firstIndex(atLeast: offset) { $0.start }
            return next > 0 && found[next - 1].start < offset && offset < found[next - 1].end
        }
        let mentions = unsorted.sorted { $0.tokens.lowerBound < $1.tokens.lowerBound }
        for span in found {
            let before = tokensBefore(span, in: text, insideQuote: insideQuote)
            let after = tokensAfter(span, in: text)
            var speaker = speakerAfter(span, after: after, tokens: text.tokens, mentions: mentions)
                ?? speakerBefore(span, before: before, tokens: text.tokens, mentions: mentions)
            let partial = isPartial(span, before: before, tokens: text.tokens)
            if speaker == nil, !partial, before.isEmpty {
                speaker = attributionJustBefore(span, in: text, mentions: mentions)
            }
            // A quote attributed to someone unnamed ("…," the official said) keeps no speaker.
            let saidBySomeone = after.prefix(12).contains { text.tokens[$0].kind == .word && text.tokens[$0].classes.contains(.speechVerb) }
            if speaker == nil, !partial, before.isEmpty, !saidBySomeone, let previous = previousSpeaker {
                if previous.paragraph == span.paragraph {
                    // "…," Okonjo told the meeting. "That ends in April."
                    speaker = previous.speaker
                } else if previous.paragraph == span.paragraph - 1, opensParagraph(span, in: text) {
                    // A paragraph that is a quote and nothing else, after a paragraph whose quote was
                    // attributed: the same voice goes on ("…," Okonjo said. ¶ "And the ferry…")
                    speaker = previous.speaker
                }
            }
            quotes.append(Quote(text: span.text, speaker: speaker, partial: partial, position: span.start))
            previousSpeaker = (speaker, span.lastParagraph, span.end)
        }
        // "The outages were “terribly disruptive” and, at the moment, “we won't roll the dice,” the
        // chief executive said": a quote whose sentence goes on to another quote shares that one's speaker.
        for index in quotes.indices.dropLast().reversed() where quotes[index].speaker == nil {
            let (current, next) = (found[index], found[index + 1])
            guard quotes[index + 1].speaker != nil, current.lastParagraph == next.paragraph,
                !sentenceEnds(between: current.end, and: next.start, in: text)
            else { continue }
            quotes[index].speaker = quotes[index + 1].speaker
        }
        return quotes
    }

    /// `Sometimes employees don't follow the rules, he said. "But does that mean…"`: the sentence just
    /// before the quote, in its paragraph, ends with an attribution, which goes on to the quote.
    static func attributionJustBefore(_ span: Span, in text: ArticleText, mentions: [EntityMention]) -> String? {
        let tokens = text.tokens
        let first = tokens.firstIndex(atLeast: span.start) { $0.offset }
        guard first >= 3, tokens[first - 1].isMark(oneOf: "."), tokens[first - 1].paragraph == span.paragraph,
            tokens[first - 2].kind == .word, tokens[first - 2].classes.contains(.speechVerb)
        else { return nil }
        let subject = first - 3
        if tokens[subject].classes.contains(.pronoun) {
            return pronounSpeaker(before: span.start, paragraph: span.paragraph, tokens: tokens, mentions: mentions)
        }
        return mentions.starting(in: max(0, subject - 3)..<(subject + 1)).last { $0.type == .person }?.name
    }

    /// True when the quote's opening mark is the first thing in its paragraph.
    static func opensParagraph(_ span: Span, in text: ArticleText) -> Bool {
        let first = text.tokens.firstIndex(atLeast: span.start) { $0.offset }
        return first == 0 || first < text.tokens.count && text.tokens[first - 1].paragraph != span.paragraph
    }

    // MARK: Finding the spans

    static func spans(in text: ArticleText) -> [Span] {
        let paragraphs = text.paragraphs
        var spans: [Span] = []
        // The open quote: where its mark is, and its text from the paragraphs before this one.
        var open: (start: Int, paragraph: Int, text: String)?
        var base = 0
        for (number, paragraph) in paragraphs.enumerated() {
            if number > 0 { base += 2 }
            var paragraph = paragraph
            base += paragraph.withUTF8 { bytes -> Int in
                var straightOpen = false
                var index = 0
                if let pending = open {
                    // An unclosed quote continues only when this paragraph opens with a quote mark.
                    let first = QuoteMark(bytes, at: 0)
                    if first == .straight || first == .curlyOpen || first == .guillemetOpen {
                        open = (pending.start, pending.paragraph, pending.text + " ")
                        straightOpen = first == .straight
                        index = first?.length ?? 0
                    } else {
                        spans.append(Span(text: clean(pending.text), start: pending.start, end: base - 2, paragraph: pending.paragraph, lastParagraph: number - 1))
                        open = nil
                    }
                }
                if open == nil, !mayHoldQuoteMarks(bytes) { return text.paragraphLengths[number] }
                // Scalars are counted as the bytes go by: offsets are in scalars, text is cut from bytes.
                var scalar = index > 0 ? 1 : 0
                var textStart = index
                while index < bytes.count {
                    let byte = bytes[index]
                    guard let mark = QuoteMark(bytes, at: index) else {
                        index += 1
                        if byte & 0xC0 != 0x80 { scalar += 1 }
                        continue
                    }
                    let isOpening = mark == .curlyOpen || mark == .guillemetOpen || (mark == .straight && !straightOpen && open == nil)
                    let isClosing = mark == .curlyClose || mark == .guillemetClose || (mark == .straight && (straightOpen || open != nil))
                    if open == nil, isOpening {
                        open = (base + scalar, number, "")
                        straightOpen = mark == .straight
                        textStart = index + mark.length
                    } else if let current = open, isClosing {
                        let quoted = current.text + String(decoding: UnsafeBufferPointer(rebasing: bytes[textStart..<index]), as: UTF8.self)
                        if !quoted.isEmpty {
                            spans.append(Span(text: clean(quoted), start: current.start, end: base + scalar, paragraph: current.paragraph, lastParagraph: number))
                        }
                        open = nil
                        straightOpen = false
                    }
                    index += mark.length
                    scalar += 1
                }
                if let current = open {
                    open!.text = current.text + String(decoding: UnsafeBufferPointer(rebasing: bytes[textStart...]), as: UTF8.self)
                }
                return scalar
            }
        }
        if let pending = open, !pending.text.isEmpty {
            spans.append(Span(text: clean(pending.text), start: pending.start, end: base, paragraph: pending.paragraph, lastParagraph: paragraphs.count - 1))
        }
        return spans.filter { !$0.text.isEmpty }
    }

    /// The quote marks `spans` knows, read from UTF-8: `"`, “ ” (E2 80 9C/9D), « » (C2 AB/BB).
    private enum QuoteMark {
        case straight, curlyOpen, curlyClose, guillemetOpen, guillemetClose

        init?(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) {
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case 0x22: self = .straight
            case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && bytes[index + 2] == 0x9C: self = .curlyOpen
            case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && bytes[index + 2] == 0x9D: self = .curlyClose
            case 0xC2 where index + 1 < bytes.count && bytes[index + 1] == 0xAB: self = .guillemetOpen
            case 0xC2 where index + 1 < bytes.count && bytes[index + 1] == 0xBB: self = .guillemetClose
            default: return nil
            }
        }

        var length: Int {
            switch self {
            case .straight: 1
            case .curlyOpen, .curlyClose: 3
            case .guillemetOpen, .guillemetClose: 2
            }
        }
    }

    private static func clean(_ text: String) -> String {
        // Paragraphs are normalised to single spaces; only a quote's edges may carry more.
        var text = text
        let tidy = text.withUTF8 { bytes in
            guard bytes.first != 0x20, bytes.last != 0x20 else { return false }
            for index in bytes.indices.dropFirst() where bytes[index] == 0x20 && bytes[index - 1] == 0x20 { return false }
            return true
        }
        if tidy { return text }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// False when the paragraph has none of the quote marks `spans` looks for: `"`, “ ” (E2 80 9C/9D)
    /// or « » (C2 AB/BB). A byte scan, so most paragraphs are passed over without decoding.
    private static func mayHoldQuoteMarks(_ paragraph: UnsafeBufferPointer<UInt8>) -> Bool {
        paragraph.contains { $0 == 0x22 || $0 == 0x9C || $0 == 0x9D || $0 == 0xAB || $0 == 0xBB }
    }

    // MARK: Context

    /// Tokens of the quote's sentence before the opening mark, in its paragraph; full stops inside
    /// earlier quotes do not end the sentence.
    static func tokensBefore(_ span: Span, in text: ArticleText, insideQuote: (Int) -> Bool) -> Range<Int> {
        let tokens = text.tokens
        let firstInside = tokens.firstIndex(atLeast: span.start) { $0.offset }
        guard firstInside < tokens.count else { return tokens.count..<tokens.count }
        var start = firstInside
        while start > 0 {
            let previous = tokens[start - 1]
            guard previous.paragraph == span.paragraph, previous.offset < span.start else { break }
            if previous.isMark(oneOf: ".!?"), !insideQuote(previous.offset), !endsAbbreviation(start - 1, tokens: tokens) { break }
            start -= 1
        }
        return start..<firstInside
    }

    /// True when a sentence ends in the text between two offsets (outside quotation marks).
    static func sentenceEnds(between start: Int, and end: Int, in text: ArticleText) -> Bool {
        let tokens = text.tokens
        var index = tokens.firstIndex(atLeast: start + 1) { $0.offset }
        while index < tokens.count, tokens[index].offset < end {
            if tokens[index].isMark(oneOf: ".!?"), !endsAbbreviation(index, tokens: tokens) { return true }
            index += 1
        }
        return false
    }

    /// A full stop after a short capitalised word ("Sen.", "R-Neb.", "U.S.") abbreviates it rather than
    /// ending the sentence.
    static func endsAbbreviation(_ stop: Int, tokens: [ArticleText.Token]) -> Bool {
        guard tokens[stop].isMark(oneOf: "."), stop > 0 else { return false }
        let word = tokens[stop - 1]
        guard word.kind == .word, word.isCapitalized else { return false }
        if word.text.utf8.count <= 3 || word.classes.contains(.title) { return true }
        // "R-Neb., called": a sentence does not go on with a comma or a lower-case word.
        guard stop + 1 < tokens.count, tokens[stop + 1].paragraph == word.paragraph else { return false }
        let next = tokens[stop + 1]
        return next.text == "," || next.kind == .word && !next.isCapitalized
    }

    /// Tokens after the closing mark, up to the end of the sentence or the next quote.
    static func tokensAfter(_ span: Span, in text: ArticleText) -> Range<Int> {
        let tokens = text.tokens
        let first = tokens.firstIndex(atLeast: span.end + 1) { $0.offset }
        guard first < tokens.count else { return tokens.count..<tokens.count }
        var end = first
        while end < tokens.count, tokens[end].paragraph == span.lastParagraph {
            if tokens[end].isMark(oneOf: ".!?“\"«") { break }
            end += 1
        }
        return first..<end
    }

    static func isPartial(_ span: Span, before: Range<Int>, tokens: [ArticleText.Token]) -> Bool {
        guard let last = before.last else { return false }
        let previous = tokens[last]
        if previous.isMark(oneOf: ":,") { return false }
        if previous.kind == .word, previous.classes.contains(.speechVerb) { return false }
        return true
    }

    // MARK: Speakers

    static let pronouns: Set<String> = ["he", "she", "they"]

    /// `"…," X said` / `"…," said X` / `"…," he said` / `"…," according to X`.
    static func speakerAfter(_ span: Span, after: Range<Int>, tokens: [ArticleText.Token], mentions: [EntityMention]) -> String? {
        let window = after.prefix(12)
        guard let verb = window.first(where: { tokens[$0].kind == .word && tokens[$0].classes.contains(.speechVerb) })
            ?? accordingTo(window, tokens: tokens)
        else {
            return apposedSpeaker(after: after, tokens: tokens, mentions: mentions)
                ?? closingAttribution(span, after: after, tokens: tokens, mentions: mentions)
        }
        // The subject sits right before the verb ("Okonjo told") or right after it ("said Okonjo").
        var candidates = Array(mentions.starting(in: window.startIndex..<window.endIndex).filter { $0.type != .place })
        // "…," Acme told Reuters: the one told is the listener, the subject before the verb speaks.
        if ["told", "tells", "telling"].contains(tokens[verb].lowercased), candidates.contains(where: { $0.tokens.upperBound <= verb }) {
            candidates.removeAll { $0.tokens.lowerBound > verb }
        }
        if let nearest = candidates.min(by: { abs($0.tokens.lowerBound - verb) < abs($1.tokens.lowerBound - verb) }) {
            // "said White House Press Secretary Ana Ruiz": the organisation introduces the person after it.
            if nearest.type == .organization,
                let person = candidates.first(where: {
                    $0.type == .person && $0.tokens.lowerBound >= nearest.tokens.upperBound
                        && $0.tokens.lowerBound - nearest.tokens.upperBound <= Self.titleWordsBetween
                        && !(nearest.tokens.upperBound..<$0.tokens.lowerBound).contains { tokens[$0].kind != .word }
                })
            {
                return person.name
            }
            return nearest.name
        }
        if window.prefix(while: { $0 <= verb + 1 }).contains(where: { tokens[$0].classes.contains(.pronoun) }) {
            return pronounSpeaker(before: span.start, paragraph: span.paragraph, tokens: tokens, mentions: mentions)
        }
        if let described = describedSpeaker(around: verb, in: window.startIndex..<window.endIndex, before: span.start, tokens: tokens, mentions: mentions) {
            return described
        }
        return unrecognisedName(after: verb, in: window, tokens: tokens)
    }

    /// Words of a title between an organisation and the person it introduces ("Press Secretary").
    static let titleWordsBetween = 4

    /// `"…," Ana Ruiz, the harbour's long-serving director, said in a statement`: a name right after the
    /// quote, set off by a comma, whose sentence goes on to a speech verb past the usual window.
    static func apposedSpeaker(after: Range<Int>, tokens: [ArticleText.Token], mentions: [EntityMention]) -> String? {
        // The name may follow a few words of description ("study lead author Ana Ruiz, …",
        // "Interior Minister Ana Ruiz, …"), with no punctuation before it.
        guard let first = after.first,
            let subject = mentions.starting(in: first..<min(after.upperBound, first + Self.descriptionWords)).first,
            subject.type != .place, subject.tokens.upperBound < after.upperBound,
            !(first..<subject.tokens.lowerBound).contains(where: { tokens[$0].kind != .word })
        else { return nil }
        if tokens[subject.tokens.upperBound].text == "," {
            let rest = subject.tokens.upperBound..<after.upperBound
            return rest.contains(where: { tokens[$0].kind == .word && tokens[$0].classes.contains(.speechVerb) }) ? subject.name : nil
        }
        return nil
    }

    /// `…they may assume the disease is "unexplained," and diagnoses are delayed, he added.`: the
    /// sentence's last words name who says it, past the usual window.
    static func closingAttribution(_ span: Span, after: Range<Int>, tokens: [ArticleText.Token], mentions: [EntityMention]) -> String? {
        guard after.count > 12, let verb = after.suffix(3).last(where: { tokens[$0].kind == .word && tokens[$0].classes.contains(.speechVerb) }),
            verb > after.lowerBound
        else { return nil }
        let subject = max(after.lowerBound, verb - 3)..<verb
        if let named = mentions.starting(in: subject).last(where: { $0.type != .place }) { return named.name }
        if subject.contains(where: { tokens[$0].classes.contains(.pronoun) }) {
            return pronounSpeaker(before: span.start, paragraph: span.paragraph, tokens: tokens, mentions: mentions)
        }
        return nil
    }

    /// Words of description before the name of a speaker set off by a comma.
    static let descriptionWords = 6

    /// Nouns that refer back to the organisation last named: "the company said", "the statement read".
    static let organizationReferences: Set<String> = EntityVocabulary.organizationNouns.union([
        "statement", "label", "ministry", "department", "government", "council", "committee", "spokesperson", "spokesman",
        "spokeswoman", "board", "office",
    ])

    /// Roles that usually stand for someone the article does not name ("the official said"): no speaker.
    static let anonymousRoles: Set<String> = [
        "official", "officer", "resident", "student", "analyst", "researcher", "lawyer", "attorney", "doctor", "nurse",
        "driver", "pilot", "teacher", "physician", "economist", "scientist", "engineer", "manager", "owner", "aide",
        "adviser", "advisor", "inspector", "detective", "constable", "prosecutor", "activist", "campaigner", "farmer",
    ]

    /// "the company said", "said the actor": a definite description as the verb's subject refers back to
    /// the last organisation (a company, a statement) or person (an actor, a coach) named before the quote.
    static func describedSpeaker(
        around verb: Int, in window: Range<Int>, before offset: Int, tokens: [ArticleText.Token], mentions: [EntityMention]
    ) -> String? {
        // "the company said", "the production company said", "said the actor".
        for (article, noun) in [(verb - 2, verb - 1), (verb - 3, verb - 1), (verb + 1, verb + 2)]
        where window.contains(article) && window.contains(noun) && tokens[article].lowercased == "the" && tokens[noun].kind == .word
            && !tokens[noun].isCapitalized && (article..<noun).allSatisfy({ tokens[$0].kind == .word && !tokens[$0].isCapitalized })
        {
            let word = tokens[noun].lowercased
            let end = mentions.firstIndex(atLeast: offset) { $0.offset }
            if organizationReferences.contains(word) {
                return mentions[..<end].last { $0.type == .organization }?.name
            }
            if EntityVocabulary.titles.contains(word), !anonymousRoles.contains(word) {
                return mentions[..<end].last { $0.type == .person }?.name
            }
        }
        return nil
    }

    /// `X said: "…"`, `X said in a post, "…"`, `He added however: "…"`, `…, saying: "…"`, `X said the plan was "…"`.
    static func speakerBefore(_ span: Span, before: Range<Int>, tokens: [ArticleText.Token], mentions: [EntityMention]) -> String? {
        // The verb nearest the quote ("…, Malaska asked, '…'", not "a hydrocarbon called acetylene").
        guard let verb = before.last(where: { tokens[$0].kind == .word && tokens[$0].classes.contains(.speechVerb) })
            ?? accordingTo(before, tokens: tokens)
        else { return nil }
        let subjects = mentions.starting(in: before.lowerBound..<verb)
        if let person = subjects.first(where: { $0.type == .person }) { return person.name }
        if (before.lowerBound..<verb).contains(where: { tokens[$0].classes.contains(.pronoun) }) {
            return pronounSpeaker(before: tokens[before.lowerBound].offset, paragraph: span.paragraph, tokens: tokens, mentions: mentions)
        }
        // "the Kremlin said", "Ukraine says": an organisation or a place speaking as a government.
        if let subject = subjects.last, subject.tokens.upperBound >= verb - 1 { return subject.name }
        if let described = describedSpeaker(around: verb, in: before, before: tokens[before.lowerBound].offset, tokens: tokens, mentions: mentions) {
            return described
        }
        if tokens[verb].lowercased == "according" {
            return mentions.starting(in: (verb + 1)..<max(verb + 1, before.upperBound)).first { $0.type != .place }?.name
        }
        return nil
    }

    private static func accordingTo(_ window: some Collection<Int>, tokens: [ArticleText.Token]) -> Int? {
        window.first { tokens[$0].lowercased == "according" && $0 + 1 < tokens.count && tokens[$0 + 1].lowercased == "to" }
    }

    /// Words before a sentence's subject ("Wild defenseman …").
    static let subjectReach = 3

    /// Whom "he said" refers to: the last person named as the subject of a sentence (its first words)
    /// in this paragraph or the one before, as a reader takes it ("Figgins declined to say whether
    /// Thomas slept the night Epstein died. '…,' he said" is Figgins); else the last person named.
    private static func pronounSpeaker(before offset: Int, paragraph: Int, tokens: [ArticleText.Token], mentions: [EntityMention]) -> String? {
        let end = mentions.firstIndex(atLeast: offset) { $0.offset }
        for mention in mentions[..<end].reversed() {
            let start = mention.tokens.lowerBound
            guard tokens[start].paragraph >= paragraph - 1 else { break }
            // The subject opens its sentence, perhaps after a few words ("Wild defenseman Ryan Suter, …").
            let opening = (max(0, start - Self.subjectReach)...start).contains { tokens[$0].startsSentence && tokens[$0].paragraph == tokens[start].paragraph }
            if mention.type == .person, opening {
                // "Mayor Ana Ruiz and councillor Tom Berg met…": a subject of two, the one named last.
                let next = mention.tokens.upperBound
                if next < tokens.count, tokens[next].lowercased == "and",
                    let partner = mentions[..<end].first(where: { $0.type == .person && $0.tokens.lowerBound > next && $0.tokens.lowerBound <= next + Self.subjectReach })
                {
                    return partner.name
                }
                return mention.name
            }
        }
        return nearestPerson(before: offset, mentions: mentions)
    }

    private static func nearestPerson(before offset: Int, mentions: [EntityMention]) -> String? {
        // Mentions are in token order, so in offset order too: halve to the first at or past the offset.
        let end = mentions.firstIndex(atLeast: offset) { $0.offset }
        return mentions[..<end].last { $0.type == .person }?.name
    }

    /// "said Jane Roe": capitalised words right after the verb that the recogniser did not know.
    private static func unrecognisedName(after verb: Int, in window: some Collection<Int>, tokens: [ArticleText.Token]) -> String? {
        var words: [String] = []
        var index = verb + 1
        while window.contains(index), tokens[index].isCapitalized, !tokens[index].classes.contains(.title) {
            words.append(tokens[index].text)
            index += 1
        }
        return words.count >= 2 ? words.joined(separator: " ") : nil
    }
}

private extension ArticleText.Token {
    /// A punctuation mark that is one of the characters of `marks`. Compared as scalars (a mark is
    /// one): `String.contains` with Foundation imported searched the marks as a substring.
    func isMark(oneOf marks: String) -> Bool {
        guard kind == .mark, let mark = text.unicodeScalars.first else { return false }
        return marks.unicodeScalars.contains(mark)
    }
}

extension Array {
    /// The index of the first element whose key is at least `value` (`count` when none), for an array
    /// sorted by that key.
    func firstIndex(atLeast value: Int, key: (Element) -> Int) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if key(self[middle]) < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

extension Array where Element == EntityMention {
    /// The mentions (sorted by their first token) whose first token lies in `range`.
    func starting(in range: Range<Int>) -> ArraySlice<EntityMention> {
        guard !range.isEmpty else { return [] }
        let start = firstIndex(atLeast: range.lowerBound) { $0.tokens.lowerBound }
        let end = firstIndex(atLeast: range.upperBound) { $0.tokens.lowerBound }
        return self[start..<Swift.max(start, end)]
    }
}
