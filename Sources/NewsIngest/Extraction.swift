import Foundation
import NewsStore

/// Entities and quotes from an article's paragraphs, the way ingest finds them: the text is cut
/// into tokens once and the entity mentions found once, then shared by both extractors.
public enum Extraction {
    /// `dateline` ("WASHINGTON (AP)"), cut from the first paragraph before, names the place the story
    /// was filed from: it counts as a mention of that place.
    public static func extract(from paragraphs: [String], dateline: String? = nil) -> (entities: [Entity], quotes: [Quote]) {
        let text = ArticleText(paragraphs: paragraphs)
        let mentions = EntityRecognizer.mentions(in: text)
        var entities = EntityRecognizer.aggregate(mentions)
        if let place = dateline.flatMap(datelinePlace) {
            if let index = entities.firstIndex(where: { $0.type == .place && $0.name == place }) {
                entities[index].mentions += 1
            } else {
                entities.append(Entity(name: place, type: .place, aliases: [], mentions: 1, firstOffset: 0))
            }
        }
        return (entities, QuoteExtractor.quotes(in: text, mentions: mentions))
    }

    /// The place a dateline names, as the text would write it: "WASHINGTON (AP)" is Washington,
    /// "LOS ANGELES, Calif." is Los Angeles; the gazetteer's form when it knows the place.
    static func datelinePlace(_ dateline: String) -> String? {
        let city = dateline.prefix { $0 != "(" && $0 != "," && $0 != "—" && $0 != "–" && $0 != "-" }
            .trimmingCharacters(in: .whitespaces)
        let words = city.split(separator: " ")
        guard !words.isEmpty, words.count <= 4, city.contains(where: \.isLetter) else { return nil }
        let written = words.map { word in
            word.count <= 2 && word.allSatisfy(\.isUppercase) ? String(word) : word.prefix(1).uppercased() + word.dropFirst().lowercased()
        }.joined(separator: " ")
        if case .place(let canonical) = Gazetteer.known[written] { return canonical }
        return written
    }
}
