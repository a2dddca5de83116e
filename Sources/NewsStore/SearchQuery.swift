/// A user's search text, parsed: an FTS5 expression in which every term is quoted, and the filters
/// its qualifiers asked for. No input can make an FTS5 syntax error or reach SQL as text.
///
/// Grammar: words are ANDed; `"exact phrase"`; `OR`; `-word` or `NOT word`; `prefix*`; parentheses;
/// `NEAR(a b, 5)`; and qualifiers `source:`, `agency:`, `person:`, `place:`, `org:`, `aggregator:`,
/// `from:`, `to:` (filters) and `title:`, `lead:`, `body:` (a term in one column).
public struct SearchQuery: Sendable, Equatable {
    /// The FTS5 MATCH expression, or nil when the query only filters.
    public var expression: String?
    public var filters: SearchFilters

    public init(expression: String?, filters: SearchFilters = SearchFilters()) {
        self.expression = expression
        self.filters = filters
    }

    public static func parse(_ text: String) throws(SearchQueryError) -> SearchQuery {
        var parser = SearchQueryParser(text: text)
        return try parser.parse()
    }
}

/// Filters from qualifiers and options: OR within one kind, AND across kinds.
public struct SearchFilters: Sendable, Equatable {
    public var sources: [String] = []
    public var aggregators: [String] = []
    public var agencies: [String] = []
    public var people: [String] = []
    public var places: [String] = []
    public var organizations: [String] = []
    /// `YYYY-MM-DD`, inclusive.
    public var from: String?
    public var to: String?

    public init() {}

    public var isEmpty: Bool { self == SearchFilters() }
}

/// A malformed query: what is wrong and where (a character offset in the query text).
public struct SearchQueryError: Error, Equatable, CustomStringConvertible {
    public let position: Int
    public let message: String

    public var description: String { "\(message) (at character \(position + 1))" }

    /// The query with a caret under the problem, for a terminal.
    public func pointing(at query: String) -> String {
        query + "\n" + String(repeating: " ", count: position) + "^ " + message
    }
}

public struct SearchQueryParser {
    enum Token: Equatable {
        case word(String, prefix: Bool)
        case phrase(String)
        case open, close, or, not, and, minus
        case near
        case qualifier(String)
        case comma
        case number(Int)
    }

    let text: String
    private var tokens: [(token: Token, position: Int)] = []
    private var index = 0
    private var filters = SearchFilters()
    /// Parentheses open around the current position: each level is a recursion of the parser, so
    /// a query of thousands of "(" would overflow the stack (found by `make fuzz FUZZ_TARGET=query`).
    private var depth = 0
    static let maximumDepth = 32

    static let filterQualifiers: Set<String> = ["source", "agency", "person", "place", "org", "aggregator", "from", "to"]
    static let columnQualifiers: Set<String> = ["title", "lead", "body"]

    init(text: String) {
        self.text = text
    }

    mutating func parse() throws(SearchQueryError) -> SearchQuery {
        tokens = try Self.tokenize(text)
        index = 0
        var expression: String?
        if index < tokens.count {
            expression = try orExpression()
            if index < tokens.count {
                let (token, position) = tokens[index]
                throw SearchQueryError(position: position, message: token == .close ? "unbalanced ')'" : "unexpected \(describe(token))")
            }
        }
        if let from = filters.from, let to = filters.to, from > to {
            throw SearchQueryError(position: 0, message: "from:\(from) is after to:\(to)")
        }
        return SearchQuery(expression: expression, filters: filters)
    }

    // MARK: Grammar

    /// Returns nil when the parts were all filters.
    private mutating func orExpression() throws(SearchQueryError) -> String? {
        var parts: [String] = []
        var sawOnlyFilters = true
        while true {
            let start = index
            if let part = try andExpression() {
                parts.append(part)
                sawOnlyFilters = false
            } else if index == start {
                throw error("expected a word")
            }
            guard index < tokens.count, tokens[index].token == .or else { break }
            let orPosition = tokens[index].position
            index += 1
            if index >= tokens.count || tokens[index].token == .close || tokens[index].token == .or {
                throw SearchQueryError(position: orPosition, message: "OR needs a word on both sides")
            }
        }
        if sawOnlyFilters { return nil }
        if parts.count == 1 { return parts[0] }
        return parts.map { "(\($0))" }.joined(separator: " OR ")
    }

