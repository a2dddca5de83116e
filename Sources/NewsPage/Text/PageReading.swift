/// Reads a page's units with the rule table, in page order, and folds what the rows find into the
/// page's fields: the first byline, the first labelled source, the capture and publication dates,
/// the credits, the title candidates and the sentences above the body.
struct PageReading {
    /// Each unit's rule, nil for a unit kept as text; arrays, not dictionaries: every unit is looked up.
    var rules: [LineRule?]
    /// The table row that decided each unit, nil when no row matched.
    var rows: [LineRuleTable.RowName?]
    var aggregator: String?
    var source: String?
    /// A source named by the article's closing lines ("Le Monde with AP"), used when the header names none.
    var closingSource: String?
    var byline: String?
    var imageCredit: String?
    var captured: DateParser.Match?
    var published: DateParser.Match?
    var credits: [String] = []
    var titleCandidates: [Int] = []
    /// Sentences above the body (a standfirst, or teaser text when outside the article's region).
    var standfirsts: [Int] = []

    /// Units a capture date is looked for after the masthead, before any article field.
    static let captureDateReach = 3

    private var mastheadIndex: Int?
    /// A source, byline or headline was seen: dates after it are the article's, not the capture's.
    private var seenArticleField = false

    init(units: [PageUnit], evidence: [LineEvidence], bodyStart: Int, articleEnd: Int, widgets: [Bool], dayFirst: Bool) {
        rules = Array(repeating: nil, count: units.count)
        rows = Array(repeating: nil, count: units.count)
        let lastContent = units.indices.last { $0 >= bodyStart && $0 < articleEnd && evidence[$0].strongRule == nil } ?? articleEnd
        var previousFinding: LineFinding?
        for index in units.indices {
            let zone: LineExplanation.Zone = index < bodyStart ? .header : index < articleEnd ? .body : .trailer
            let context = LineContext(
                units: units, evidence: evidence, index: index, zone: zone, dayFirst: dayFirst,
                closesArticle: index >= lastContent - 2 && index < articleEnd + PageParser.trailingCreditLines,
                bodyStart: bodyStart, previousRule: index > 0 ? rules[index - 1] : nil,
                previousRow: index > 0 ? rows[index - 1] : nil, previousStartedPair: previousFinding?.startsPair ?? false,
                isWidget: widgets[index], hasByline: byline != nil
            )
            guard let (row, finding) = LineRuleTable.decide(context) else {
                previousFinding = nil
                continue
            }
            rows[index] = row.name
            apply(row, finding, at: index, units: units)
            previousFinding = finding
        }
        markTrailingLabels(units: units, evidence: evidence, bodyStart: bodyStart, articleEnd: articleEnd, dayFirst: dayFirst)
    }

    private mutating func apply(_ row: LineRuleTable.Row, _ finding: LineFinding, at index: Int, units: [PageUnit]) {
        switch row.outcome {
        case .furniture: break
        case .remove(let rule): rules[index] = rule
        case .sameAsPrevious: rules[index] = rules[index - 1]
        case .date: if case .date(let match) = finding { rules[index] = assignDate(match, at: index) }
        case .titleCandidate:
            titleCandidates.append(index)
            seenArticleField = true
        case .standfirst: standfirsts.append(index)
        }
        switch finding {
        case .none: break
        case .strongRule(let rule):
            rules[index] = rule
            if rule == .imageCredit, imageCredit == nil { imageCredit = units[index].text }
        case .aggregator(let name):
            aggregator = name
            mastheadIndex = index
        case .date(let match):
            if row.outcome != .date, published == nil { published = match }
        case .source(let name, let agencies):
            if source == nil { source = name }
            credits += agencies
            seenArticleField = true
        case .closingSource(let name, let agencies):
            if closingSource == nil { closingSource = name }
            credits += agencies
        case .byline(let name):
            if byline == nil { byline = name }
            if row.name == .headerByline { credits += Credits.agencies(in: name) }
            seenArticleField = true
        case .credit(let credit):
            credits += credit.agencies
            if closingSource == nil { closingSource = credit.source }
        }
    }

    /// A date above the body: labelled ones go where their label says; an unlabelled one right
    /// under the masthead is the capture date, any other the publication date, and later ones are header lines.
    private mutating func assignDate(_ match: DateParser.Match, at index: Int) -> LineRule {
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
        let early = mastheadIndex.map { !seenArticleField && index <= $0 + Self.captureDateReach } ?? false
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

    /// The table's trailing-label row, from the body's end back to its last sentence.
    private mutating func markTrailingLabels(units: [PageUnit], evidence: [LineEvidence], bodyStart: Int, articleEnd: Int, dayFirst: Bool) {
        var index = articleEnd - 1
        while index > bodyStart {
            defer { index -= 1 }
            if rules[index] != nil { continue }
            let context = LineContext(
                units: units, evidence: evidence, index: index, zone: .body, dayFirst: dayFirst, closesArticle: false,
                bodyStart: bodyStart, previousRule: nil, previousRow: nil, previousStartedPair: false, isWidget: false,
                hasByline: byline != nil
            )
            guard LineRuleTable.trailingLabel.test(context) != nil else { return }
            rules[index] = .trailer
            rows[index] = .trailingLabel
        }
    }
}

extension LineFinding {
    /// The first line of a source shown twice.
    var startsPair: Bool {
        if case .source = self { return true }
        return false
    }
}
