/// Finds the date in a short line of page text, in the forms news pages use.
///
/// Understood: "12 Mar 2025", "Jun 2, 2025", "Wednesday, March 12th, 2025", "2025-03-12T08:30Z",
/// "2025/03/12", "12.03.2025", "12/03/2025", "Updated 3:04 PM EST, Wed March 12, 2025", "3 hours ago",
/// "yesterday". Numeric dates with slashes or dashes are ambiguous: a part above 12 decides; when
/// both parts could be a month the caller's `dayFirst` decides (the parser sets it from the page's
/// other dates: a "Jun 2, 2025" elsewhere on the page means the site writes month first). Dotted
/// numeric dates (12.03.2025) are always day first, as everywhere they are used.
public enum DateParser {
    /// A date relative to the page's capture date.
    public enum Relative: Sendable, Hashable {
        case minutes(Int)
        case days(Int)
        case months(Int)

        public func resolve(against anchor: PageDate) -> PageDate {
            switch self {
            case .minutes(let count): anchor.minus(minutes: count)
            case .days(let count): PageDate(year: anchor.year, month: anchor.month, day: anchor.day)!.minus(days: count)
            case .months(let count): PageDate(year: anchor.year, month: anchor.month, day: anchor.day)!.minus(months: count)
            }
        }
    }

    /// What a line's date label says it is.
    public enum Label: Sendable, Hashable {
        case none
        case published
        case captured
    }

    public struct Match: Sendable, Hashable {
        public var date: PageDate?
        public var relative: Relative?
        public var label: Label
        /// Words of the line that are neither the date nor the usual words around dates.
        public var otherWords: Int

        /// True when the line is a date line, not a sentence that mentions a date. A relative date
        /// ("today", "3 hours ago") must stand alone: "Fantasy Football Today" is a show's name.
        public var isWholeLine: Bool { date == nil && relative != nil ? otherWords == 0 : otherWords <= 2 }

        public func resolved(capturedOn anchor: PageDate?) -> PageDate? {
            if let date { return date }
            if let relative, let anchor { return relative.resolve(against: anchor) }
            return nil
        }
    }

    /// The first date in `line`, or nil.
    public static func parse(_ line: String, dayFirst: Bool = true) -> Match? {
        // Lines longer than this are prose, not date headers; skip the scan.
        guard line.utf8.count <= 160 else { return nil }
        var scanner = DateTokenScanner(tokens: DateToken.tokenize(TextNormalizer.folded(line)), dayFirst: dayFirst)
        return scanner.scan()
    }

    /// True when the line names a month first ("Jun 2, 2025"), the US order.
    static func writesMonthFirst(_ line: String) -> Bool? {
        // Numbers are runs of ASCII digits, so a line without a digit byte has none beside a month.
        guard line.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let tokens = DateToken.tokenize(TextNormalizer.folded(line))
        for (index, token) in tokens.enumerated() {
            guard case .word(let word) = token, Vocabulary.months[word] != nil else { continue }
            if index + 1 < tokens.count, case .number(let digits) = tokens[index + 1], digits.count <= 2 { return true }
            if index > 0, case .number(let digits) = tokens[index - 1], digits.count <= 2 { return false }
        }
        return nil
    }
}

/// A word, a run of digits, or one punctuation character of a folded line.
enum DateToken: Equatable {
    case word(String)
    case number(String)
    case punct(Character)

    static func tokenize(_ text: String) -> [DateToken] {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return tokenizeASCII(text) }
        var tokens: [DateToken] = []
        var current = ""
        var currentIsDigits = false
        func flush() {
            guard !current.isEmpty else { return }
            tokens.append(currentIsDigits ? .number(current) : .word(current))
            current = ""
        }
        for character in text {
            if character.isNumber && character.isASCII {
                if !currentIsDigits { flush() }
                currentIsDigits = true
                current.append(character)
            } else if character.isLetter {
                if currentIsDigits { flush() }
                currentIsDigits = false
                current.append(character)
            } else {
                flush()
                if !character.isWhitespace { tokens.append(.punct(character)) }
            }
        }
        flush()
        return tokens
    }

    /// The same tokens for ASCII text, classified by byte instead of by Character.
    private static func tokenizeASCII(_ text: String) -> [DateToken] {
        var tokens: [DateToken] = []
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let isDigit = byte >= 0x30 && byte <= 0x39
            let isLetter = (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
            if isDigit || isLetter {
                let start = index
                while index < bytes.count, bytes[index] >= 0x30 && bytes[index] <= 0x39 ? isDigit : ((bytes[index] | 0x20) >= 0x61 && (bytes[index] | 0x20) <= 0x7A && isLetter) {
                    index += 1
                }
                let run = String(decoding: bytes[start..<index], as: UTF8.self)
                tokens.append(isDigit ? .number(run) : .word(run))
                continue
            }
            if !(byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)) { tokens.append(.punct(Character(Unicode.Scalar(byte)))) }
            index += 1
        }
        return tokens
    }

    var word: String? { if case .word(let word) = self { word } else { nil } }
    var digits: String? { if case .number(let digits) = self { digits } else { nil } }
    var isPunct: Bool { if case .punct = self { true } else { false } }
}

