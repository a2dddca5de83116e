import Testing
@testable import NewsPage

/// The rule table, row by row: each row has a small page in which it decides one line, and
/// `parse --explain` must name that row for that line.
@Suite("Line rule table")
struct LineRuleTableTests {
    static let body = [
        "The harbour council in Port Calder voted on Tuesday to keep the evening ferry running through the winter, after a long dispute over its cost.",
        "Councillors said the crossing carried more than four hundred people on a typical weekday evening, most of them workers from the island.",
        "The ferry operator said it would publish a new timetable next month, with an extra late sailing on Fridays and Saturdays.",
    ]

    /// A page for each row, and the 1-based line the row must decide.
    static let examples: [LineRuleTable.RowName: (lines: [String], line: Int)] = [
        .recurring: (["island news you can trust", ""] + body, 1),
        .furniture: (["Sponsor: ACME Boats", ""] + body, 1),
        .masthead: (["THE HARBOUR DAILY", "Jun 2, 2025", ""] + body, 1),
        .promoButton: ([body[0], body[1], "Tell us what you think of our coverage: take our two-minute reader survey and help us improve it.",
                        "Answer five questions", "", body[2]], 4),
        .widget: ([body[0], "Trending", "Quay cafe wins regional award", body[1], body[2]], 3),
        .creditLine: (body + ["", "Reporting by Ana Ruiz; Editing by Tom Berg"], 5),
        .closingSource: (body + ["", "This article was originally published by The Valley Gazette."], 5),
        .pastArticle: (body + ["", "About us", "Careers", "Contact", "Terms of use", "Privacy"], 9),
        .headerDate: (["12 Mar 2025", ""] + body, 1),
        .bodyDate: ([body[0], "12 Mar 2025", body[1], body[2]], 2),
        .commentCount: (["0", ""] + body, 1),
        .readerLocation: (["| Remer,MN", ""] + body, 1),
        .labelledSource: (["Source: The Valley Gazette", ""] + body, 1),
        .readingTimeSource: (["The Valley Gazette · 4 min read", ""] + body, 1),
        .headerByline: (["By Ana Ruiz", ""] + body, 1),
        .bodyByline: ([body[0], "By Ana Ruiz", body[1], body[2]], 2),
        .sourceTwice: (["The Valley Gazette", "The Valley Gazette", ""] + body, 2),
        .navigation: (["Home | World | Europe", ""] + body, 1),
        .headline: (["Harbour council keeps the evening ferry", ""] + body, 1),
        .standfirst: (["The vote ends a dispute.", ""] + body, 1),
        .headerLabel: (["Filed in harbour affairs:", ""] + body, 1),
        .trailingLabel: (body + ["___", "Associated Press writers Ana Ruiz and Tom Berg in Port Calder contributed to this report on the ferry vote."], 4),
    ]

    @Test(arguments: LineRuleTable.RowName.allCases)
    func rowDecidesItsExample(row: LineRuleTable.RowName) throws {
        let example = try #require(Self.examples[row], "row \(row.rawValue) has no example")
        // The recurring row needs lines the site repeats: the load would have learnt this slogan.
        let recurring = row == .recurring ? Self.recurring(["island news you can trust"]) : .none
        let page = PageParser.parse(example.lines.joined(separator: "\n"), origin: "table", explain: true, recurring: recurring)
        let explained = try #require(page.explanation.first { $0.lines.contains(example.line) })
        #expect(explained.row == row.rawValue, "line \(example.line): \(explained.text)")
    }

    static func recurring(_ lines: [String]) -> RecurringLines {
        RecurringLines(Set(lines.map { RecurringLines.hash(Array(TextNormalizer.folded($0).utf8)) }))
    }

    @Test func recurringLinesAreRemovedOnlyWhenTheLoadLearntThem() {
        let text = (Self.body + ["Island news, since 1921."]).joined(separator: "\n")
        let alone = PageParser.parse(text, origin: "alone")
        let learnt = PageParser.parse(text, origin: "learnt", recurring: Self.recurring(["Island news, since 1921."]))
        #expect(alone.paragraphs.count == 4)
        #expect(learnt.paragraphs == Self.body)
        // Counted against the article, the line falls outside it.
        #expect(learnt.removed.map(\.rule) == [.outsideArticle])
    }

    @Test func rowsAreInTheOrderTheirNamesAreListed() {
        let tableOrder = LineRuleTable.rows.map(\.name) + [LineRuleTable.trailingLabel.name]
        #expect(tableOrder == LineRuleTable.RowName.allCases)
    }