    private mutating func andExpression() throws(SearchQueryError) -> String? {
        var positives: [String] = []
        var negatives: [String] = []
        var firstNegative: Int?
        while index < tokens.count {
            let (token, position) = tokens[index]
            switch token {
            case .or, .close:
                break
            case .comma:
                // "ferry, harbour": a comma between words separates nothing FTS cares about.
                index += 1
                continue
            case .and:
                index += 1
                if index >= tokens.count || [.or, .close, .and].contains(tokens[index].token) {
                    throw SearchQueryError(position: position, message: "AND needs a word on both sides")
                }
                continue
            case .not, .minus:
                index += 1
                guard index < tokens.count, ![.or, .close, .and, .not, .minus].contains(tokens[index].token) else {
                    throw SearchQueryError(position: position, message: token == .not ? "NOT needs a word after it" : "'-' needs a word after it")
                }
                if let negative = try primary() {
                    negatives.append(negative)
                    firstNegative = firstNegative ?? position
                }
                continue
            default:
                if let positive = try primary() { positives.append(positive) }
                continue
            }
            break
        }
        if positives.isEmpty {
            if let firstNegative {
                throw SearchQueryError(position: firstNegative, message: "a query cannot only exclude words; add a word to search for")
            }
            return nil
        }
        var expression = positives.count == 1 ? positives[0] : positives.joined(separator: " AND ")
        if !negatives.isEmpty {
            expression = (positives.count == 1 ? expression : "(\(expression))") + negatives.map { " NOT \($0)" }.joined()
        }
        return expression
    }

    /// One term, phrase, group, NEAR group or qualifier; nil for a filter qualifier.
    private mutating func primary() throws(SearchQueryError) -> String? {
        guard index < tokens.count else { throw error("expected a word") }
        let (token, position) = tokens[index]
        index += 1
        switch token {
        case .word(let word, let prefix):
            return Self.quote(word) + (prefix ? "*" : "")
        case .phrase(let phrase):
            return Self.quote(phrase)
        case .number(let number):
            return Self.quote(String(number))
        case .open:
            guard index < tokens.count, tokens[index].token != .close else {
                throw SearchQueryError(position: position, message: "empty parentheses")
            }
            guard depth < Self.maximumDepth else {
                throw SearchQueryError(position: position, message: "parentheses nested more than \(Self.maximumDepth) deep")
            }
            depth += 1
            defer { depth -= 1 }
            let inner = try orExpression()
            guard index < tokens.count, tokens[index].token == .close else {
                throw SearchQueryError(position: position, message: "unbalanced '(': no closing ')'")
            }
            index += 1
            return inner.map { "(\($0))" }
        case .near:
            return try near(at: position)
        case .qualifier(let name):
            return try qualifier(name, at: position)
        case .close:
            throw SearchQueryError(position: position, message: "unbalanced ')'")
        default:
            throw SearchQueryError(position: position, message: "unexpected \(describe(token))")
        }
    }

    /// NEAR(a b "c d", 5)
    private mutating func near(at position: Int) throws(SearchQueryError) -> String {
        guard index < tokens.count, tokens[index].token == .open else {
            throw SearchQueryError(position: position, message: "NEAR must be followed by '(' as in NEAR(word word, 10)")
        }
        index += 1
        var terms: [String] = []
        var distance: Int?
        while index < tokens.count, tokens[index].token != .close {
            switch tokens[index].token {
            case .word(let word, let prefix): terms.append(Self.quote(word) + (prefix ? "*" : ""))
            case .phrase(let phrase): terms.append(Self.quote(phrase))
            case .number(let number) where index > 0 && tokens[index - 1].token == .comma: distance = number
            case .number(let number): terms.append(Self.quote(String(number)))
            case .comma: break
            default: throw SearchQueryError(position: tokens[index].position, message: "NEAR takes words and a distance only")
            }
            index += 1
        }
        guard index < tokens.count else { throw SearchQueryError(position: position, message: "unbalanced '(' after NEAR") }
        index += 1
        guard terms.count >= 2 else { throw SearchQueryError(position: position, message: "NEAR needs at least two words") }
        return "NEAR(" + terms.joined(separator: " ") + (distance.map { ", \($0)" } ?? "") + ")"
    }

    private mutating func qualifier(_ name: String, at position: Int) throws(SearchQueryError) -> String? {
        guard index < tokens.count else { throw SearchQueryError(position: position, message: "\(name): needs a value") }
        let value: String
        var prefix = false
        switch tokens[index].token {
        case .word(let word, let isPrefix):
            value = word
            prefix = isPrefix
        case .phrase(let phrase): value = phrase
        case .number(let number): value = String(number)
        default: throw SearchQueryError(position: position, message: "\(name): needs a value")
        }
        index += 1
        if Self.columnQualifiers.contains(name) {
            return "\(name) : " + Self.quote(value) + (prefix ? "*" : "")
        }
        switch name {
        case "source": filters.sources.append(value)
        case "aggregator": filters.aggregators.append(value)
        case "agency": filters.agencies.append(value)
        case "person": filters.people.append(value)
        case "place": filters.places.append(value)
        case "org": filters.organizations.append(value)
        case "from", "to":
            guard let date = Self.day(value) else {
                throw SearchQueryError(position: position, message: "\(name): wants a date as YYYY-MM-DD, YYYY-MM or YYYY, not '\(value)'")
            }
            if name == "from" { filters.from = date.first } else { filters.to = date.last }
        default:
            break
        }
        return nil
    }