/// Walks the tokens once: finds a date, then a time, then counts what is left over.
struct DateTokenScanner {
    let tokens: [DateToken]
    let dayFirst: Bool
    private var consumed: Set<Int> = []

    init(tokens: [DateToken], dayFirst: Bool) {
        self.tokens = tokens
        self.dayFirst = dayFirst
    }

    mutating func scan() -> DateParser.Match? {
        var date: (year: Int, month: Int, day: Int)?
        var relative: DateParser.Relative?
        for index in tokens.indices {
            if let found = isoDate(at: index) ?? numericDate(at: index) ?? dayMonthYear(at: index) ?? monthDayYear(at: index) {
                date = found
                break
            }
            if let found = relativeDate(at: index) {
                relative = found
                break
            }
        }
        guard date != nil || relative != nil else { return nil }
        let time = timeOfDay()
        var label = DateParser.Label.none
        var otherWords = 0
        for (index, token) in tokens.enumerated() where !consumed.contains(index) {
            guard case .word(let word) = token else { continue }
            if Vocabulary.capturedLabels.contains(word) {
                label = .captured
            } else if Vocabulary.publishedLabels.contains(word), label == .none {
                label = .published
            }
            if !Vocabulary.dateFillers.contains(word) { otherWords += 1 }
        }
        var pageDate: PageDate?
        if let date {
            pageDate = PageDate(year: date.year, month: date.month, day: date.day, hour: time?.hour, minute: time?.minute)
                ?? PageDate(year: date.year, month: date.month, day: date.day)
            guard pageDate != nil else { return nil }
        }
        return DateParser.Match(date: pageDate, relative: relative, label: label, otherWords: otherWords)
    }

    private func number(at index: Int, digits: ClosedRange<Int>) -> Int? {
        guard index >= 0, index < tokens.count, let text = tokens[index].digits, digits.contains(text.count) else { return nil }
        return Int(text)
    }

    private func punct(at index: Int, _ allowed: Set<Character>) -> Bool {
        guard index >= 0, index < tokens.count, case .punct(let character) = tokens[index] else { return false }
        return allowed.contains(character)
    }

    private func month(at index: Int) -> Int? {
        guard index >= 0, index < tokens.count, let word = tokens[index].word else { return nil }
        return Vocabulary.months[word]
    }

    private static func fullYear(_ year: Int) -> Int { year < 100 ? 2000 + year : year }

    private mutating func take(_ range: ClosedRange<Int>) {
        for index in range { consumed.insert(index) }
    }

    /// 2025-03-12, 2025/03/12, with an optional T08:30 that `timeOfDay` picks up.
    private mutating func isoDate(at index: Int) -> (Int, Int, Int)? {
        guard let year = number(at: index, digits: 4...4), punct(at: index + 1, ["-", "/", "."]),
            let month = number(at: index + 2, digits: 1...2), punct(at: index + 3, ["-", "/", "."]),
            let day = number(at: index + 4, digits: 1...2), PageDate(year: year, month: month, day: day) != nil
        else { return nil }
        take(index...(index + 4))
        if index + 5 < tokens.count, let word = tokens[index + 5].word, word == "t" || word.hasPrefix("t") && word.count == 1 {
            consumed.insert(index + 5)
        }
        return (year, month, day)
    }

    /// 12/03/2025, 03-12-25, 12.03.2025.
    private mutating func numericDate(at index: Int) -> (Int, Int, Int)? {
        guard let first = number(at: index, digits: 1...2), punct(at: index + 1, ["/", ".", "-"]),
            let second = number(at: index + 2, digits: 1...2), punct(at: index + 3, ["/", ".", "-"]),
            let rawYear = number(at: index + 4, digits: 2...4), rawYear >= 10 || tokens[index + 4].digits!.count == 2
        else { return nil }
        if case .punct(let separator) = tokens[index + 1], case .punct(let other) = tokens[index + 3], separator != other {
            return nil
        }
        let year = Self.fullYear(rawYear)
        let dotted = punct(at: index + 1, ["."])
        let dayThenMonth: Bool
        if first > 12 {
            dayThenMonth = true
        } else if second > 12 {
            dayThenMonth = false
        } else {
            dayThenMonth = dotted || dayFirst
        }
        let (day, month) = dayThenMonth ? (first, second) : (second, first)
        guard PageDate(year: year, month: month, day: day) != nil else { return nil }
        take(index...(index + 4))
        return (year, month, day)
    }

