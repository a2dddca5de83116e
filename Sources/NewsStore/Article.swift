/// A normalised article, as the page parser produces it and the writer stores it.
///
/// Dates are `YYYY-MM-DD` text (optionally with `THH:MM`), or nil when the page shows none.
public struct Article: Sendable, Codable, Equatable {
    public var source: String?
    public var aggregator: String?
    public var url: String?
    public var title: String?
    public var byline: String?
    public var dateline: String?
    public var imageCredit: String?
    public var published: String?
    public var captured: String?
    /// Wire agencies credited by the page, canonical names ("AP", "AFP", "Reuters").
    public var credits: [String]
    /// Clean body paragraphs; the first one is stored as the lead.
    public var paragraphs: [String]
    public var entities: [Entity]
    public var quotes: [Quote]
    /// Where the article came from: a file path, with ":line" or "#record" inside a dump.
    public var origin: String

    public init(
        source: String? = nil, aggregator: String? = nil, url: String? = nil, title: String? = nil,
        byline: String? = nil, dateline: String? = nil, imageCredit: String? = nil,
        published: String? = nil, captured: String? = nil, credits: [String] = [],
        paragraphs: [String] = [], entities: [Entity] = [], quotes: [Quote] = [], origin: String
    ) {
        self.source = source
        self.aggregator = aggregator
        self.url = url
        self.title = title
        self.byline = byline
        self.dateline = dateline
        self.imageCredit = imageCredit
        self.published = published
        self.captured = captured
        self.credits = credits
        self.paragraphs = paragraphs
        self.entities = entities
        self.quotes = quotes
        self.origin = origin
    }

    public var lead: String { paragraphs.first ?? "" }

    public var body: String { paragraphs.dropFirst().joined(separator: "\n\n") }

    /// Runs of non-space bytes, counted on UTF-8 (every space the normaliser leaves is ASCII).
    public var wordCount: Int {
        var count = 0
        for paragraph in paragraphs {
            // Over the contiguous bytes: iterating `utf8` cost about 23 instructions a byte.
            var paragraph = paragraph
            paragraph.withUTF8 { bytes in
                var inWord = false
                for byte in bytes {
                    let space = byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
                    if !space && !inWord { count += 1 }
                    inWord = !space
                }
            }
        }
        return count
    }
}

/// A named person, organisation or place, with the other spellings merged into it.
public struct Entity: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case person
        case organization
        case place
    }

    public var name: String
    public var type: Kind
    public var aliases: [String]
    public var mentions: Int
    /// Character offset of the first mention in the article's paragraphs joined by blank lines.
    public var firstOffset: Int

    public init(name: String, type: Kind, aliases: [String] = [], mentions: Int = 1, firstOffset: Int = 0) {
        self.name = name
        self.type = type
        self.aliases = aliases
        self.mentions = mentions
        self.firstOffset = firstOffset
    }
}

/// A quotation in the article, without its quote marks, and who said it when known.
public struct Quote: Sendable, Codable, Hashable {
    public var text: String
    /// The canonical entity name of the speaker when resolved, else the name as written, else nil.
    public var speaker: String?
    /// True for a fragment quoted inside a sentence rather than a full quoted statement.
    public var partial: Bool
    /// Character offset in the article's paragraphs joined by blank lines.
    public var position: Int

    public init(text: String, speaker: String? = nil, partial: Bool = false, position: Int = 0) {
        self.text = text
        self.speaker = speaker
        self.partial = partial
        self.position = position
    }
}
