/// What a rule of the table may look at when it decides one unit: the unit, its evidence, its
/// neighbours, its zone, and what the page has decided so far.
struct LineContext {
    let units: [PageUnit]
    let evidence: [LineEvidence]
    let index: Int
    let zone: LineExplanation.Zone
    /// Slashed dates read day first unless the header writes dates month first.
    let dayFirst: Bool
    /// The unit is among the last lines of the body or just after it, where credit lines stand.
    let closesArticle: Bool
    /// The first unit of the body.
    let bodyStart: Int
    /// The rule the unit before got, and the table row that gave it.
    let previousRule: LineRule?
    let previousRow: LineRuleTable.RowName?
    /// The unit before was the first of a source name shown twice.
    let previousStartedPair: Bool
    /// The unit is a widget inside the article (a "Related" heading and its links).
    let isWidget: Bool
    /// The page has its byline already.
    let hasByline: Bool

    var isBodyStart: Bool { index == bodyStart }
    var unit: PageUnit { units[index] }
    var line: LineFeatures { unit.features }
    var text: String { unit.text }
    var next: PageUnit? { index + 1 < units.count ? units[index + 1] : nil }
    var nextEvidence: LineEvidence? { index + 1 < evidence.count ? evidence[index + 1] : nil }
}
