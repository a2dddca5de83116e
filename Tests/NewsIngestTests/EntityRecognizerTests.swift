import NewsStore
import Testing
@testable import NewsIngest

@Suite("Entities")
struct EntityRecognizerTests {
    func entities(_ paragraphs: String...) -> [String: Entity] {
        Dictionary(EntityRecognizer.entities(in: paragraphs).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    @Test func titlesMarkPeopleAndSurnamesMergeIntoTheFullName() throws {
        let found = entities(
            "President Anton Vell of Marovia met Kremlin spokesperson Dmitri Orlov in Moscow on Monday.",
            "Vell said the talks were useful. Orlov declined to comment."
        )
        let vell = try #require(found["Anton Vell"])
        #expect(vell.type == .person)
        #expect(vell.aliases == ["Vell"])
        #expect(vell.mentions == 2)
        #expect(found["Dmitri Orlov"]?.type == .person)
        #expect(found["Kremlin"]?.type == .organization)
        #expect(found["Moscow"]?.type == .place)
        #expect(found["President Anton Vell"] == nil)
    }

    @Test func namesWithAnArticleOrATradeWordAreOrganisations() {
        let found = entities(
            "The Harbour City Gulls beat the Marlow Bend Otters on Friday, while Kestrel Robotics and Tallow Productions signed a deal.",
            "Coach Ines Varga said the Marlow Bend Otters would recover. Tomas Berg agreed."
        )
        #expect(found["Harbour City Gulls"]?.type == .organization)
        #expect(found["Marlow Bend Otters"]?.type == .organization)
        #expect(found["Kestrel Robotics"]?.type == .organization)
        #expect(found["Tallow Productions"]?.type == .organization)
        #expect(found["Ines Varga"]?.type == .person)
        #expect(found["Tomas Berg"]?.type == .person)
    }

    @Test func aTitleAfterAnOrganisationStillMarksThePersonAfterIt() {
        let found = entities("The plan was approved, said Harbour Authority Director Ines Varga, and General Motors Co declined to comment.")
        #expect(found["Ines Varga"]?.type == .person)
        #expect(found["Harbour Authority"]?.type == .organization)
        #expect(found["General Motors Co"]?.type == .organization)
    }

    @Test func aRegionsPartIsAPlace() {
        let found = entities("Storms crossed Southern Marovia and Inner Calderra on Tuesday, the weather service said.")
        #expect(found["Southern Marovia"]?.type == .place)
        #expect(found["Inner Calderra"]?.type == .place)
    }

    @Test func headlineCaseParagraphsGiveOnlyKnownNames() {
        let found = entities(
            "Ferry Fares Rise Again As Harbour Council Weighs Winter Timetable In Paris",
            "Councillor Mara Okonjo said the fares would rise in March."
        )
        #expect(found["Ferry Fares Rise Again"] == nil)
        #expect(found["Harbour Council Weighs Winter Timetable"] == nil)
        #expect(found["Paris"]?.type == .place)
        #expect(found["Mara Okonjo"]?.type == .person)
    }

    @Test func aNationalityOrAPositionBeforeANameIsNoPartOfIt() {
        let found = entities(
            "Norwegian Tomas Berg scored twice, and Defenseman Ines Varga blocked a late shot, the Norwegian Ferry Association said."
        )
        #expect(found["Tomas Berg"]?.type == .person)
        #expect(found["Ines Varga"]?.type == .person)
        #expect(found["Norwegian Ferry Association"]?.type == .organization)
    }

    @Test(arguments: [("QuayLink", true), ("HarbourNet", true), ("McAllister", false), ("DeVries", false), ("Okonjo", false), ("NATO", false)])
    func camelCaseWordsAreBrands(word: String, brand: Bool) {
        #expect(EntityRecognizer.isCamelCaseBrand(word) == brand)
    }

    @Test func whereSomeoneWorksAndWhatIsTradedAreOrganisations() {
        let found = entities("Ines Varga, an analyst at Marrow Quist, said shares of Tallow Benn fell on Monday.")
        #expect(found["Marrow Quist"]?.type == .organization)
        #expect(found["Tallow Benn"]?.type == .organization)
        #expect(found["Ines Varga"]?.type == .person)
    }

    @Test(arguments: [("LINDHAVEN, Norway", "Lindhaven"), ("PORT CALDER (AP)", "Port Calder"), ("PARIS —", "Paris"), ("(AP)", nil)] as [(String, String?)])
    func aDatelineNamesAPlace(dateline: String, place: String?) {
        #expect(Extraction.datelinePlace(dateline) == place)
    }

    @Test func theDatelineCityCountsAsAMention() {
        let found = Extraction.extract(from: ["The harbour council voted on Tuesday to keep the evening ferry."], dateline: "LINDHAVEN (AP)").entities
        #expect(found.first { $0.name == "Lindhaven" }?.type == .place)
    }

    @Test func usSpellingsAreOnePlace() throws {
        let found = entities("The US and the United States are the same country, as is the U.S. in headlines.")
        let place = try #require(found["United States"])
        #expect(place.type == .place)
        #expect(place.mentions == 3)
        #expect(Set(place.aliases) == ["US", "U.S."])
    }

    @Test(arguments: [
        ("Engineers at Halden University warned of delays.", "Halden University", Entity.Kind.organization),
        ("The Union of Rail Workers called a strike.", "Union of Rail Workers", .organization),
        ("The bakery on Mill Street will close.", "Mill Street", .place),
        ("A girl from Westmere won the title.", "Westmere", .place),
        ("Rain flooded the island of Skarvøy overnight.", "Skarvøy", .place),
        ("Vans will tour the Vellmar region from February.", "Vellmar", .place),
        ("Voltaris, a start-up that recycles batteries, raised money.", "Voltaris", .organization),
        ("The haulage association LBV warned of long diversions.", "LBV", .organization),
        ("Trams will return to Port Calder next year.", "Port Calder", .place),
        ("Shops on the Rue des Tanneurs asked for help.", "Rue des Tanneurs", .place),
        ("Russia's forces advanced in the Kursk region.", "Russia", .place),
    ])
    func cuesGiveTheType(sentence: String, name: String, type: Entity.Kind) throws {
        let entity = try #require(entities(sentence)[name], "\(name) not found in \(sentence)")
        #expect(entity.type == type)
    }

    @Test(arguments: [
        "Meanwhile the council met again on Tuesday.",
        "Russian troops and North Korean soldiers were seen.",
        "The Geneva Convention forbids it.",
        "Emergency services evacuated about 600 people.",
        "Police said nobody was hurt.",
        "It was shown on state TV in March.",
    ])
    func openersDemonymsEventsAndCommonWordsAreNotEntities(sentence: String) {
        let found = EntityRecognizer.entities(in: [sentence])
        #expect(found.filter { $0.type == .person }.isEmpty, "\(found)")
        #expect(!found.contains { ["Meanwhile", "Russian", "North Korean", "Emergency", "Police", "TV", "Geneva Convention"].contains($0.name) })
    }

    @Test func possessivesEndNames() {
        let found = entities("Putin hailed the army's gains in Russia's Kursk region.")
        #expect(found["Russia Kursk"] == nil)
        #expect(found["Kursk"]?.type == .place)
    }

    /// The byte-level acronym test agrees with the definition by Characters on ASCII and not.
    @Test(arguments: ["NATO", "U.S.", "AT&T", "Nato", "A", "ABCDEFG", "ABCDEF", "TV", "X1", "E.U", "ÉDF", "ÖBB", "&&", "N.A.T.O."])
    func acronymsByBytesMatchTheDefinition(word: String) {
        let letters = word.filter(\.isLetter)
        let expected = !EntityRecognizer.commonAcronyms.contains(word) && (2...6).contains(letters.count)
            && letters.allSatisfy(\.isUppercase) && word.allSatisfy { $0.isLetter || $0 == "." || $0 == "&" }
        #expect(EntityRecognizer.isAcronym(word) == expected)
    }
}
