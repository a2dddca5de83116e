import Testing
@testable import NewsIngest

@Suite("Quotes")
struct QuoteExtractorTests {
    func quotes(_ paragraphs: String...) -> [(text: String, speaker: String?, partial: Bool)] {
        QuoteExtractor.quotes(in: paragraphs).map { ($0.text, $0.speaker, $0.partial) }
    }

    static let intro = "Mayor Gloria Adeyemi and councillor Mara Okonjo met residents of Port Calder on Monday."

    @Test(arguments: [
        ("“We will rebuild the wall,” Adeyemi said.", "We will rebuild the wall,", "Gloria Adeyemi"),
        ("\"We will rebuild the wall,\" said Okonjo, who chairs the committee.", "We will rebuild the wall,", "Mara Okonjo"),
        ("Adeyemi said: \"We will rebuild the wall.\"", "We will rebuild the wall.", "Gloria Adeyemi"),
        ("Okonjo said in a post, “We will rebuild the wall.”", "We will rebuild the wall.", "Mara Okonjo"),
        ("“We will rebuild the wall,” Okonjo told reporters at the harbour.", "We will rebuild the wall,", "Mara Okonjo"),
        ("She added: “We will rebuild the wall.”", "We will rebuild the wall.", "Mara Okonjo"),
        ("“We will rebuild the wall,” she said.", "We will rebuild the wall,", "Mara Okonjo"),
        ("The wall will be rebuilt, according to Adeyemi, who said: “Work starts in May.”", "Work starts in May.", "Gloria Adeyemi"),
        ("The Harbour Authority said in a statement: “Work starts in May.”", "Work starts in May.", "Harbour Authority"),
    ])
    func attributionPatterns(sentence: String, text: String, speaker: String) throws {
        let found = quotes(Self.intro, sentence)
        let quote = try #require(found.first)
        #expect(quote.text == text)
        #expect(quote.speaker == speaker)
        #expect(!quote.partial)
    }

    @Test func followingQuoteWithoutWordsOfItsOwnKeepsTheSpeaker() {
        let found = quotes("“People waited forty minutes in the rain,” Mara Okonjo told the meeting. “That ends in April.”")
        #expect(found.map(\.speaker) == ["Mara Okonjo", "Mara Okonjo"])
    }

    @Test func aParagraphThatIsOnlyAQuoteGoesOnInThePreviousSpeakersVoice() {
        let found = quotes(
            Self.intro,
            "“The wall comes first,” Okonjo said at the meeting.",
            "“After that we look at the ferry timetable, and not before.”",
            "Residents asked about the “temporary” closure of the quay."
        )
        #expect(found.map(\.speaker) == ["Mara Okonjo", "Mara Okonjo", nil])
    }

    @Test func aDescriptionRefersBackToTheLastNamed() {
        let found = quotes(
            "Nordvik Ferries rejected the council's figures on Tuesday.",
            "“The timetable is final,” the company said in a statement.",
            "Mara Okonjo, the councillor who led the campaign, disagreed. “We will appeal,” said the councillor.",
            "“Nobody told us,” the official said."
        )
        #expect(found.map(\.speaker) == ["Nordvik Ferries", "Mara Okonjo", nil])
    }

    @Test func aSpeakerSetOffByALongDescriptionOrIntroducedByAnOrganisation() {
        let found = quotes(
            "“The quay is safe,” Mara Okonjo, the councillor who has led the harbour committee since its first meeting in 2019, said on Tuesday.",
            "“Work starts in May,” said Harbour Authority Director Gloria Adeyemi."
        )
        #expect(found.map(\.speaker) == ["Mara Okonjo", "Gloria Adeyemi"])
    }

    @Test func heIsTheSubjectNotTheLastNameMentioned() {
        let found = quotes(
            "Tomas Berg, who represents the crew, said the ferry was sound.",
            "Berg would not say whether the captain, Ines Varga, had slept. “Nobody cut corners,” he said."
        )
        #expect(found.first?.speaker == "Tomas Berg")
    }

    @Test func readerCuesInLongerSentences() {
        let found = quotes(
            Self.intro,
            "Sen. Ines Varga, R-Neb., called the closure “a failure of planning” on Monday.",
            "Knowing that the ferry is called Skarv and sails twice a day, Okonjo asked, “Why cut the last boat?”",
            "“The wall will hold,” harbour engineer and survey co-author Tomas Berg, who led the inspection last spring, said in a report.",
            "The closures were “deeply unfair” and, for now, “we will keep the quay open,” Mayor Gloria Adeyemi said.",
            "Residents may think the delays are “temporary,” and plan around them for weeks, she added."
        )
        #expect(found.map(\.speaker) == ["Ines Varga", "Mara Okonjo", "Tomas Berg", "Gloria Adeyemi", "Gloria Adeyemi", "Gloria Adeyemi"])
    }

    @Test func theOneToldIsTheListenerAndAStatementReads() {
        let found = quotes(
            Self.intro,
            "Nordvik Ferries published a statement on its website on Tuesday.",
            "“The timetable is final,” the statement read. “No boat will be cut.”",
            "“We keep our promises,” Okonjo told Harbour Radio."
        )
        #expect(found.map(\.speaker) == ["Nordvik Ferries", "Nordvik Ferries", "Mara Okonjo"])
    }

    @Test func anAttributionJustBeforeAndSubjectsAfterAFewWords() {
        let found = quotes(
            "Ferry defender Tomas Berg, who joked about the weather, could see the captain's worry.",
            "“She is used to calm seas,” he said.",
            "The crew do not always follow the timetable, he said. “But should they lose their jobs for it?”",
            "Nordvik Ferries denied the report in a statement on Monday.",
            "“No crossing was cancelled,” the ferry company said in a note to the press."
        )
        #expect(found.map(\.speaker) == ["Tomas Berg", "Tomas Berg", "Nordvik Ferries"])
    }

    @Test func quoteRunningOverParagraphsIsOneQuote() {
        let found = quotes(
            "“At first nobody believed me,” Harriet Quist recalled. “I sent the images to three observatories.",
            "“Only the third one wrote back.”",
            "Astronomers confirmed the find."
        )
        #expect(found.count == 2)
        #expect(found[1].text == "I sent the images to three observatories. Only the third one wrote back.")
        #expect(found[1].speaker == "Harriet Quist")
    }

    @Test func embeddedFragmentIsPartialAndTakesTheSubject() throws {
        let found = quotes("President Anton Vell said the captured men should be \"treated as criminals\" under the law.")
        let quote = try #require(found.first)
        #expect(quote.partial)
        #expect(quote.text == "treated as criminals")
        #expect(quote.speaker == "Anton Vell")
    }

    @Test func scareQuoteHasNoSpeaker() throws {
        let found = quotes("Several men were put on trial for \"terrorism.\"")
        #expect(found.first?.speaker == nil)
        #expect(found.first?.partial == true)
    }

    @Test func nestedSingleQuotesStayInside() {
        let found = quotes("He said: \"People ask me 'what does it taste like?' every day.\"")
        #expect(found.first?.text == "People ask me 'what does it taste like?' every day.")
    }

    @Test func participleAttributesToTheSentenceSubject() {
        let found = quotes("Anton Vell did not say whether he would meet Dmitri Orlov, but added there were \"good signs\" from Moscow, saying: \"I hope we agree soon.\"")
        #expect(found.map(\.speaker) == ["Anton Vell", "Anton Vell"])
    }
}