    /// The first and last day a date, month or year covers.
    public static func day(_ value: String) -> (first: String, last: String)? {
        let parts = value.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard (1...3).contains(parts.count), parts[0].count == 4, let year = Int(parts[0]), (1800...2200).contains(year) else { return nil }
        if parts.count == 1 { return ("\(year)-01-01", "\(year)-12-31") }
        guard parts[1].count == 2, let month = Int(parts[1]), (1...12).contains(month) else { return nil }
        let monthText = parts[1]
        let lastDay: Int = switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
        if parts.count == 2 { return ("\(year)-\(monthText)-01", "\(year)-\(monthText)-\(lastDay)") }
        guard parts[2].count == 2, let day = Int(parts[2]), (1...lastDay).contains(day) else { return nil }
        return (value, value)
    }

    /// An FTS5 string: double quotes inside are doubled, so the text is always one literal.
    static func quote(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private func error(_ message: String) -> SearchQueryError {
        SearchQueryError(position: index < tokens.count ? tokens[index].position : text.count, message: message)
    }

    private func describe(_ token: Token) -> String {
        switch token {
        case .word(let word, _): "'\(word)'"
        case .phrase(let phrase): "\"\(phrase)\""
        case .open: "'('"
        case .close: "')'"
        case .or: "OR"
        case .not: "NOT"
        case .and: "AND"
        case .minus: "'-'"
        case .near: "NEAR"
        case .qualifier(let name): "\(name):"
        case .comma: "','"
        case .number(let number): "\(number)"
        }
    }

    // MARK: Tokens

    static func tokenize(_ text: String) throws(SearchQueryError) -> [(token: Token, position: Int)] {
        let characters = Array(text)
        var tokens: [(token: Token, position: Int)] = []
        var index = 0
        func isWordCharacter(_ character: Character) -> Bool {
            !(character.isWhitespace || "()\",:".contains(character))
        }
        while index < characters.count {
            let character = characters[index]
            let start = index
            if character.isWhitespace {
                index += 1
                continue
            }
            switch character {
            case "(":
                tokens.append((.open, start)); index += 1
            case ")":
                tokens.append((.close, start)); index += 1
            case ",":
                tokens.append((.comma, start)); index += 1
            case "\"", "“", "”":
                index += 1
                var phrase = ""
                while index < characters.count, !"\"“”".contains(characters[index]) {
                    phrase.append(characters[index])
                    index += 1
                }
                guard index < characters.count else {
                    throw SearchQueryError(position: start, message: "unbalanced quote: no closing \"")
                }
                index += 1
                let words = phrase.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                guard !words.isEmpty else { throw SearchQueryError(position: start, message: "empty phrase") }
                tokens.append((.phrase(words), start))
            case "-" where index + 1 < characters.count && isWordCharacter(characters[index + 1]) && characters[index + 1] != "-"
                && (tokens.isEmpty || start == 0 || characters[start - 1].isWhitespace || characters[start - 1] == "("):
                tokens.append((.minus, start)); index += 1
            default:
                var word = ""
                while index < characters.count, isWordCharacter(characters[index]) {
                    word.append(characters[index])
                    index += 1
                }
                if index < characters.count, characters[index] == ":" {
                    let name = word.lowercased()
                    guard filterQualifiers.contains(name) || columnQualifiers.contains(name) else {
                        let known = (filterQualifiers.union(columnQualifiers)).sorted().joined(separator: ", ")
                        throw SearchQueryError(position: start, message: "unknown qualifier '\(word):' (known: \(known))")
                    }
                    index += 1
                    tokens.append((.qualifier(name), start))
                    continue
                }
                if word.isEmpty {
                    throw SearchQueryError(position: start, message: "unexpected '\(character)'")
                }
                switch word {
                case "OR": tokens.append((.or, start))
                case "AND": tokens.append((.and, start))
                case "NOT": tokens.append((.not, start))
                case "NEAR": tokens.append((.near, start))
                default:
                    var prefix = false
                    if word.hasSuffix("*") {
                        word = String(word.drop { $0 == "*" }.reversed().drop { $0 == "*" }.reversed())
                        prefix = true
                    }
                    let bare = word.filter { $0 != "*" }
                    guard !bare.isEmpty, bare.contains(where: { $0.isLetter || $0.isNumber }) else {
                        throw SearchQueryError(position: start, message: word.isEmpty ? "'*' must follow a word, as in harb*" : "'\(word)' has no letters or digits to search for")
                    }
                    if let number = Int(bare), !prefix, tokens.last?.token == .comma {
                        tokens.append((.number(number), start))
                    } else {
                        tokens.append((.word(bare, prefix: prefix), start))
                    }
                }
            }
        }
        return tokens
    }
}
