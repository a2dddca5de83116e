/// The one ordered table that decides every unit of a page: each row names its zones, its test
/// and its outcome, and the first row whose zone and test match decides the unit. A unit no row
/// matches is kept as body text (in the body) or removed as outside the article (elsewhere).
///
/// Rows read the evidence measured once per unit (`LineEvidence`) and the line tests of
/// `HeaderLines`, `Credits` and `DateParser`; what a row finds (a date, a name) travels in its
/// `LineFinding`, and `PageReading` folds the findings into the page's fields.
enum LineRuleTable {
    /// Every row's name, in table order: `parse --explain` and the tests name rows by these.
    enum RowName: String, CaseIterable, Sendable {
        case furniture
        case masthead
        case promoButton = "promo-button"
        case widget
        case creditLine = "credit-line"
        case closingSource = "closing-source"
        case pastArticle = "past-article"
        case headerDate = "header-date"
        case bodyDate = "body-date"
        case commentCount = "comment-count"
        case readerLocation = "reader-location"
        case labelledSource = "labelled-source"
        case readingTimeSource = "reading-time-source"
        case headerByline = "header-byline"
        case bodyByline = "body-byline"
        case sourceTwice = "source-twice"
        case navigation
        case headline
        case recurring
        case standfirst
        case headerLabel = "header-label"
        case trailingLabel = "trailing-label"
    }

    /// What a row does with a unit it matches.
    enum Outcome: Equatable, Sendable {
        /// Removed with the rule the furniture tests gave it (`BoilerplateRules`).
        case furniture
        /// Removed with this rule.
        case remove(LineRule)
        /// Removed with the rule of the unit before ("Take the survey" under a promo).
        case sameAsPrevious
        /// A date: removed as the capture or publication date, or as a header line, as the page's dates decide.
        case date
        /// A possible title: the title choice decides.
        case titleCandidate
        /// A sentence above the body: kept inside the article's region, removed outside it.
        case standfirst
    }

    struct Row: Sendable {
        let name: RowName
        let zones: Set<LineExplanation.Zone>
        let outcome: Outcome
        let test: @Sendable (LineContext) -> LineFinding?
    }

    /// Words from which a whole-line date is prose that mentions a date.
    static let dateLineWords = 16
    /// Words a byline inside the body has at most.
    static let bodyBylineWords = 8
    /// Words a trailing label has at most.
    static let trailingLabelWords = 6
    /// Words a publisher's name has at most.
    static let sourceNameWords = 5
    /// Units above the body where a source name shown twice is looked for.
    static let sourcePairReach = 8
    /// Words a button under a promo has at most.
    static let promoButtonWords = 6

