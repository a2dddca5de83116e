import Foundation

/// Writes a deterministic benchmark corpus: page files in three layouts, and the same articles as
/// JSONL and CSV. Sentences come from SampleData's stories, recombined with recurring names, a
/// Zipf-like choice of sentences and words, about 50 sources, ten years of dates (recent years
/// denser), ~5% exact and near duplicates, and a few malformed records.
struct CorpusGenerator {
    var random: SplitMix
    let sentences: [String]
    let people: [String]
    let places: [String]
    let organizations: [String]
    let sources: [String]
    let words: [String]

    init(seed: UInt64, sampleSentences: [String]) {
        random = SplitMix(seed: seed)
        sentences = sampleSentences
        let given = ["Ana", "Tomas", "Priya", "Jana", "Luca", "Camille", "Karel", "Ines", "Oskar", "Elena", "Marek", "Dana",
                     "Fiona", "Yusuf", "Gloria", "Klaus", "Harriet", "Rhys", "Petra", "Jakub", "Solène", "Théo", "Eirik", "Mara"]
        let family = ["Ruiz", "Berg", "Natarajan", "Petersen", "Moretti", "Roux", "Novak", "Kowalczyk", "Lindqvist", "Vasquez",
                      "Dvorsky", "Whitfield", "Castellanos", "Demir", "Adeyemi", "Oberhofer", "Quist", "Pemberton", "Lindgren",
                      "Sova", "Garnier", "Lambert", "Haugland", "Okonjo", "Brandauer", "Fenn", "Okafor", "Krug", "Hale", "Osei"]
        var people: [String] = []
        for index in 0..<300 { people.append(given[index % given.count] + " " + family[(index * 7 + index / given.count) % family.count]) }
        self.people = people
        let stems = ["Lind", "Alder", "Calder", "Elb", "Grün", "Vell", "Brenn", "West", "Ostra", "Skar", "Nord", "Aub", "Marl", "Kest"]
        let endings = ["haven", "brook", "mere", "mark", "au", "mar", "by", "field", "stad", "ford", "wick", "dale"]
        places = stems.flatMap { stem in endings.map { stem + $0 } }
        organizations = stems.flatMap { stem in
            ["\(stem) Harbour Authority", "\(stem) University", "\(stem) Growers Cooperative", "\(stem) Rail Union", "\(stem) Energy Group"]
        }
        let first = ["Coastal", "Valley", "Harbor", "Evening", "Northern", "Daily", "Morning", "County", "Riverside", "Mountain"]
        let second = ["Ledger", "Gazette", "Courier", "Standard", "Herald"]
        sources = first.flatMap { a in second.map { "The \(a) \($0)" } }
        words = sampleSentences.flatMap { $0.split(separator: " ").map { $0.trimmingCharacters(in: .punctuationCharacters).lowercased() } }
            .filter { $0.count > 3 && $0.allSatisfy(\.isLetter) }
    }

    /// An index from 0..<count, small ones far more often (Zipf, exponent about 1).
    mutating func zipf(_ count: Int) -> Int {
        let u = random.nextDouble()
        return min(count - 1, Int(pow(Double(count), u)) - 1)
    }

    struct GeneratedArticle {
        var title: String
        var paragraphs: [String]
        var source: String
        var published: String
        var byline: String
        var agencies: [String]
    }

    mutating func article(number: Int) -> GeneratedArticle {
        let person = people[zipf(people.count)]
        let other = people[zipf(people.count)]
        let place = places[zipf(places.count)]
        let organization = organizations[zipf(organizations.count)]
        var paragraphs: [String] = []
        let count = 5 + random.next(6)
        for index in 0..<count {
            var sentence = sentences[zipf(sentences.count)]
            let extra = (0..<3).map { _ in words[zipf(words.count)] }.joined(separator: " ")
            switch index % 4 {
            case 0: sentence = "In \(place), \(person) said the \(extra) would matter for the \(organization) this year. " + sentence
            case 1: sentence = "“We have \(extra) to do, and we will do it,” \(person) told reporters on day \(number % 28 + 1). " + sentence
            case 2: sentence += " \(other), who works for the \(organization), said the \(extra) was \(number % 97) percent done."
            default: sentence += " Officials in \(place) counted \(number) \(extra)."
            }
            paragraphs.append(sentence)
        }
        let year = 2016 + min(9, Int(10 * random.nextDouble().squareRoot()))
        let published = String(format: "%04d-%02d-%02d", year, random.next(12) + 1, random.next(28) + 1)
        let title = "\(person) says \(words[zipf(words.count)]) plan for \(place) is \(words[zipf(words.count)])"
        let agencies = [["AP"], ["AFP"], ["Reuters"], ["AP", "AFP"], [], [], []][random.next(7)]
        return GeneratedArticle(title: title, paragraphs: paragraphs, source: sources[zipf(sources.count)], published: published,
                                byline: people[random.next(people.count)], agencies: agencies)
    }

    /// The page text of an article in one of three layouts (seed-like aggregator, portal, bare).
    func page(_ article: GeneratedArticle, layout: Int, captured: String) -> String {
        var lines: [String] = []
        let date = article.published
        switch layout {
        case 0:
            lines += ["THE AMERICA ONE NEWS", "\(monthName(date)) \(Int(date.suffix(2))!), \(date.prefix(4)) \u{00A0}|\u{00A0}", "0", " | Remer,MN",
                      "Sponsor:\u{00A0} QWIKET", "back", "topic", article.source, article.source, date, "", "", "Images \(article.source)", ""]
            for (index, paragraph) in article.paragraphs.enumerated() {
                lines += [paragraph, ""]
                if index == 2 {
                    lines += ["We’d love to hear your thoughts on \(article.source)! Take this quick survey to help us improve it for you.", "Take the survey", ""]
                }
            }
            if !article.agencies.isEmpty { lines.append("\(article.source) with \(article.agencies.joined(separator: " and "))") }
        case 1:
            lines += ["WORLD PULSE DAILY", "Home | World | Business | Science", "Captured \(captured)", article.title, "By \(article.byline)",
                      "Source: \(article.source)", "Published \(date)", ""]
            for (index, paragraph) in article.paragraphs.enumerated() {
                lines.append(paragraph)
                if index == 1 { lines.append("Advertisement") }
            }
            lines += ["Share: Facebook | X | Email", "© 2025 World Pulse Daily. All rights reserved."]
        default:
            lines += [article.title, "By \(article.byline)", date, ""]
            lines += article.paragraphs.flatMap { [$0, ""] }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func monthName(_ date: String) -> String {
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][Int(date.dropFirst(5).prefix(2))! - 1]
    }
}

/// A small deterministic random generator (SplitMix64).
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 { nextUInt64() }

    mutating func nextUInt64() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    mutating func next(_ bound: Int) -> Int { Int(nextUInt64() % UInt64(bound)) }
    mutating func nextDouble() -> Double { Double(nextUInt64() >> 11) / Double(1 << 53) }
}
