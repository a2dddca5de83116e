import NewsStore

/// One place in the text where an entity is named.
struct EntityMention {
    var name: String
    var type: Entity.Kind
    /// As written in the text ("Putin" for "Vladimir Putin").
    var written: String
    var offset: Int
    /// Token indices of the mention in `ArticleText.tokens`.
    var tokens: Range<Int>
}

/// Finds people, organisations and places in an article's paragraphs, by the cues news text gives:
/// capitalised sequences, titles before names, organisation and place words, a gazetteer, and
/// the place of a word in its sentence. Short forms are merged into the full name within the article.
///
/// Deliberate choices: "the US", "U.S." and "United States" are one place, "United States";
/// "Washington" is kept as the place it names, even when a sentence means the government, because
/// the text does not say which; demonyms ("Russian") are not places.
public enum EntityRecognizer {
    public static func entities(in paragraphs: [String]) -> [Entity] {
        aggregate(mentions(in: ArticleText(paragraphs: paragraphs)))
    }

    static func aggregate(_ mentions: [EntityMention]) -> [Entity] {
        var order: [String] = []
        var byKey: [String: Entity] = [:]
        for mention in mentions {
            let key = mention.type.rawValue + "\u{1F}" + mention.name
            if var entity = byKey[key] {
                entity.mentions += 1
                entity.firstOffset = min(entity.firstOffset, mention.offset)
                if mention.written != mention.name, !entity.aliases.contains(mention.written) { entity.aliases.append(mention.written) }
                byKey[key] = entity
            } else {
                order.append(key)
                let aliases = mention.written != mention.name ? [mention.written] : []
                byKey[key] = Entity(name: mention.name, type: mention.type, aliases: aliases, mentions: 1, firstOffset: mention.offset)
            }
        }
        return order.compactMap { byKey[$0] }.sorted { $0.firstOffset < $1.firstOffset }
    }

    /// A capitalised run of tokens, with what its surroundings say.
    struct Span {
        var range: Range<Int>
        var afterTitle: Bool
    }

    static func mentions(in text: ArticleText) -> [EntityMention] {
        let tokens = text.tokens
        var found: [EntityMention] = []
        var singles: [Span] = []
        let headlines = headlineParagraphs(tokens)
        for span in spans(in: tokens) {
            let name = span.range.map { tokens[$0].text }.joined(separator: " ")
            // In a headline every word is capitalised: only known names count there ("… In Paris").
            if headlines.contains(tokens[span.range.lowerBound].paragraph), Gazetteer.known[name] == nil {
                found += knownNames(in: span.range, tokens: tokens)
                continue
            }
            if let (canonical, type) = classify(span, name: name, tokens: tokens) {
                found.append(EntityMention(name: canonical, type: type, written: name, offset: tokens[span.range.lowerBound].offset, tokens: span.range))
            } else if span.range.count == 1 {
                singles.append(span)
            }
        }
        // Single words: a surname of someone already named, a place by its preposition, an
        // organisation by its apposition; then any word already known as an entity.
        var unresolved: [Span] = []
        let people = found.filter { $0.type == .person && $0.tokens.count >= 2 }.map(NamedPerson.init)
        for span in singles {
            if let mention = resolveSingle(span, tokens: tokens, people: people) {
                found.append(mention)
            } else {
                unresolved.append(span)
            }
        }
        for span in unresolved {
            let word = tokens[span.range.lowerBound].text
            if let known = found.first(where: { $0.name == word && $0.tokens.count == 1 }) {
                found.append(EntityMention(name: known.name, type: known.type, written: word, offset: tokens[span.range.lowerBound].offset, tokens: span.range))
            }
        }
        return found.sorted { $0.offset < $1.offset }
    }

    /// Paragraphs written in headline case (a teaser or headline the body kept): all their words of
    /// three letters or more capitalised, so capitals there say nothing of names.
    static func headlineParagraphs(_ tokens: [ArticleText.Token]) -> Set<Int> {
        guard let last = tokens.last?.paragraph else { return [] }
        // Counted in arrays by paragraph, words by their UTF-8 length: every token of every article is asked.
        var words = [Int](repeating: 0, count: last + 1)
        var capitalised = [Int](repeating: 0, count: last + 1)
        for token in tokens where token.kind == .word && token.text.utf8.count >= 3 {
            words[token.paragraph] += 1
            if token.isCapitalized { capitalised[token.paragraph] += 1 }
        }
        return Set(words.indices.filter { words[$0] >= headlineWords && Double(capitalised[$0]) >= Double(words[$0]) * headlineShare })
    }

