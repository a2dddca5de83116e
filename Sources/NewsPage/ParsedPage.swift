/// One page read into the fields of an article, with every removed line and the rule that removed
/// it. Plain values only: the ingest pipeline maps it to the stored article.
public struct ParsedPage: Sendable {
    /// Where the page came from: a file path, or a dump's file and record.
    public var origin: String
    /// The publication that wrote the article, when the page names it.
    public var source: String?
    /// The site that showed it (a masthead at the top of an aggregator's page).
    public var aggregator: String?
    /// Publication and capture dates as ISO text, `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`.
    public var published: String?
    public var captured: String?
    public var title: String?
    public var byline: String?
    /// Where the page lives: its canonical URL when the page names one, else the address it was fetched from.
    public var url: String?
    /// The page's language as its markup declares it ("en", "pt-BR").
    public var language: String?
    /// "PARIS (AFP)", cut from the first paragraph.
    public var dateline: String?
    public var imageCredit: String?
    /// Wire agencies credited, canonical names.
    public var credits: [String] = []
    /// The article's body, one clean paragraph each.
    public var paragraphs: [String] = []
    public var removed: [RemovedLine] = []
    /// Lines kept in the body although no rule vouches for them (the parser keeps what it cannot classify).
    public var uncertainLines: [Int] = []
    /// The hashes of the page's short lines, for a load to count which lines a site repeats
    /// (`RecurringLines`), and of those among them the page kept as body text.
    public var templateHashes: [UInt64] = []
    public var keptTemplateHashes: [UInt64] = []
    /// The page's line count when it has more than `PageParser.maximumLines`: it was not read.
    public var tooLong: Int?
    /// Every unit with its zone, rule and evidence; filled only when `parse` is asked to explain.
    public var explanation: [LineExplanation] = []

    public init(origin: String) {
        self.origin = origin
    }

    /// The removed lines' text, in page order: the `boilerplate` field of `parse --json`.
    public var boilerplate: [String] { removed.map(\.text) }
}