    /// 12 Mar 2025, 12th March, 2025, 12. März 2025, 12 de marzo de 2025.
    private mutating func dayMonthYear(at index: Int) -> (Int, Int, Int)? {
        guard let day = number(at: index, digits: 1...2) else { return nil }
        var cursor = index + 1
        if let word = tokens[safe: cursor]?.word, ["st", "nd", "rd", "th", "er"].contains(word) { cursor += 1 }
        if punct(at: cursor, [".", ","]) { cursor += 1 }
        if tokens[safe: cursor]?.word == "of" || tokens[safe: cursor]?.word == "de" { cursor += 1 }
        guard let month = month(at: cursor) else { return nil }
        cursor += 1
        if punct(at: cursor, [".", ","]) { cursor += 1 }
        if tokens[safe: cursor]?.word == "de" { cursor += 1 }
        guard let year = number(at: cursor, digits: 4...4), PageDate(year: year, month: month, day: day) != nil else { return nil }
        take(index...cursor)
        return (year, month, day)
    }

    /// Jun 2, 2025; March 12th 2025; Sept. 3, 2024.
    private mutating func monthDayYear(at index: Int) -> (Int, Int, Int)? {
        guard let month = month(at: index) else { return nil }
        var cursor = index + 1
        if punct(at: cursor, ["."]) { cursor += 1 }
        guard let day = number(at: cursor, digits: 1...2) else { return nil }
        cursor += 1
        if let word = tokens[safe: cursor]?.word, ["st", "nd", "rd", "th"].contains(word) { cursor += 1 }
        if punct(at: cursor, [","]) { cursor += 1 }
        guard let year = number(at: cursor, digits: 4...4), PageDate(year: year, month: month, day: day) != nil else { return nil }
        take(index...cursor)
        return (year, month, day)
    }

    /// "3 hours ago", "an hour ago", "yesterday", "today", "just now".
    private mutating func relativeDate(at index: Int) -> DateParser.Relative? {
        guard let word = tokens[index].word ?? tokens[index].digits else { return nil }
        switch word {
        case "yesterday":
            take(index...index)
            return .days(1)
        case "today":
            take(index...index)
            return .days(0)
        case "just" where tokens[safe: index + 1]?.word == "now":
            take(index...(index + 1))
            return .days(0)
        default: break
        }
        let count: Int
        if let digits = tokens[index].digits, let value = Int(digits), digits.count <= 3 {
            count = value
        } else if word == "a" || word == "an" || word == "one" {
            count = 1
        } else {
            return nil
        }
        guard let unit = tokens[safe: index + 1]?.word, tokens[safe: index + 2]?.word == "ago" else { return nil }
        let relative: DateParser.Relative
        switch unit {
        case "second", "seconds", "sec", "secs", "s": relative = .minutes(0)
        case "minute", "minutes", "min", "mins", "m": relative = .minutes(count)
        case "hour", "hours", "hr", "hrs", "h": relative = .minutes(count * 60)
        case "day", "days", "d": relative = .days(count)
        case "week", "weeks", "w", "wk", "wks": relative = .days(count * 7)
        case "month", "months", "mo": relative = .months(count)
        case "year", "years", "yr", "yrs", "y": relative = .months(count * 12)
        default: return nil
        }
        take(index...(index + 2))
        return relative
    }

    /// 3:04 PM, 15:04, 08:30:00, 3 p.m.
    private mutating func timeOfDay() -> (hour: Int, minute: Int)? {
        for index in tokens.indices where !consumed.contains(index) {
            guard var hour = number(at: index, digits: 1...2) else { continue }
            var cursor = index + 1
            var minute = 0
            if punct(at: cursor, [":"]), let minutes = number(at: cursor + 1, digits: 2...2) {
                minute = minutes
                cursor += 2
                if punct(at: cursor, [":"]), number(at: cursor + 1, digits: 2...2) != nil { cursor += 2 }
            } else if meridiem(at: cursor) == nil {
                continue
            }
            if let (isPM, length) = meridiem(at: cursor) {
                guard (1...12).contains(hour) else { continue }
                if isPM && hour != 12 { hour += 12 }
                if !isPM && hour == 12 { hour = 0 }
                cursor += length
            }
            guard (0...23).contains(hour), (0...59).contains(minute) else { continue }
            take(index...(cursor - 1))
            return (hour, minute)
        }
        return nil
    }

    /// "pm", "p.m." or "p m": whether afternoon, and how many tokens it spans.
    private func meridiem(at index: Int) -> (Bool, Int)? {
        guard let word = tokens[safe: index]?.word else { return nil }
        switch word {
        case "am": return (false, 1)
        case "pm": return (true, 1)
        case "a", "p":
            guard punct(at: index + 1, ["."]), tokens[safe: index + 2]?.word == "m" else { return nil }
            return (word == "p", punct(at: index + 3, ["."]) ? 4 : 3)
        default: return nil
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