    /// The known places and organisations among a run's words, one or two words long.
    private static func knownNames(in range: Range<Int>, tokens: [ArticleText.Token]) -> [EntityMention] {
        var mentions: [EntityMention] = []
        var index = range.lowerBound
        while index < range.upperBound {
            var matched = false
            for length in [2, 1] where index + length <= range.upperBound {
                let words = index..<(index + length)
                let name = words.map { tokens[$0].text }.joined(separator: " ")
                let type: (String, Entity.Kind)?
                switch Gazetteer.known[name] {
                case .place(let canonical): type = (canonical, .place)
                case .organization: type = (name, .organization)
                default: type = nil
                }
                if let (canonical, kind) = type {
                    mentions.append(EntityMention(name: canonical, type: kind, written: name, offset: tokens[index].offset, tokens: words))
                    index += length
                    matched = true
                    break
                }
            }
            if !matched { index += 1 }
        }
        return mentions
    }

    static let headlineWords = 4
    /// A sentence dense with names still has lower-case verbs and nouns ("met", "residents"); a headline
    /// in title case has none.
    static let headlineShare = 0.95

    /// Capitalised runs, joined over "of", "de" and the like, split at titles, without sentence openers.
    static let connectors: Set<String> = ["of", "de", "des", "du", "la", "von", "van", "der", "den", "al", "bin", "el", "for", "y", "da", "di"]

    static func spans(in tokens: [ArticleText.Token]) -> [Span] {
        var spans: [Span] = []
        var index = 0
        while index < tokens.count {
            // A capital is no digit, so only a word opening with a non-ASCII capital (a Roman
            // numeral) can be all numerals.
            guard tokens[index].isCapitalized, tokens[index].text.utf8.first! < 0x80 || !tokens[index].text.allSatisfy(\.isNumber) else {
                index += 1
                continue
            }
            var end = index + 1
            while end < tokens.count, tokens[end].paragraph == tokens[index].paragraph, !tokens[end - 1].possessive {
                if tokens[end].isCapitalized {
                    end += 1
                } else if tokens[end].kind == .word, tokens[end].textClasses.contains(.connector), end + 1 < tokens.count,
                    tokens[end + 1].isCapitalized, tokens[end + 1].paragraph == tokens[index].paragraph
                {
                    end += 2
                } else {
                    break
                }
            }
            let titleBefore = index > 0 && tokens[index - 1].kind == .word && tokens[index - 1].classes.contains(.title)
            spans += split(Span(range: index..<end, afterTitle: titleBefore), tokens: tokens)
            index = end
        }
        return spans
    }

    /// Drops sentence openers ("The", "Meanwhile") and splits "US President Donald Trump" at its title.
    private static func split(_ span: Span, tokens: [ArticleText.Token]) -> [Span] {
        var start = span.range.lowerBound
        let end = span.range.upperBound
        while start < end {
            let token = tokens[start]
            let opener = token.classes.contains(.commonCapitalized) && (token.startsSentence || token.classes.contains(.article))
            guard opener else { break }
            start += 1
        }
        guard start < end else { return [] }
        let hasCue = (start..<end).contains { tokens[$0].classes.contains(.organizationCue) }
        // "American Kevin King": a nationality word before a person's name is no part of it (an
        // organisation keeps it: "Norwegian Meteorological Service").
        if !hasCue, end - start >= 3, Gazetteer.demonyms.contains(tokens[start].text) {
            return split(Span(range: (start + 1)..<end, afterTitle: span.afterTitle), tokens: tokens)
        }
        let whole = (start..<end).map { tokens[$0].text }.joined(separator: " ")
        if !hasCue, !Gazetteer.placeSet.contains(whole), !tokens[start].classes.contains(.placeFirstWord),
            let connector = (start..<end).first(where: { ["of", "for"].contains(tokens[$0].text) })
        {
            // "Anton Vell of Marovia" is a person and a place; only organisations are named "X of Y".
            return split(Span(range: start..<connector, afterTitle: span.afterTitle), tokens: tokens)
                + split(Span(range: (connector + 1)..<end, afterTitle: false), tokens: tokens)
        }
        if let title = (start..<end).first(where: { tokens[$0].classes.contains(.title) }) {
            var nameStart = title
            while nameStart < end, tokens[nameStart].classes.contains(.title) { nameStart += 1 }
            // An organisation's word before the title does not keep the name after it: "White House
            // Press Secretary Ana Ruiz" is the White House and Ana Ruiz. Without a full name after the
            // title ("General Motors Co") the run stays whole.
            let nameHasCue = (nameStart..<end).contains { tokens[$0].classes.contains(.organizationCue) }
            guard !hasCue || end - nameStart >= 2 && !nameHasCue else { return [Span(range: start..<end, afterTitle: span.afterTitle)] }
            var parts: [Span] = []
            if title > start { parts.append(Span(range: start..<title, afterTitle: span.afterTitle && start == span.range.lowerBound)) }
            if nameStart < end { parts.append(Span(range: nameStart..<end, afterTitle: true)) }
            return parts
        }
        return [Span(range: start..<end, afterTitle: span.afterTitle)]
    }

