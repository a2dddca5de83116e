import Testing
@testable import NewsPage

/// The article's region on layouts written here in our own words: menus above, teasers and
/// comments below, a box inside, text without spaces.
@Suite("Article region")
struct ArticleRegionTests {
    static let story = [
        "The harbour council in Port Calder voted on Tuesday to keep the evening ferry running through the winter, after a long dispute over its cost.",
        "Councillors said the crossing carried more than four hundred people on a typical weekday evening, most of them workers from the island.",
        "The ferry operator said it would publish a new timetable next month, with an extra late sailing on Fridays and Saturdays.",
    ]

    static func parse(_ lines: [String]) -> ParsedPage {
        PageParser.parse(lines.joined(separator: "\n"), origin: "region")
    }

    @Test(arguments: [
        ([3.0, -2, 5, -10, 4], 0..<3),
        ([-1.0, -2, 4, 4, -3, 1], 2..<4),
        ([2.0, -1, 2, -1, 2], 0..<5),
    ])
    func maximumSegmentIsTheRunWithTheHighestSum(scores: [Double], expected: Range<Int>) {
        #expect(ArticleRegion.maximumSegment(scores)?.range == expected)
    }

    @Test func pageWithNothingThatScoresHasNoRegion() {
        #expect(ArticleRegion.maximumSegment([-3, -2, -8]) == nil)
        #expect(Self.parse(["Home", "World", "Sport", "Contact us"]).paragraphs.isEmpty)
    }

    @Test func menusAndTeaserListsAroundTheArticleAreLeftOut() {
        let menu = ["* Home", "* Island", "* Business", "* Sport", "* Weather", "* Opinion"]
        let teasers = [
            "Most read", "Quay cafe wins regional award",
            "The cafe on the north quay was named the best in the region by a panel of judges on Friday.",
            "Choir sets off on tour of Norway", "Forty singers from Westmere will perform in six towns over two weeks.",
            "Lighthouse keeper retires after 40 years", "The last keeper of the Calder light handed over the keys on Sunday.",
        ]
        let page = Self.parse(menu + [""] + Self.story + [""] + teasers)
        #expect(page.paragraphs == Self.story)
    }

    @Test func commentThreadEndsTheArticle() {
        let comments = [
            "3 comments", "harbourwatcher says:", "May 6, 2025 at 9:14 am",
            "About time someone looked into this, it has been going on for years and nobody in the council listened.",
            "Reply", "quay_resident says:", "May 6, 2025 at 9:40 am",
            "My family has lived here for three generations and we have never seen a winter timetable this thin.",
            "Reply",
        ]
        let page = Self.parse(Self.story + [""] + comments)
        #expect(page.paragraphs == Self.story)
        #expect(page.published == nil)
    }

    @Test func relatedBoxInsideTheArticleIsBridged() {
        let page = Self.parse([Self.story[0], "Related", "Quay cafe wins regional award", "Choir sets off on tour", Self.story[1], Self.story[2]])
        #expect(page.paragraphs == Self.story)
    }

    @Test func longLineWithoutCommasOrStopsIsNotProse() {
        let tagCloud = "harbour ferry council island quay boats storm village budget timetable evening crossing residents engineers minister report river tuesday council island harbour ferry boats storm quay"
        let page = Self.parse([tagCloud, ""] + Self.story)
        #expect(page.paragraphs == Self.story)
    }

    @Test func unspacedChineseParagraphsAreProse() {
        let paragraphs = [
            "海湾镇一年一度的灯会于周三晚间开幕，主办方表示，开幕当晚共有超过三万名游客来到港口一带观灯。",
            "今年的灯会共展出三百多组彩灯，其中最受欢迎的是一艘渔船造型花灯，由当地手艺人历时两个月制作完成。",
        ]
        let features = LineFeatures(paragraphs[0])
        #expect(features.wordCount <= 3)
        #expect(features.weight >= 20)
        let page = Self.parse(["首页", "新闻", "", "海湾镇灯会吸引数万游客", ""] + paragraphs + ["相关阅读"])
        #expect(page.paragraphs == paragraphs)
        #expect(page.title == "海湾镇灯会吸引数万游客")
    }

    @Test func aParagraphShownAgainCountsOnce() {
        let page = Self.parse(Self.story + ["", "Gallery", Self.story[0]])
        #expect(page.paragraphs == Self.story)
    }

    @Test func numberedListRightAfterTheArticleBelongsToIt() {
        let items = ["1) A lantern for the porch", "shop.example/1", "2) A tide table for the year", "shop.example/2",
                     "3) A ferry timetable poster", "shop.example/3", "", "About us | Contact"]
        let page = Self.parse(Self.story + [""] + items)
        #expect(page.paragraphs == Self.story + Array(items[0..<6]))
    }

    @Test func numberedListUnderMostReadStaysOut() {
        let items = ["Most read", "1. Quay cafe wins award", "2. Choir tours Norway", "3. Lighthouse keeper retires"]
        let page = Self.parse(Self.story + [""] + items)
        #expect(page.paragraphs == Self.story)
    }

    @Test(arguments: [("12) Title", 12), ("3. Title", 3), ("1999. A year", nil), ("3.5 percent", nil), ("Item 3) x", nil)] as [(String, Int?)])
    func listNumbers(text: String, expected: Int?) {
        #expect(LineEvidence.listNumber(text) == expected)
    }
}
