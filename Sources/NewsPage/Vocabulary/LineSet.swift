/// Whole lines the rules recognise by their words alone ("advertisement", "take the survey"),
/// compared with a line's bare text: folded, from its first to its last letter or digit.
///
/// Every line of every page is looked up, and nearly all are longer than the longest entry, so
/// a length test refuses them before a String is made or hashed.
struct LineSet: ExpressibleByArrayLiteral, Sendable {
    private let lines: Set<String>
    /// The longest entry's UTF-8 length.
    private let longest: Int

    init(arrayLiteral lines: String...) {
        self.lines = Set(lines)
        longest = lines.map(\.utf8.count).max() ?? 0
    }

    func contains(_ line: LineFeatures) -> Bool {
        line.bareByteCount <= longest && lines.contains(line.bare)
    }
}
