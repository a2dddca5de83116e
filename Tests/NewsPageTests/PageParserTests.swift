import Testing
@testable import NewsPage

@Suite("Page parser rules")
struct PageParserTests {
    /// An aggregator page in the seed's shape, with invented text.
    static let aggregatorPage = """
        THE RIVERSIDE BULLETIN
        Jun 2, 2025 \u{00A0}|\u{00A0}
        4
        \u{00A0}| Elkton,SD
        Sponsor:\u{00A0} GAMEPULSE
        back
        topic
        The Quayside Post
        The Quayside Post
        12 Mar 2025


        Images The Quayside Post

        The river authority in Marlow Bend closed the old towpath on Wednesday after a section of the embankment slid into the water during the night, officials said.

        Engineers from the authority said the slip was caused by weeks of heavy rain and that nobody had been hurt.
        We’d love to hear your thoughts on The Quayside Post! Take this quick survey to help us improve it for you.
        Take the survey

        A survey of the embankment carried out last year had found no sign of weakness, the authority said in a statement.

        The Quayside Post with AP and AFP
        """

    @Test func aggregatorPageGivesEveryField() {
        let page = PageParser.parse(Self.aggregatorPage, origin: "test")
        let article = page
        #expect(article.aggregator == "THE RIVERSIDE BULLETIN")
        #expect(article.source == "The Quayside Post")
        #expect(article.published == "2025-03-12")
        #expect(article.captured == "2025-06-02")
        #expect(article.title == nil)
        #expect(article.credits == ["AP", "AFP"])
        #expect(article.imageCredit == "Images The Quayside Post")
        #expect(article.paragraphs.count == 3)
        let rules = Dictionary(page.removed.map { ($0.text, $0.rule) }, uniquingKeysWith: { first, _ in first })
        #expect(rules["THE RIVERSIDE BULLETIN"] == .masthead)
        #expect(rules["4"] == .commentCount)
        #expect(rules["| Elkton,SD"] == .readerLocation)
        #expect(rules["Sponsor: GAMEPULSE"] == .sponsor)
        #expect(rules["back"] == .navigation)
        #expect(rules["Take the survey"] == .promo)
        #expect(rules["The Quayside Post with AP and AFP"] == .creditLine)
    }

    @Test func promoBlockInsideBodyIsRemovedButASurveyInTheNewsStays() {
        let page = PageParser.parse(Self.aggregatorPage, origin: "test")
        #expect(!page.paragraphs.contains { $0.contains("Take this quick survey") })
        #expect(page.paragraphs.last?.hasPrefix("A survey of the embankment") == true)
    }

    @Test(arguments: [
        "Sign up for our free morning newsletter and get the day's top stories in your inbox.",
        "We’d love to hear your thoughts! Take this quick survey to help us improve it for you.",
        "Click here to subscribe to our newsletter and never miss a story.",
        "Follow us on Facebook and Twitter for the latest updates.",
        "Share this article: Facebook Twitter Email",
        "We use cookies to improve your experience. By continuing you accept our cookie policy.",
        "Related: Council approves ferry timetable",
        "READ MORE: Storm floods the lower town",
        "Tags: ferries, harbour, council",
        "© 2025 Example Media Group. All rights reserved.",
        "Advertisement",
        "Story continues below advertisement",
        "Sponsored: Try the new fantasy league today",
        "Photo: Jan Vos / Getty Images",
        "Leave a comment",
        "You have 77.71% of this article left to read. The rest is for subscribers only.",
        "Translation of an original article published in French; the publisher may only be liable for the English version.",
    ])
    func furnitureIsRecognisedAnywhere(line: String) {
        #expect(BoilerplateRules.classify(LineFeatures(line)) != nil)
    }

    @Test(arguments: [
        "A survey by the harbour authority found that 40 percent of commuters used the ferry at least once a week.",
        "“We’d love your feedback on the plan,” the mayor told residents, urging them to take the survey before Friday.",
        "The newsletter, printed on a photocopier in the church hall, has been delivered to every house since 1987.",
        "Photo radar cameras will be installed along the coast road next month, the council said.",
        "The company said its new app had been downloaded 50,000 times in its first week.",
    ])
    func newsThatMentionsPromoWordsIsKept(line: String) {
        #expect(BoilerplateRules.classify(LineFeatures(line)) == nil)
    }

    @Test(arguments: [
        ("Le Monde with AP and AFP", ["AP", "AFP"], "Le Monde"),
        ("With dpa and AFP", ["dpa", "AFP"], nil),
        ("— AP", ["AP"], nil),
        ("The Associated Press contributed to this report.", ["AP"], nil),
        ("Additional reporting by Reuters", ["Reuters"], nil),
        ("(Reuters)", ["Reuters"], nil),
    ])
    func creditLinesNameTheirAgencies(line: String, agencies: [String], source: String?) throws {
        let credit = try #require(Credits.creditLine(LineFeatures(line), nearEnd: true))
        #expect(credit.agencies == agencies)
        #expect(credit.source == source)
    }

