import Foundation

/// Reads the lines above the article body: masthead, capture line, sponsors, navigation,
/// source, dates, title and byline. Rules look at features and positions, never at one site's strings.
struct PageHeader {
    var rules: [Int: LineRule] = [:]
    var aggregator: String?
    var source: String?
    var title: String?
    var byline: String?
    var imageCredit: String?
    var captured: DateParser.Match?
    var published: DateParser.Match?
    var credits: [String] = []
    /// Sentence-like lines the rules cannot explain; they stay in the body, flagged as uncertain.
    var keptAsBody: [Int] = []
    /// Short title-case lines that may name the source when nothing better does.
    var sourceCandidates: [Int] = []

    /// Reads units `0..<end` of the page. `strong` holds the position-independent rules' verdicts.
    init(units: [PageUnit], end: Int, strong: [LineRule?], dayFirst: Bool) {
        var titleCandidates: [Int] = []
        var seenArticleField = false
        var mastheadIndex: Int?
        var index = 0
        while index < end {
            let unit = units[index]
            let line = unit.features
            defer { index += 1 }
            if let rule = strong[index] {
                rules[index] = rule
                if rule == .imageCredit, imageCredit == nil { imageCredit = unit.text }
                continue
            }
            if index == 0, Self.isMasthead(line) {
                rules[index] = .masthead
                aggregator = unit.text
                mastheadIndex = index
                continue
            }
            if let match = DateParser.parse(unit.text, dayFirst: dayFirst), match.isWholeLine, line.wordCount <= 16 {
                rules[index] = assignDate(match, early: mastheadIndex != nil && !seenArticleField && index <= (mastheadIndex ?? 0) + 3)
                continue
            }
            if Self.isCommentCount(line) {
                rules[index] = .commentCount
                continue
            }
            if Self.isReaderLocation(line) {
                rules[index] = .readerLocation
                continue
            }
            if let labelled = Self.labelledSource(unit.text, line) {
                rules[index] = .source
                if source == nil { source = labelled.name }
                credits += labelled.agencies
                seenArticleField = true
                continue
            }
            if let name = Self.sourceBesideReadingTime(unit.text, line) {
                rules[index] = .source
                if source == nil { source = name }
                seenArticleField = true
                continue
            }
            if let name = Self.byline(line) {
                rules[index] = .byline
                if byline == nil { byline = name }
                credits += Credits.agencies(in: LineFeatures(name))
                seenArticleField = true
                continue
            }
            if index + 1 < end, strong[index + 1] == nil, line.wordCount <= 8, line.hasLetters,
                units[index + 1].features.folded == line.folded
            {
                // A publisher's name shown twice (as a logo's alt text, then as a label).
                rules[index] = .source
                rules[index + 1] = .source
                if source == nil { source = unit.text }
                seenArticleField = true
                index += 1
                continue
            }
            if Self.isNavigation(line) {
                rules[index] = .navigation
                continue
            }
            if Self.isHeadline(line) {
                titleCandidates.append(index)
                seenArticleField = true
                continue
            }
            if line.isSentence {
                keptAsBody.append(index)
                continue
            }
            rules[index] = .header
        }
        chooseTitle(from: titleCandidates, units: units)
    }

    private mutating func assignDate(_ match: DateParser.Match, early: Bool) -> LineRule {
        switch match.label {
        case .captured where captured == nil:
            captured = match
            return .captureDate
        case .published where published == nil:
            published = match
            return .publishedDate
        default:
            break
        }
        if early && captured == nil {
            captured = match
            return .captureDate
        }
        if published == nil {
            published = match
            return .publishedDate
        }
        return .header
    }