    /// The canonical name and type of a span, or nil when it needs context (single words) or is no entity.
    static func classify(_ span: Span, name: String, tokens: [ArticleText.Token]) -> (String, Entity.Kind)? {
        let words = span.range
        if words.count == 1, tokens[words.lowerBound].classes.contains(.commonCapitalized) { return nil }
        switch Gazetteer.known[name] {
        case .demonym: return nil
        case .place(let canonical): return (canonical, .place)
        case .organization: return (name, .organization)
        case nil: break
        }
        let hasOrganizationCue = words.contains { tokens[$0].classes.contains(.organizationCue) }
        if words.contains(where: { tokens[$0].classes.contains(.eventCue) }), !hasOrganizationCue { return nil }
        if hasOrganizationCue {
            // "Police" or "Council" alone names no one in particular.
            return words.count == 1 ? nil : (name, .organization)
        }
        if let first = words.first, let last = words.last, words.count > 1,
            tokens[first].classes.contains(.placeFirstWord) || tokens[last].classes.contains(.placeCue)
        {
            return (name, .place)
        }
        if words.count == 1, name.hasPrefix("Saint-") || name.hasPrefix("St-") || name.hasPrefix("Sainte-") { return (name, .place) }
        if words.count == 1, isAcronym(name) { return (name, .organization) }
        if words.count >= 2, words.count <= 4, !containsNumber(name) {
            // "the Oklahoma City Thunder", "the Democratic Party": a person's name takes no article.
            let start = words.lowerBound
            if start > 0, tokens[start - 1].paragraph == tokens[start].paragraph, tokens[start - 1].text.lowercased() == "the",
                !span.afterTitle
            {
                return (name, .organization)
            }
            // "an analyst at Wells Fargo", "shares of Ulta Beauty": where people work, and what is traded.
            if start > 0, tokens[start - 1].paragraph == tokens[start].paragraph, !span.afterTitle {
                let previous = tokens[start - 1].text
                if previous == "at" { return (name, .organization) }
                if previous == "of", start > 1, ["shares", "stock", "stocks", "analysts", "analyst", "investors"].contains(tokens[start - 2].lowercased) {
                    return (name, .organization)
                }
            }
            // Two to four capitalised words that are no place and no organisation: a person's name.
            return (name, .person)
        }
        return nil
    }

    /// "WeWork", "SoftBank", "SpaceX": a capital inside a word, after lower-case letters, marks a brand;
    /// surnames written so ("McDonald", "DeSantis", "LeBlanc") open with a known prefix.
    static func isCamelCaseBrand(_ word: String) -> Bool {
        let letters = word.unicodeScalars
        guard letters.count >= 4, letters.allSatisfy(isLetter) else { return false }
        for prefix in ["Mc", "Mac", "De", "Di", "Da", "Le", "La", "Van", "Von", "Du", "O'"] where word.hasPrefix(prefix) { return false }
        var sawLower = false
        for scalar in letters.dropFirst() {
            if isLowercase(scalar) { sawLower = true } else if sawLower, isUppercase(scalar) { return true }
        }
        return false
    }

