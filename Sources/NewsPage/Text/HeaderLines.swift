import Foundation

/// Tests of single lines that sit above an article: masthead, counters, labelled sources, bylines,
/// navigation and headlines. Each reads one line's features; the rule table decides which applies where.
enum HeaderLines {
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
        // A lower-case fragment: only in a script with case (a Chinese line has no capitals to miss).
        if line.wordCount <= 2, !line.text.contains(where: \.isUppercase), line.text.contains(where: \.isLowercase) { return true }
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
        // By weight, so that a Chinese or Japanese headline (one run of characters) counts its words.
        guard line.weight >= 2, line.weight <= 40, line.hasLetters else { return false }
        if line.text.hasSuffix(":") || line.text.hasSuffix("：") { return false }
        if line.text.hasSuffix("."), !line.text.hasSuffix("..."), line.wordCount >= 4 { return false }
        if line.text.hasSuffix("。") { return false }
        // Capitalised, a number, a quote, or a script without case (Chinese, Japanese, Arabic…).
        return line.text.first.map { $0.isUppercase || $0.isNumber || "\"“‘'「『".contains($0) || $0.isLetter && !$0.isCased } ?? false
    }

    /// Words of buttons and menus, never of a publisher's name.
    private static let interfaceWords: Set<Substring> = [
        "skip", "search", "log", "login", "sign", "subscribe", "menu", "close", "accept", "cookies", "read", "home",
        "register", "account", "share", "follow", "contact", "about", "navigation", "content", "toggle", "open",
        "back", "top", "next", "previous", "later", "live", "more", "opinion", "save", "print", "click",
    ]

    /// A publisher's name as a logo shows it: a title-case name of a few words, none of them a
    /// button's or a menu's word ("Search", "Log In", "Skip to Article" are not names).
    static func isPublisherName(_ line: LineFeatures) -> Bool {
        isTitleCaseName(line) && !hasInterfaceWords(line)
    }

    static func hasInterfaceWords(_ line: LineFeatures) -> Bool {
        line.words.contains(where: interfaceWords.contains)
    }

    /// Every word capitalised and few of them: reads as a name ("The Harbor Courier"), not a headline.
    static func isTitleCaseName(_ line: LineFeatures) -> Bool {
        let words = line.text.split(separator: " ")
        let small: Set<String> = ["of", "the", "and", "for", "in", "on", "de", "du", "la", "le", "&"]
        return words.count <= 5 && words.allSatisfy { $0.first?.isUppercase == true || small.contains($0.lowercased()) }
    }
}

extension Character {
    /// A letter of a script that has upper and lower case.
    var isCased: Bool { isUppercase || isLowercase }
}