    @Test func agencyMentionedInASentenceIsNotACreditLine() {
        let line = LineFeatures("An AFP photographer at the scene saw three boats capsize in the harbour on Sunday morning.")
        #expect(Credits.creditLine(line, nearEnd: true) == nil)
    }

    @Test(arguments: [
        ("LONDON (Reuters) – The central bank held rates on Thursday, as expected by most economists.", "LONDON (Reuters)", ["Reuters"]),
        ("KYIV, Ukraine (AP) — Air raid sirens sounded across the capital for three hours overnight.", "KYIV, Ukraine (AP)", ["AP"]),
        ("Berlin (dpa) - Die Regierung hat am Mittwoch einen neuen Haushalt vorgelegt und beschlossen.", "Berlin (dpa)", ["dpa"]),
        ("PARIS — The strike closed most of the metro lines for a second day on Tuesday morning.", "PARIS", []),
    ])
    func datelinesAreCutFromTheFirstParagraph(paragraph: String, dateline: String, agencies: [String]) throws {
        let match = try #require(Dateline.match(paragraph))
        #expect(match.text == dateline)
        #expect(match.agencies == agencies)
        #expect(!match.remainder.contains(dateline))
    }

    @Test(arguments: [
        "US President Donald Trump — who spoke from the White House — said talks would continue.",
        "The council – after a long debate – approved the new timetable for the evening ferries.",
    ])
    func sentencesWithDashesAreNotDatelines(paragraph: String) {
        #expect(Dateline.match(paragraph) == nil)
    }

    @Test func closingOriginallyPublishedLineNamesTheSource() {
        let page = PageParser.parse("""
            Embankment slip closes towpath
            March 12, 2025

            The river authority in Marlow Bend closed the old towpath on Wednesday after a section of the embankment slid into the water.
            This article was originally published by The Quayside Post.
            """, origin: "closing source")
        #expect(page.source == "The Quayside Post")
        #expect(page.paragraphs.count == 1)
    }

    @Test func bareArticleHasTitleBylineAndDateButNoAggregator() {
        let page = PageParser.parse("""
            Harbour council backs evening ferries after long dispute
            By Ana Ruiz and Tom Berg
            March 12, 2025

            The Lindhaven harbour council voted on Tuesday to add three evening ferry crossings to the island.
            Opposition members questioned the cost but the measure passed by eleven votes to four on Tuesday.
            """, origin: "bare")
        #expect(page.aggregator == nil)
        #expect(page.source == nil)
        #expect(page.title == "Harbour council backs evening ferries after long dispute")
        #expect(page.byline == "Ana Ruiz and Tom Berg")
        #expect(page.published == "2025-03-12")
        #expect(page.captured == nil)
        #expect(page.paragraphs.count == 2)
    }

    @Test func titleIsNeverInvented() {
        let page = PageParser.parse("""
            12 Mar 2025

            The Lindhaven harbour council voted on Tuesday to add three evening ferry crossings to the island.
            """, origin: "untitled")
        #expect(page.title == nil)
        #expect(page.paragraphs.count == 1)
    }

    @Test func relativeDateIsCountedFromTheCaptureDate() {
        let page = PageParser.parse("""
            NEWSSTACK
            Fetched 2025-03-14T18:30Z
            Harbour council backs evening ferries after long dispute
            3 hours ago

            The Lindhaven harbour council voted on Tuesday to add three evening ferry crossings to the island.
            """, origin: "relative")
        #expect(page.captured == "2025-03-14T18:30")
        #expect(page.published == "2025-03-14T15:30")
    }

    @Test func hardWrappedParagraphsAreRejoined() {
        let page = PageParser.parse("""
            Source: The Quayside Post
            Embankment slip closes towpath
            Published: 12.03.2025

            The river authority in Marlow Bend closed the old towpath on Wednesday
            after a section of the embankment slid into the water during the night,
            officials said.

            Engineers said the slip was caused by weeks of heavy rain and that nobody
            had been hurt.
            """, origin: "wrapped")
        #expect(page.paragraphs == [
            "The river authority in Marlow Bend closed the old towpath on Wednesday after a section of the embankment slid into the water during the night, officials said.",
            "Engineers said the slip was caused by weeks of heavy rain and that nobody had been hurt.",
        ])
        #expect(page.title == "Embankment slip closes towpath")
    }

    @Test func windowsTextWithInvisibleCharactersIsCleaned() {
        let page = PageParser.parse(
            "\u{FEFF}Embankment slip closes towpath\r\nMarch 12, 2025\r\n\r\n\tThe river\u{00A0}authority closed the tow\u{00AD}path on Wednesday after\u{200B} a section of the embankment slid into the water.  \r\n",
            origin: "windows")
        #expect(page.paragraphs == ["The river authority closed the towpath on Wednesday after a section of the embankment slid into the water."])
        #expect(page.title == "Embankment slip closes towpath")
    }

    @Test func decomposedAccentsAreComposed() {
        let line = TextNormalizer.normalizeLine("Zu\u{0308}rich")
        #expect(line == "Zürich")
        #expect(line.unicodeScalars.count == 6)
    }

    @Test func curlyAndStraightQuotesMatchAlike() {
        #expect(TextNormalizer.folded("We’d love “this”") == TextNormalizer.folded("We'd love \"this\""))
    }
}