    // An ASCII letter's case is its range: Unicode's properties, asked for each letter of every
    // capitalised word, cost a parsing worker 2% of a load.
    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? isLowercase(scalar) || isUppercase(scalar) : scalar.properties.isAlphabetic
    }

    private static func isLowercase(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar.value >= 0x61 && scalar.value <= 0x7A : scalar.properties.isLowercase
    }

    private static func isUppercase(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar.value >= 0x41 && scalar.value <= 0x5A : scalar.properties.isUppercase
    }

    /// Capitalised abbreviations that are not organisations.
    static let commonAcronyms: Set<String> = [
        "TV", "CEO", "CFO", "GDP", "AI", "PM", "AM", "OK", "UTC", "GMT", "EST", "PST", "BST", "CET", "COVID", "DNA",
        "ID", "IT", "PR", "HR", "VAT", "PhD", "MP", "MEP", "MPs", "SUV", "EV", "EVs", "USB", "PDF", "FAQ", "CCTV",
        "LGBT", "LGBTQ", "NGO", "NGOs", "IVF", "ICU", "ER", "GP", "II", "III", "IV", "VI", "XI", "UAV", "TNT",
    ]

    /// First words of place names: "Port Calder", "Rue des Tanneurs", "Lake Orta".
    static let placeFirstWords: Set<String> = [
        "port", "mount", "cape", "lake", "saint", "st", "san", "santa", "fort", "rue", "via", "calle", "avenida",
        "place", "piazza", "plaza", "isla", "ile", "île", "gulf", "bay", "isle", "strait",
        // Parts of a region: "Southern California", "Inner Mongolia".
        "southern", "northern", "eastern", "western", "central", "inner", "outer", "upper", "lower", "greater",
    ]

    /// `contains(where: \.isNumber)`, by bytes when the name is ASCII.
    private static func containsNumber(_ name: String) -> Bool {
        let utf8 = name.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) { return utf8.contains { $0 >= 0x30 && $0 <= 0x39 } }
        return name.contains(where: \.isNumber)
    }

    static func isAcronym(_ word: String) -> Bool {
        let utf8 = word.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) {
            // By bytes: two to six capitals, with only dots and ampersands between them.
            var capitals = 0
            for byte in utf8 {
                if byte >= 0x41 && byte <= 0x5A {
                    capitals += 1
                } else if byte != UInt8(ascii: ".") && byte != UInt8(ascii: "&") {
                    return false
                }
            }
            return (2...6).contains(capitals) && !commonAcronyms.contains(word)
        }
        guard !commonAcronyms.contains(word) else { return false }
        let letters = word.filter(\.isLetter)
        return (2...6).contains(letters.count) && letters.allSatisfy(\.isUppercase) && word.allSatisfy { $0.isLetter || $0 == "." || $0 == "&" }
    }

    /// A person named in full, with the first and last words a later single word may stand for.
    struct NamedPerson {
        let name: String
        let offset: Int
        let first: Substring
        let last: Substring

        init(_ mention: EntityMention) {
            name = mention.name
            offset = mention.offset
            // Names are words joined by single spaces: the first and last words lie outside the outer spaces.
            let name = mention.name
            first = name.utf8.firstIndex(of: 0x20).map { name[..<$0] } ?? name[...]
            last = name.utf8.lastIndex(of: 0x20).map { name[name.utf8.index(after: $0)...] } ?? name[...]
        }
    }

    private static func resolveSingle(_ span: Span, tokens: [ArticleText.Token], people: [NamedPerson]) -> EntityMention? {
        let index = span.range.lowerBound
        let token = tokens[index]
        let word = token.text
        func mention(_ name: String, _ type: Entity.Kind) -> EntityMention {
            EntityMention(name: name, type: type, written: word, offset: token.offset, tokens: span.range)
        }
        guard !token.classes.contains(.commonCapitalized), !Gazetteer.demonyms.contains(word) else { return nil }
        // A surname (or first name) of a person named in full: the nearest one before, else the first.
        let matching = people.filter { $0.last == word || $0.first == word }
        if let person = matching.last(where: { $0.offset < token.offset }) ?? matching.first {
            return mention(person.name, .person)
        }
        if isCamelCaseBrand(word) { return mention(word, .organization) }
        let previous = index > 0 && tokens[index - 1].paragraph == token.paragraph ? tokens[index - 1] : nil
        let next = index + 1 < tokens.count && tokens[index + 1].paragraph == token.paragraph ? tokens[index + 1] : nil
        if let previous, previous.kind == .word, !previous.isCapitalized {
            if previous.textClasses.contains(.placePreposition) { return mention(word, .place) }
            if previous.text == "of", index >= 2, tokens[index - 2].classes.contains(.placeNounBeforeOf) {
                return mention(word, .place)
            }
        }
        if let next, next.kind == .word, !next.isCapitalized, next.textClasses.contains(.placeNounAfter) {
            return mention(word, .place)
        }
        if let next, next.text == ",", index + 2 < tokens.count, tokens[index + 2].classes.contains(.article) {
            let following = tokens[(index + 3)..<min(tokens.count, index + 7)]
            if following.contains(where: { $0.classes.contains(.organizationNoun) }) { return mention(word, .organization) }
        }
        if span.afterTitle { return mention(word, .person) }
        return nil
    }
}
