/// Why a line of a page is not part of the article body. The raw value is what `parse` prints.
public enum LineRule: String, Sendable, Codable, CaseIterable {
    case masthead
    case captureDate = "capture-date"
    case commentCount = "comment-count"
    case readerLocation = "reader-location"
    case sponsor
    case navigation
    case source
    case publishedDate = "published-date"
    case title
    case byline
    case dateline
    case imageCredit = "image-credit"
    case advertisement
    case promo
    case newsletter
    case share
    case cookie
    case related
    case tags
    case copyright
    case comments
    /// Paywall, translation and editorial-standards notices.
    case notice
    case creditLine = "credit-line"
    /// A short line before the body that no other rule explains (a section name, a widget label).
    case header
    /// A short line after the last paragraph that is not a sentence.
    case trailer
    /// A line that other pages of the same site repeat word for word (learnt during a load).
    case recurring
    /// A line outside the article's region (menus, teasers, other stories, comments) that no other rule explains.
    case outsideArticle = "outside-article"
}

/// One removed line: where it was, what it said, and the rule that removed it.
public struct RemovedLine: Sendable, Hashable, Codable {
    public var line: Int
    public var text: String
    public var rule: LineRule
}
