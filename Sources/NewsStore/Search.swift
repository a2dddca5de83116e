import Foundation

/// What to search for and how to present it.
public struct SearchRequest: Sendable {
    public enum Sort: String, Sendable, CaseIterable {
        case relevance, newest, oldest
    }

    public var query: SearchQuery
    /// A raw FTS5 expression used instead of the parsed one (`--fts`), for experts.
    public var rawExpression: String?
    public var sort: Sort = .relevance
    public var limit = 10
    public var offset = 0
    public var facets: [FacetKind] = []
    public var facetSize = 10

    public init(query: SearchQuery, rawExpression: String? = nil) {
        self.query = query
        self.rawExpression = rawExpression
    }

    public var expression: String? { rawExpression ?? query.expression }
}

/// The dimensions facet counts are given for.
public enum FacetKind: String, Sendable, CaseIterable {
    case source, aggregator, agency, person, place, org, year, month, day

    /// The default set for `--facets`.
    public static let defaults: [FacetKind] = [.source, .month, .person, .place, .org, .agency]

    public var isDate: Bool { self == .year || self == .month || self == .day }
}

/// One article in the results.
public struct SearchHit: Sendable, Equatable {
    public var id: Int64
    /// The page's title, or nil when the page showed none.
    public var title: String?
    /// The first sentence of the lead, shown when there is no title.
    public var leadSentence: String
    public var source: String?
    public var published: String?
    /// BM25 score (lower is better, as SQLite reports it); 0 when the query only filters.
    public var score: Double
    /// Context around the matches; matched terms are wrapped in `SearchHit.highlightStart`/`End`.
    public var snippet: String

    public static let highlightStart: Character = "\u{2}"
    public static let highlightEnd: Character = "\u{3}"

    public var displayTitle: String { title ?? leadSentence }
}

public struct FacetCount: Sendable, Equatable {
    public var value: String
    public var count: Int

    public init(value: String, count: Int) {
        self.value = value
        self.count = count
    }
}

public struct SearchResult: Sendable {
    public var total: Int
    public var hits: [SearchHit]
    public var facets: [(kind: FacetKind, counts: [FacetCount])]
    public var elapsed: Duration
}

/// A malformed `--fts` expression: SQLite's own message.
public struct RawExpressionError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { "the FTS5 expression is not valid: \(message)" }
}