    @Test func firstMatchingRowWins() {
        // "By Ana Ruiz" above the body is a byline although it is also a short title-case line.
        let page = PageParser.parse((["By Ana Ruiz", ""] + Self.body).joined(separator: "\n"), origin: "order", explain: true)
        #expect(page.explanation.first?.row == LineRuleTable.RowName.headerByline.rawValue)
        #expect(page.byline == "Ana Ruiz")
    }
}

/// Which lines are about the article rather than its headline, and relative dates that stand alone.
@Suite("Title evidence")
struct TitleEvidenceTests {
    @Test(arguments: [
        ("Analysis by Ana Ruiz, CNN Editor-at-large", true),
        ("Tom Berg, Sports Writer", true),
        ("* by Ana Ruiz", true),
        ("May 6, 2025 at 9:14 am", true),
        ("Offshore wind farm delayed by a year", false),
        ("Harbour council keeps the evening ferry", false),
    ])
    func aboutTheArticle(text: String, expected: Bool) {
        #expect(TitleChoice.isAboutTheArticle(text, LineFeatures(text)) == expected)
    }

    @Test func relativeDateMustStandAlone() {
        #expect(DateParser.parse("3 hours ago")?.isWholeLine == true)
        #expect(DateParser.parse("Fantasy Football Today")?.isWholeLine != true)
    }

    @Test func headlineShownTwiceBeatsTheStandfirstUnderIt() {
        let lines = [
            "Harbour council keeps the evening ferry", "", "Harbour council keeps the evening ferry", "",
            "Councillors voted to keep the crossing running through the winter after a long dispute", "* by Ana Ruiz", "",
        ] + LineRuleTableTests.body
        let page = PageParser.parse(lines.joined(separator: "\n"), origin: "twice")
        #expect(page.title == "Harbour council keeps the evening ferry")
    }

    @Test func headlineWrittenAsASentenceOverItsDateIsTheTitleNotTheBody() {
        let lines = ["* Sign in", "* Weather", "", "Ferry fares rise again; will the islanders pay?", "Updated Jun 3, 2025, 9:41 AM", ""]
            + LineRuleTableTests.body
        let page = PageParser.parse(lines.joined(separator: "\n"), origin: "sentence")
        #expect(page.title == "Ferry fares rise again; will the islanders pay?")
        #expect(page.paragraphs.first?.hasPrefix("The harbour council") == true)
    }

    @Test func sentenceAboveTheArticleIsATitleOnlyWhenThePageShowsItAgain() {
        let pitch = "Get our morning newsletter. The stories that matter, every day."
        let withDate = [pitch, "Jun 3, 2025", ""] + LineRuleTableTests.body
        #expect(PageParser.parse(withDate.joined(separator: "\n"), origin: "pitch").title == nil)

        let headline = "Ferry fares rise again. Why the islanders will pay."
        let shownAgain = [headline, "* Print", "* Share", "By", "Ana Ruiz", ""] + LineRuleTableTests.body + ["", headline]
        #expect(PageParser.parse(shownAgain.joined(separator: "\n"), origin: "again").title == headline)
    }

    @Test func headlineOverItsSummaryBeatsTheSummary() {
        let lines = [
            "* Local news", "", "Harbour council keeps the evening ferry for another winter", "",
            "Councillors back the late crossing, the operator adds Friday sailings", "", "By", "Ana Ruiz", "",
        ] + LineRuleTableTests.body
        let page = PageParser.parse(lines.joined(separator: "\n"), origin: "summary")
        #expect(page.title == "Harbour council keeps the evening ferry for another winter")
    }

    @Test func teaserAboveTheHeadlineIsNotTakenForIt() {
        let lines = [
            "Quay cafe wins a regional award for its chowder", "Lighthouse tours return in May",
            "Island school opens a new library", "Harbour council keeps the evening ferry for another winter",
            "Jun 3, 2025 9:41 am by Ana Ruiz",
        ] + LineRuleTableTests.body
        let page = PageParser.parse(lines.joined(separator: "\n"), origin: "teasers")
        #expect(page.title == "Harbour council keeps the evening ferry for another winter")
    }

    @Test(arguments: [("Home Music Music News", true), ("Home News World", true), ("Home Depot Stock Falls. Why It Matters.", false),
                      ("Home secretary resigns over ferry deal", false)])
    func breadcrumb(text: String, expected: Bool) {
        #expect(TitleChoice.isBreadcrumb(LineFeatures(text)) == expected)
    }
}
