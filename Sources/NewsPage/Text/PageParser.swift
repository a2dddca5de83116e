/// Turns the saved text of one news page into a `ParsedPage`.
///
/// The page is cut in three: the header (everything before the first paragraph of prose), the
/// body, and the trailing lines. Furniture that can sit anywhere (sponsors, promos, share bars,
/// image credits) is recognised first by `BoilerplateRules`; the header's lines are then read by
/// position and shape in `PageHeader`; the body keeps every line no rule removes.
public enum PageParser {
    public static func parse(_ text: String, origin: String, explain: Bool = false) -> ParsedPage {
        let lines = TextNormalizer.lines(of: text)
        let units = PageUnits.assemble(lines)
        let evidence = units.map(LineEvidence.init)
        let strong = evidence.map(\.strongRule)
        let region = ArticleRegion.find(in: evidence) ?? ArticleRegion(start: units.count, end: units.count)
        let bodyStart = region.range.first { strong[$0] == nil && startsBody(units[$0]) } ?? region.start
        let articleEnd = max(region.end, bodyStart)
        let dayFirst = !units.prefix(bodyStart).contains { DateParser.writesMonthFirst($0.text) == true }
        let header = PageHeader(units: units, end: bodyStart, strong: strong, dayFirst: dayFirst)
        // Sentences above the body belong to it only inside the article's region (a standfirst);
        // higher up they are teasers and menu text.
        let keptAsBody = Set(header.keptAsBody.filter { $0 >= region.start })

        var rules = header.rules
        var page = ParsedPage(origin: origin)
        page.aggregator = header.aggregator
        page.title = header.title
        page.byline = header.byline
        page.imageCredit = header.imageCredit
        var credits = header.credits
        var creditSource: String?
        var published = header.published
        let uncertain: [Int] = keptAsBody.sorted().flatMap { units[$0].lines }
        for index in header.keptAsBody where !keptAsBody.contains(index) { rules[index] = .outsideArticle }

        let lastContent = units.indices.last { $0 >= bodyStart && $0 < articleEnd && strong[$0] == nil } ?? articleEnd
        for index in units.indices where index >= bodyStart {
            let unit = units[index]
            let line = unit.features
            if let rule = strong[index] {
                rules[index] = rule
                if rule == .imageCredit, page.imageCredit == nil { page.imageCredit = unit.text }
                continue
            }
            let inArticle = index < articleEnd
            // Credit and source lines close an article, so they are read just past its last paragraph too.
            let closesArticle = index >= lastContent - 2 && index < articleEnd + trailingCreditLines
            guard inArticle || closesArticle else {
                rules[index] = .outsideArticle
                continue
            }
            if index > bodyStart, inArticle, let previous = rules[index - 1], previous == .promo || previous == .newsletter,
                !unit.blankBefore, line.wordCount <= 6, !line.isSentence
            {
                // The button under a promo: "Take the survey".
                rules[index] = previous
                continue
            }
            if index > bodyStart, let credit = Credits.creditLine(line, nearEnd: closesArticle) {
                rules[index] = .creditLine
                credits += credit.agencies
                if creditSource == nil { creditSource = credit.source }
                continue
            }
            if index > bodyStart, closesArticle, let labelled = PageHeader.labelledSource(unit.text, line) {
                // "This article was originally published by The Valley Gazette."
                rules[index] = .source
                if creditSource == nil { creditSource = labelled.name }
                credits += labelled.agencies
                continue
            }
            guard inArticle else {
                rules[index] = .outsideArticle
                continue
            }
            if index > bodyStart, line.wordCount <= 16, let match = DateParser.parse(unit.text, dayFirst: dayFirst), match.isWholeLine {
                if published == nil { published = match }
                rules[index] = .publishedDate
                continue
            }
            if index > bodyStart, page.byline == nil, let name = PageHeader.byline(line), line.wordCount <= 8 {
                page.byline = name
                rules[index] = .byline
                continue
            }
        }
        markTrailer(units: units, from: bodyStart, to: articleEnd, rules: &rules)

        // Source: a labelled or repeated line first, then the publisher named by the credit line.
        page.source = header.source
        if page.source == nil, let creditSource {
            page.source = creditSource
            let key = TextNormalizer.folded(creditSource)
            for index in units.indices.prefix(bodyStart) where units[index].features.folded == key {
                rules[index] = .source
            }
        }
        if page.source == nil, let candidate = header.sourceCandidates.first {
            page.source = units[candidate].text
            rules[candidate] = .source
        }

        let capturedDate = header.captured?.resolved(capturedOn: nil)
        page.captured = capturedDate?.iso
        page.published = published?.resolved(capturedOn: capturedDate)?.iso

        var paragraphs: [String] = []
        var removed: [RemovedLine] = []
        for (index, unit) in units.enumerated() {
            if let rule = rules[index] {
                for (number, text) in zip(unit.lines, unit.originals) {
                    removed.append(RemovedLine(line: number, text: text, rule: rule))
                }
            } else {
                if index < bodyStart, !keptAsBody.contains(index) { continue }
                paragraphs.append(unit.text)
            }
        }
        page.paragraphs = paragraphs
        page.credits = unique(credits)
        if let first = page.paragraphs.first, let dateline = Dateline.match(first) {
            page.dateline = dateline.text
            page.paragraphs[0] = dateline.remainder
            page.credits = unique(page.credits + dateline.agencies)
        }
        page.removed = removed
        page.uncertainLines = uncertain
        if explain {
            page.explanation = LineExplanation.explain(
                units: units, evidence: evidence, rules: rules, bodyStart: bodyStart, articleEnd: articleEnd)
        }
        return page
    }

    /// The first paragraph of prose: a long sentence, or a dateline opening ("PARIS — …").
    /// A headline-cased question or exclamation is a title, not the body.
    static func startsBody(_ unit: PageUnit) -> Bool {
        let line = unit.features
        let readsAsBody = line.isProse ? !readsAsTitle(unit) : line.wordCount >= 6 && Dateline.match(unit.text) != nil
        // Asked last, as most header lines are already ruled out: a date or byline line is never the body.
        guard readsAsBody else { return false }
        if let match = DateParser.parse(unit.text), match.isWholeLine { return false }
        return PageHeader.byline(line) == nil
    }

    /// A headline-cased question, exclamation or unfinished sentence of up to 20 words.
    private static func readsAsTitle(_ unit: PageUnit) -> Bool {
        let line = unit.features
        guard let last = unit.text.last, "?!".contains(last) || !line.endsLikeSentence, line.wordCount <= 20 else { return false }
        return isHeadlineCase(line)
    }

    /// Most longer words capitalised, as in "Harbour Council Backs New Ferry Timetable".
    static func isHeadlineCase(_ line: LineFeatures) -> Bool {
        let long = line.text.split(separator: " ").filter { $0.count >= 4 }
        guard long.count >= 3 else { return false }
        let capitalised = long.filter { $0.first?.isUppercase == true }.count
        return Double(capitalised) / Double(long.count) >= 0.7
    }

    /// Short lines after the last sentence of the body: labels and widgets, not article text.
    private static func markTrailer(units: [PageUnit], from bodyStart: Int, to articleEnd: Int, rules: inout [Int: LineRule]) {
        var index = articleEnd - 1
        while index > bodyStart {
            defer { index -= 1 }
            if rules[index] != nil { continue }
            let line = units[index].features
            guard line.wordCount <= 6, !line.endsLikeSentence else { return }
            rules[index] = .trailer
        }
    }

    /// Lines past the article's last paragraph still read for a credit or a source line.
    static let trailingCreditLines = 3

    static func unique(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }
}