    /// The title is the headline-like line nearest the article's start that is not a line about the
    /// article (a date, a byline, a caption): one that the page's first line repeats (a saved page's
    /// document title, "Headline | Site") first, then one followed by such a line (a headline over its
    /// byline), then the nearest. Menus, teasers and section names sit further up. Other candidates
    /// are section names or the source.
    private mutating func chooseTitle(from candidates: [Int], units: [PageUnit]) {
        let documentTitle = units.first.map { $0.features.folded } ?? ""
        func evidence(_ index: Int) -> Int {
            let line = units[index].features
            guard line.wordCount >= Self.titleWords, !Self.isAboutTheArticle(units[index].text, line) else { return -1 }
            var points = 0
            if index > 0, documentTitle.contains(line.folded) { points += Self.repeatedInDocumentTitle }
            let next = units[(index + 1)..<min(units.count, index + 1 + Self.titleToBylineReach)]
            if next.contains(where: { Self.isBylineOrDate($0.text, $0.features) }) { points += Self.followedByArticleLine }
            return points
        }
        let scored = candidates.map { (index: $0, points: evidence($0)) }
        let best: Int
        if let top = scored.filter({ $0.points >= 0 }).max(by: { ($0.points, $0.index) < ($1.points, $1.index) }),
            top.points > 0 || candidates.first != 0
        {
            best = top.index
        } else if candidates.first == 0, let documentTitle = Self.documentTitle(units[0].text) {
            // Nothing near the article vouches for itself, and the page opens with a headline: a
            // saved page's document title, "Headline | Site", without the site's name.
            for candidate in candidates where candidate != 0 {
                rules[candidate] = .header
            }
            rules[0] = .title
            title = documentTitle
            return
        } else if let last = candidates.last {
            best = last
        } else {
            return
        }
        let bestWords = units[best].features.wordCount
        for candidate in candidates where candidate != best {
            rules[candidate] = .header
            if units[candidate].features.wordCount <= 6 { sourceCandidates.append(candidate) }
        }
        // A lone short line (a publisher name, a section) is not a title; a title says something.
        if bestWords >= 4 || candidates.count == 1 && bestWords >= 3 && units[best].text.contains(where: \.isLowercase) && !Self.isTitleCaseName(units[best].features) {
            rules[best] = .title
            title = units[best].text
        } else {
            rules[best] = .header
            sourceCandidates.append(best)
        }
    }

    /// A page's opening headline without the site's name after a separator ("Headline | Site",
    /// "Headline - Site"): the longest part, when it has a title's words.
    static func documentTitle(_ text: String) -> String? {
        var parts = [Substring(text)]
        for separator in [" | ", " - ", " – ", " — "] {
            parts = parts.flatMap { $0.split(separator: separator, omittingEmptySubsequences: true) }
        }
        guard let longest = parts.max(by: { $0.count < $1.count }) else { return nil }
        let title = String(longest).trimmedSpaces()
        return LineFeatures(title).wordCount >= titleWords ? title : nil
    }

    /// Words a title has at least, unless the page offers nothing longer.
    static let titleWords = 4
    /// Points for a title candidate the page's first line repeats.
    static let repeatedInDocumentTitle = 4
    /// Points for a title candidate followed by a line about the article (byline, date).
    static let followedByArticleLine = 2
    /// Units after a headline where its byline or date is looked for.
    static let titleToBylineReach = 3

    private static let aboutTheArticlePrefixes: PhraseList = [
        "by ", "posted", "published", "updated", "written by", "share", "follow", "photo", "image", "credit",
        "last updated", "tempo de leitura", "reading time", "texto:", "текст:", "publicado",
    ]
    private static let authorRoles: PhraseList = [
        "writer", "contributor", "editor", "correspondent", "reporter", "columnist", "staff", "editor-at-large",
    ]
    private static let captionCredits: PhraseList = ["getty", "/ap", "ap photo", "reuters", "afp", "shutterstock", "credit", "associated press"]

    /// A line that says something about the article rather than being its headline: a byline, a date
    /// or time, a share button, a picture's caption or credit.
    static func isAboutTheArticle(_ text: String, _ line: LineFeatures) -> Bool {
        if isBylineOrDate(text, line) { return true }
        // "Analysis by Ana Ruiz, CNN", "Tom Berg, Sports Writer": a byline without its "By".
        if line.wordCount <= 10, line.containsPhrase("by") || line.countWholePhrases(authorRoles) > 0 { return true }
        return line.containsAny(captionCredits) && !line.reportsSpeech
    }

    /// A line that a headline has under it: a byline, a date, a "Posted"/"Updated" line.
    static func isBylineOrDate(_ text: String, _ line: LineFeatures) -> Bool {
        if line.startsWithAny(aboutTheArticlePrefixes) || byline(line) != nil { return true }
        if line.containsPhrase("by") && line.wordCount <= 12 && DateParser.parse(text) != nil { return true }
        if let match = DateParser.parse(text), match.date != nil || match.isWholeLine { return true }
        return false
    }

    // MARK: Line tests

