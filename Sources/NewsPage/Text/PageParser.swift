/// Turns the saved text of one news page into a `ParsedPage`.
///
/// Each unit's evidence is measured once (`LineEvidence`); the article's region is found from the
/// evidence over the whole page (`ArticleRegion`), which cuts the page in three zones: the header
/// above the first body paragraph, the body, and the trailer after the last. One ordered rule table
/// (`LineRuleTable`) then decides every unit in its zone, and `PageReading` folds what the rows find
/// into the fields; the title is chosen among the headline-like lines (`TitleChoice`).
public enum PageParser {
    /// `recurring` holds the lines other pages of the same site repeat, when a load has learnt them.
    /// `isArticleOnly` says the text is already cut to the article (an HTML page's container), so the
    /// region is the whole text and only the line rules remove furniture.
    public static func parse(
        _ text: String, origin: String, explain: Bool = false, recurring: RecurringLines = .none, isArticleOnly: Bool = false
    ) -> ParsedPage {
        let lines = TextNormalizer.lines(of: text)
        guard lines.count <= maximumLines else {
            // Memory and time grow with the lines: a page past the cap is refused whole, and says so.
            var page = ParsedPage(origin: origin)
            page.tooLong = lines.count
            return page
        }
        let units = PageUnits.assemble(lines)
        let evidence = units.map { LineEvidence($0, recurring: recurring) }
        let region = isArticleOnly
            ? ArticleRegion(start: 0, end: units.count)
            : ArticleRegion.find(in: evidence) ?? ArticleRegion(start: units.count, end: units.count)
        // Text cut to the article may still open with its date and byline lines: they are its header,
        // and everything after them its body (short lines too: a list, a table of results).
        let bodyStart = isArticleOnly
            ? units.indices.first { !isDateOrByline(units[$0]) } ?? units.count
            : region.range.first { evidence[$0].strongRule == nil && startsBody(units[$0]) } ?? region.start
        let articleEnd = max(region.end, bodyStart)
        let dayFirst = !units.prefix(bodyStart).contains { DateParser.writesMonthFirst($0.text) == true }
        let widgets = ArticleRegion.widgets(in: region, evidence: evidence)
        var reading = PageReading(
            units: units, evidence: evidence, bodyStart: bodyStart, articleEnd: articleEnd, widgets: widgets, dayFirst: dayFirst)

        let sentenceTitles = (reading.standfirsts + (bodyStart < articleEnd ? [bodyStart] : [])).filter {
            units[$0].features.weight <= Double(TitleChoice.sentenceTitleWords) && units[$0].lines.count == 1
        }
        let titles = TitleChoice(candidates: reading.titleCandidates, sentences: sentenceTitles, articleStart: bodyStart, units: units)
        for index in titles.others { reading.rules[index] = .header }
        if let titleUnit = titles.titleUnit { reading.rules[titleUnit] = .title }
        // Sentences above the body belong to it only inside the article's region (a standfirst);
        // higher up they are teasers and menu text.
        let keptAsBody = Set(reading.standfirsts.filter { $0 >= region.start })
        for index in reading.standfirsts where !keptAsBody.contains(index) { reading.rules[index] = .outsideArticle }

        var page = ParsedPage(origin: origin)
        page.aggregator = reading.aggregator
        page.title = titles.title
        page.byline = reading.byline
        page.imageCredit = reading.imageCredit
        // Source: a labelled or repeated line first, then the publisher named by the closing lines.
        page.source = reading.source
        if page.source == nil, let closingSource = reading.closingSource {
            page.source = closingSource
            let key = TextNormalizer.folded(closingSource)
            for index in units.indices.prefix(bodyStart) where units[index].features.folded == key {
                reading.rules[index] = .source
            }
        }
        if page.source == nil, titles.sourceCandidates.contains(0), HeaderLines.isPublisherName(units[0].features) {
            // A name alone on the page's first line, in title case: the publisher's logo ("The Harbor Courier").
            page.source = units[0].text
            reading.rules[0] = .source
        }
        let capturedDate = reading.captured?.resolved(capturedOn: nil)
        page.captured = capturedDate?.iso
        page.published = reading.published?.resolved(capturedOn: capturedDate)?.iso

        for (index, unit) in units.enumerated() {
            if let rule = reading.rules[index] {
                for (number, text) in zip(unit.lines, unit.originals) {
                    page.removed.append(RemovedLine(line: number, text: text, rule: rule))
                }
            } else if index >= bodyStart || keptAsBody.contains(index) {
                page.paragraphs.append(unit.text)
            }
        }
        page.credits = unique(reading.credits)
        if let first = page.paragraphs.first, let dateline = Dateline.match(first) {
            page.dateline = dateline.text
            page.paragraphs[0] = dateline.remainder
            page.credits = unique(page.credits + dateline.agencies)
        }
        page.uncertainLines = keptAsBody.sorted().flatMap { units[$0].lines }
        page.templateHashes = evidence.compactMap(\.templateHash)
        page.keptTemplateHashes = units.indices.compactMap { reading.rules[$0] == nil ? evidence[$0].templateHash : nil }
        if explain {
            page.explanation = LineExplanation.explain(
                units: units, evidence: evidence, rules: reading.rules, rows: reading.rows, bodyStart: bodyStart, articleEnd: articleEnd)
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
        return HeaderLines.byline(line) == nil
    }

    /// A line that is a date or a byline and nothing else.
    private static func isDateOrByline(_ unit: PageUnit) -> Bool {
        if let match = DateParser.parse(unit.text), match.isWholeLine { return true }
        return HeaderLines.byline(unit.features) != nil
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

    /// Lines a page may have. A news page has hundreds; each line costs about 1 KB while it is read,
    /// so a page of a million short lines would take a gigabyte.
    public static let maximumLines = 50_000

    /// Lines past the article's last paragraph still read for a credit or a source line.
    static let trailingCreditLines = 3

    private static func unique(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }
}