    static let rows: [Row] = [
        Row(name: .furniture, zones: [.header, .body, .trailer], outcome: .furniture) { context in
            context.evidence[context.index].strongRule.map { .strongRule($0) }
        },
        Row(name: .masthead, zones: [.header], outcome: .remove(.masthead)) { context in
            context.index == 0 && HeaderLines.isMasthead(context.line) ? .aggregator(context.text) : nil
        },
        Row(name: .promoButton, zones: [.body], outcome: .sameAsPrevious) { context in
            guard !context.isBodyStart, context.previousRule == .promo || context.previousRule == .newsletter,
                !context.unit.blankBefore, context.line.wordCount <= promoButtonWords, !context.line.isSentence
            else { return nil }
            return LineFinding.none
        },
        Row(name: .widget, zones: [.body], outcome: .remove(.related)) { context in
            context.isWidget ? LineFinding.none : nil
        },
        Row(name: .creditLine, zones: [.body, .trailer], outcome: .remove(.creditLine)) { context in
            guard !context.isBodyStart, context.zone == .body || context.closesArticle else { return nil }
            return Credits.creditLine(context.line, nearEnd: context.closesArticle).map { .credit($0) }
        },
        Row(name: .closingSource, zones: [.body, .trailer], outcome: .remove(.source)) { context in
            // "This article was originally published by The Valley Gazette."
            guard !context.isBodyStart, context.closesArticle else { return nil }
            return HeaderLines.labelledSource(context.text, context.line).map { .closingSource(name: $0.name, agencies: $0.agencies) }
        },
        Row(name: .pastArticle, zones: [.trailer], outcome: .remove(.outsideArticle)) { _ in
            LineFinding.none
        },
        Row(name: .headerDate, zones: [.header], outcome: .date) { context in
            wholeLineDate(context)
        },
        Row(name: .bodyDate, zones: [.body], outcome: .remove(.publishedDate)) { context in
            context.isBodyStart ? nil : wholeLineDate(context)
        },
        Row(name: .commentCount, zones: [.header], outcome: .remove(.commentCount)) { context in
            HeaderLines.isCommentCount(context.line) ? LineFinding.none : nil
        },
        Row(name: .readerLocation, zones: [.header], outcome: .remove(.readerLocation)) { context in
            HeaderLines.isReaderLocation(context.line) ? LineFinding.none : nil
        },
        Row(name: .labelledSource, zones: [.header], outcome: .remove(.source)) { context in
            HeaderLines.labelledSource(context.text, context.line).map { .source(name: $0.name, agencies: $0.agencies) }
        },
        Row(name: .readingTimeSource, zones: [.header], outcome: .remove(.source)) { context in
            HeaderLines.sourceBesideReadingTime(context.text, context.line).map { .source(name: $0, agencies: []) }
        },
        Row(name: .headerByline, zones: [.header], outcome: .remove(.byline)) { context in
            HeaderLines.byline(context.line).map { .byline($0) }
        },
        Row(name: .bodyByline, zones: [.body], outcome: .remove(.byline)) { context in
            guard !context.isBodyStart, !context.hasByline, context.line.wordCount <= bodyBylineWords else { return nil }
            return HeaderLines.byline(context.line).map { .byline($0) }
        },
        Row(name: .sourceTwice, zones: [.header], outcome: .remove(.source)) { context in
            // A publisher's name shown twice (as a logo's alt text, then as a label): the first of
            // the pair names the source, the second follows it.
            if context.previousRow == .sourceTwice, context.previousStartedPair {
                return LineFinding.none
            }
            // Near the article only: menus far above repeat their buttons ("Search", "Log In") too.
            guard context.bodyStart - context.index <= sourcePairReach, let next = context.next,
                context.nextEvidence?.strongRule == nil, context.line.wordCount <= sourceNameWords, context.line.hasLetters,
                next.features.folded == context.line.folded, !HeaderLines.hasInterfaceWords(context.line)
            else { return nil }
            return .source(name: context.text, agencies: [])
        },
        Row(name: .navigation, zones: [.header], outcome: .remove(.navigation)) { context in
            HeaderLines.isNavigation(context.line) ? LineFinding.none : nil
        },
        Row(name: .headline, zones: [.header], outcome: .titleCandidate) { context in
            HeaderLines.isHeadline(context.line) ? LineFinding.none : nil
        },
        Row(name: .recurring, zones: [.header, .body], outcome: .remove(.recurring)) { context in
            // After the rows that read fields and headlines: a site's masthead recurs on every page, and
            // a page's own headline recurs in the teaser lists of the site's other pages.
            context.evidence[context.index].recurs ? LineFinding.none : nil
        },
        Row(name: .standfirst, zones: [.header], outcome: .standfirst) { context in
            context.line.isSentence ? LineFinding.none : nil
        },
        Row(name: .headerLabel, zones: [.header], outcome: .remove(.header)) { _ in
            LineFinding.none
        },
    ]

    /// Applied after the rows above, from the body's end backwards: short lines after the body's last
    /// sentence are labels and widgets. It needs every other decision first, so it stands apart.
    static let trailingLabel = Row(name: .trailingLabel, zones: [.body], outcome: .remove(.trailer)) { context in
        // A numbered item closing the article, and the line under it, are the article's list, not labels.
        let inList = context.evidence[context.index].listNumber != nil
            || context.index > 0 && context.evidence[context.index - 1].listNumber != nil
        return !inList && context.line.wordCount <= trailingLabelWords && !context.line.endsLikeSentence ? LineFinding.none : nil
    }

    /// The rows of each zone, in table order, sorted out once: a Set lookup per row and unit cost a tenth of the parse.
    private static let rowsByZone: [[Row]] = LineExplanation.Zone.allCases.map { zone in rows.filter { $0.zones.contains(zone) } }

    /// The first row that decides the unit, and what it found.
    static func decide(_ context: LineContext) -> (row: Row, finding: LineFinding)? {
        for row in rowsByZone[context.zone.index] {
            if let finding = row.test(context) { return (row, finding) }
        }
        return nil
    }

    private static func wholeLineDate(_ context: LineContext) -> LineFinding? {
        guard context.line.wordCount <= dateLineWords, let match = DateParser.parse(context.text, dayFirst: context.dayFirst),
            match.isWholeLine
        else { return nil }
        return .date(match)
    }
}

/// What a row of the table found in the unit it decided.
enum LineFinding: Sendable {
    case none
    case strongRule(LineRule)
    case aggregator(String)
    case date(DateParser.Match)
    case source(name: String, agencies: [String])
    /// A source named at the article's end: it counts only when the header names none.
    case closingSource(name: String, agencies: [String])
    case byline(String)
    case credit(Credits.CreditLine)
}