@Suite("Line features")
struct LineFeatureTests {
    /// The byte-pair filter may only rule out phrases that are not there: every phrase found by a
    /// plain search is still found, and prefixes compare bytes.
    @Test func phraseTestsAgreeWithAPlainSearch() {
        let lines = ["Sign up for our newsletter today!", "Résumé: the café's owner said «no».", "a", "", "Photo: AP / Ana Ruiz",
                     "Follow us on Facebook and Twitter for the latest updates."]
        let phrases = ["sign up", "newsletter", "café", "owner said", "no", "a", "ap / ana", "follow us", "twitter for", "zz", "p:", "photo"]
        for text in lines {
            let line = LineFeatures(text)
            for phrase in phrases {
                #expect(line.has(phrase) == line.folded.contains(phrase), "\(phrase) in \(text)")
                #expect(line.begins(phrase) == line.folded.hasPrefix(phrase), "\(phrase) at the start of \(text)")
            }
            #expect(line.begins(""))
            let list: PhraseList = ["sign up", "newsletter", "café", "zz", "photo", "follow us", "twitter"]
            #expect(line.containsAny(list) == list.phrases.contains { line.has($0) })
            #expect(line.startsWithAny(list) == list.phrases.contains { line.begins($0) })
            #expect(line.count(of: list) == list.phrases.filter { line.has($0) }.count)
            #expect(line.countWholePhrases(list) == list.phrases.filter { line.containsPhrase($0) }.count)
        }
    }

    /// Words run from the first to the last letter or digit, apostrophes inside kept; phrases match
    /// whole words, compared as bytes for ASCII phrases and as Strings for others.
    @Test func wordsAndWholeWordPhrases() {
        let line = LineFeatures("'Quoted' we'd say: the café's 3 owners (AP) — naïve apple-pie dogs' bowls")
        #expect(line.words == ["quoted", "we'd", "say", "the", "cafe's", "3", "owners", "ap", "naive", "apple", "pie", "dogs", "bowls"]
            || line.words == ["quoted", "we'd", "say", "the", "café's", "3", "owners", "ap", "naïve", "apple", "pie", "dogs", "bowls"])
        #expect(line.wordCount == line.words.count)
        #expect(line.containsPhrase("ap"))
        #expect(!line.containsPhrase("app"))
        #expect(line.position(ofPhrase: "apple pie") == 9)
        #expect(line.position(ofPhrase: "say the") == 2)
        #expect(!line.containsPhrase("the cafe"))
        #expect(line.containsPhrase(line.words[8] + " apple"))
        #expect(!line.reportsSpeech)
        #expect(LineFeatures("The mayor said no.").reportsSpeech)
        #expect(!LineFeatures("Unsaid things.").reportsSpeech)
    }

    /// A line's bare text drops what surrounds its words, and whole-line lists compare with it.
    @Test func bareTextAndWholeLineLists() {
        #expect(LineFeatures("Take the survey »").bare == "take the survey")
        #expect(LineFeatures("« ‘Café’ »").bare == "café")
        #expect(LineFeatures("— ! —").bare == "")
        #expect(LineFeatures("» Advertisement «").bareByteCount == "advertisement".utf8.count)
        let list: LineSet = ["advertisement", "take the survey"]
        #expect(list.contains(LineFeatures("ADVERTISEMENT")))
        #expect(list.contains(LineFeatures(">>> Take the Survey!")))
        #expect(!list.contains(LineFeatures("Take the survey about the harbour")))
        #expect(!list.contains(LineFeatures("")))
    }

    /// Breadcrumbs: three or more pieces of at most three words; ASCII lines are read as bytes,
    /// others as characters, with the same answer.
    @Test(arguments: [
        ("Home | World | Business | Science", true), ("Home > World > Europe", true), ("News › Europe › France", true),
        ("Home | World", false), ("Home | World news and more today | Europe", false), ("a/b/c", true),
        ("| | Home | |", false), ("Sport · Football · Premier League", true), ("Café | Théâtre | Musées", true),
        ("Ferry times | 3 min read", false), ("Home |  World  | Business", true), ("|Home|World|", false),
    ])
    func breadcrumbTrails(text: String, expected: Bool) {
        #expect(HeaderLines.isBreadcrumbTrail(text) == expected)
    }
}