    /// A site name at the top: capitals ("THE AMERICA ONE NEWS") or a domain ("newsstack.io").
    static func isMasthead(_ line: LineFeatures) -> Bool {
        guard line.wordCount >= 1, line.wordCount <= 8, !line.isSentence else { return false }
        let letters = line.text.filter(\.isLetter).count
        guard letters >= 3 && line.upperCaseShare >= 0.8 || isDomain(line.text) else { return false }
        // "USA TODAY" is a name; only a calendar date makes the first line a date line.
        if let date = DateParser.parse(line.text), date.isWholeLine, date.date != nil { return false }
        return true
    }

    static func isDomain(_ text: String) -> Bool {
        guard !text.contains(" "), let dot = text.lastIndex(of: ".") else { return false }
        let suffix = text[text.index(after: dot)...]
        return (2...6).contains(suffix.count) && suffix.allSatisfy(\.isLetter) && text.first?.isLetter == true
    }

    static func isCommentCount(_ line: LineFeatures) -> Bool {
        // By bytes while the line is ASCII: most lines fail at their first letter.
        var digits = 0
        for byte in line.text.utf8 {
            if byte >= 0x80 { return isCommentCountByCharacters(line.text) }
            if byte >= 0x30 && byte <= 0x39 {
                digits += 1
                if digits > 7 { return false }
            } else if !(byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) || byte == 0x7C || byte == 0x28 || byte == 0x29 || byte == 0x5B || byte == 0x5D) {
                return false
            }
        }
        return digits > 0
    }

    private static func isCommentCountByCharacters(_ text: String) -> Bool {
        let digitsOnly = text.filter { !$0.isWhitespace && !"|·•()[]".contains($0) }
        return !digitsOnly.isEmpty && digitsOnly.count <= 7 && digitsOnly.allSatisfy(\.isNumber)
    }

    /// "| Remer,MN": the reader's location, shown by some aggregators beside the date.
    static func isReaderLocation(_ line: LineFeatures) -> Bool {
        guard line.wordCount <= 6 else { return false }
        if let first = line.text.first, "|·•".contains(first) { return true }
        // "Remer, MN" or "Remer,MN": a place and a two-letter region code.
        guard line.foldedBytes.contains(UInt8(ascii: ",")) else { return false }
        let parts = line.text.split(separator: ",").map { $0.trimmedSpaces() }
        guard parts.count == 2, let region = parts.last, region.count == 2 else { return false }
        return region.allSatisfy(\.isUppercase) && parts[0].first?.isUppercase == true && parts[0].split(separator: " ").count <= 3
    }

    /// "Source: The Harbor Courier (AP)", "Originally published by The Valley Gazette".
    static func labelledSource(_ text: String, _ line: LineFeatures) -> (name: String, agencies: [String])? {
        guard line.wordCount <= 14 else { return nil }
        for label in Vocabulary.sourceLabels where line.begins(label) {
            var name = String(text.dropFirst(label.count)).trimmedSpaces()
            name = name.trimmed { ":-–— ".contains($0) || $0.isWhitespace }
            // Cut off what follows a separator: "The Harbor Courier | 3 min read".
            if let cut = name.firstIndex(where: { "|·•".contains($0) }) {
                name = String(name[..<cut]).trimmedSpaces()
            }
            if name.hasSuffix("."), !name.hasSuffix("..") { name.removeLast() }
            var agencies: [String] = []
            if name.hasSuffix(")"), let open = name.lastIndex(of: "(") {
                agencies = Credits.agencies(in: LineFeatures(String(name[open...])))
                if !agencies.isEmpty { name = String(name[..<open]).trimmedSpaces() }
            }
            // "Source: AP" names an agency, not a publisher.
            let nameAgencies = Credits.agencies(in: LineFeatures(name))
            if !nameAgencies.isEmpty, LineFeatures(name).wordCount <= 3 {
                return nil
            }
            guard !name.isEmpty, name.first?.isLetter == true || name.first?.isNumber == true else { return nil }
            return (name, agencies)
        }
        return nil
    }

    /// "The Valley Gazette · 4 min read": a publisher shown beside the reading time.
    static func sourceBesideReadingTime(_ text: String, _ line: LineFeatures) -> String? {
        // Only lines with a "|" (7C), "·" (C2 B7) or "•" (E2 80 A2) can qualify: a byte test first.
        var separated = false
        var previous: UInt8 = 0, beforePrevious: UInt8 = 0
        for byte in text.utf8 {
            if byte == 0x7C || (byte == 0xB7 && previous == 0xC2) || (byte == 0xA2 && previous == 0x80 && beforePrevious == 0xE2) {
                separated = true
                break
            }
            (beforePrevious, previous) = (previous, byte)
        }
        // A reading time has the word "read", so the folded line holds those bytes.
        guard separated, line.has("read") else { return nil }
        let segments = text.split(whereSeparator: { "|·•".contains($0) }).map { $0.trimmedSpaces() }
        guard segments.count >= 2, let first = segments.first, first.first?.isUppercase == true else { return nil }
        let readingTime = segments.dropFirst().contains { segment in
            let words = TextNormalizer.words(segment)
            return words.count <= 4 && words.contains("read") && words.contains { $0.hasPrefix("min") }
        }
        guard readingTime, LineFeatures(first).wordCount <= 6, DateParser.parse(first) == nil else { return nil }
        return first
    }

    /// "By Ana Ruiz and Tom Berg", "Written by Ana Ruiz": the names, without "By".
    static func byline(_ line: LineFeatures) -> String? {
        guard line.wordCount >= 2, line.wordCount <= 16, !line.isProse else { return nil }
        for prefix in ["by ", "written by ", "words by ", "story by ", "report by ", "text by "] where line.begins(prefix) {
            let name = String(line.text.dropFirst(prefix.count)).trimmedSpaces()
            guard name.first?.isUppercase == true else { return nil }
            return name
        }
        return nil
    }

    /// A navigation word ("back", "topic"), a lower-case fragment, or a menu bar ("Home | World | Europe").
    static func isNavigation(_ line: LineFeatures) -> Bool {
        if Vocabulary.navigationWords.contains(line) { return true }
        if line.wordCount <= 2, !line.text.contains(where: \.isUppercase), line.hasLetters { return true }
        return isBreadcrumbTrail(line.text)
    }

    /// Three or more short pieces between separators: "Home | World | Business", "News › Europe".
    static func isBreadcrumbTrail(_ text: String) -> Bool {
        if let printableASCII = text.utf8.withContiguousStorageIfAvailable(isBreadcrumbTrail(printableASCII:)), let answer = printableASCII {
            return answer
        }
        let segments = text.split(whereSeparator: { "|•›»>/·".contains($0) })
            .map { $0.trimmedSpaces() }.filter { !$0.isEmpty }
        return segments.count >= 3 && segments.allSatisfy { $0.split(separator: " ").count <= 3 }
    }

    /// The same test on the bytes, for lines of printable ASCII (where only "|", ">" and "/" can
    /// separate and only spaces part words); nil for any other line. Most header lines are such.
    private static func isBreadcrumbTrail(printableASCII bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        var pieces = 0
        var words = 0
        var inWord = false
        for index in 0...bytes.count {
            let byte = index < bytes.count ? bytes[index] : UInt8(ascii: "|")
            guard byte >= 0x20, byte < 0x7F else { return nil }
            switch byte {
            case UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "/"):
                if words > 3 { return false }
                if words > 0 { pieces += 1 }
                words = 0
                inWord = false
            case UInt8(ascii: " "):
                inWord = false
            default:
                if !inWord { words += 1 }
                inWord = true
            }
        }
        return pieces >= 3
    }

    /// Could be a headline: a few words, not a sentence ending in a full stop, not a label.
    static func isHeadline(_ line: LineFeatures) -> Bool {
        guard line.wordCount >= 2, line.wordCount <= 40, line.hasLetters else { return false }
        if line.text.hasSuffix(":") { return false }
        if line.text.hasSuffix("."), !line.text.hasSuffix("..."), line.wordCount >= 4 { return false }
        return line.text.first.map { $0.isUppercase || $0.isNumber || "\"“‘'".contains($0) } ?? false
    }

    /// Every word capitalised and few of them: reads as a name ("The Harbor Courier"), not a headline.
    static func isTitleCaseName(_ line: LineFeatures) -> Bool {
        let words = line.text.split(separator: " ")
        let small: Set<String> = ["of", "the", "and", "for", "in", "on", "de", "du", "la", "le", "&"]
        return words.count <= 5 && words.allSatisfy { $0.first?.isUppercase == true || small.contains($0.lowercased()) }
    }
}
