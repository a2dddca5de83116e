/// One unit of a page as `parse --explain` shows it: where it sits, what decided it, and the
/// evidence the decision read.
public struct LineExplanation: Sendable {
    /// Where a unit sits relative to the article.
    public enum Zone: String, Sendable, CaseIterable {
        /// Above the article's first body paragraph.
        case header
        /// From the first body paragraph to the last.
        case body
        /// After the article's last paragraph.
        case trailer

        /// The zone's place in `allCases`.
        var index: Int {
            switch self {
            case .header: 0
            case .body: 1
            case .trailer: 2
            }
        }
    }

    /// 1-based line numbers of the unit in the page.
    public var lines: [Int]
    public var zone: Zone
    /// The rule that removed the unit, or nil when it is kept as body text.
    public var rule: LineRule?
    /// The rule table's row that decided the unit ("header-date", "furniture"), or nil when no row matched.
    public var row: String?
    /// The unit's shape ("prose", "list-link", …).
    public var shape: String
    /// Length in words (Chinese and Japanese characters two to a word).
    public var weight: Double
    /// What the unit adds to, or takes from, the article region's score.
    public var score: Double
    /// Other evidence that fired: "comment-sign", "end-marker:comments", "furniture:share", …
    public var signs: [String]
    public var text: String
}

extension LineExplanation {
    /// The explanation of every unit, from the evidence and the decisions the parser made.
    static func explain(
        units: [PageUnit], evidence: [LineEvidence], rules: [LineRule?], rows: [LineRuleTable.RowName?],
        bodyStart: Int, articleEnd: Int
    ) -> [LineExplanation] {
        let scores = ArticleRegion.scores(of: evidence)
        let teasers = ArticleRegion.teaserUnits(in: evidence)
        let repeats = ArticleRegion.repeatedUnits(in: evidence)
        return units.indices.map { index in
            let line = evidence[index]
            var signs: [String] = []
            if let rule = line.strongRule { signs.append("furniture:" + rule.rawValue) }
            if line.isCommentSign { signs.append("comment-sign") }
            if line.recurs { signs.append("recurring") }
            if let marker = line.endMarker { signs.append("end-marker:" + marker.rawValue) }
            if teasers.contains(index) { signs.append("teaser") }
            if repeats.contains(index) { signs.append("repeated") }
            let zone: Zone = index < bodyStart ? .header : index < articleEnd ? .body : .trailer
            return LineExplanation(
                lines: units[index].lines, zone: zone, rule: rules[index], row: rows[index]?.rawValue, shape: line.shape.rawValue,
                weight: line.weight, score: scores[index], signs: signs, text: units[index].text
            )
        }
    }
}
