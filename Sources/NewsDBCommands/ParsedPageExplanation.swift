import NewsPage
import NewsStore

/// `parse --explain`: every unit of a page with its zone, rule and evidence, as a table or as JSON lines.
enum ParsedPageExplanation {
    static func render(_ page: ParsedPage, json: Bool) -> String {
        json ? page.explanation.map(renderJSON).joined() : renderTable(page)
    }

    private static func renderTable(_ page: ParsedPage) -> String {
        var text = "# \(page.origin)\n"
        text += "lines     zone     rule              row                  shape      weight  score  text [evidence]\n"
        for line in page.explanation {
            let numbers = line.lines.count == 1 ? "\(line.lines[0])" : "\(line.lines[0])-\(line.lines[line.lines.count - 1])"
            let excerpt = line.text.count > 90 ? line.text.prefix(89) + "…" : Substring(line.text)
            let signs = line.signs.isEmpty ? "" : " [" + line.signs.joined(separator: ", ") + "]"
            text += padded(numbers, 9) + " " + padded(line.zone.rawValue, 8) + " " + padded(line.rule?.rawValue ?? "kept", 17) + " "
                + padded(line.row ?? "-", 20) + " " + padded(line.shape, 10) + " " + padded(format(line.weight), 6, left: true) + " "
                + padded(format(line.score), 6, left: true) + "  " + excerpt + signs + "\n"
        }
        return text
    }

    private static func renderJSON(_ line: LineExplanation) -> String {
        let members: [(String, String)] = [
            ("lines", "[" + line.lines.map(String.init).joined(separator: ", ") + "]"),
            ("zone", JSONText.string(line.zone.rawValue)),
            ("rule", JSONText.optional(line.rule?.rawValue)),
            ("row", JSONText.optional(line.row)),
            ("shape", JSONText.string(line.shape)),
            ("weight", format(line.weight)),
            ("score", format(line.score)),
            ("signs", "[" + line.signs.map(JSONText.string).joined(separator: ", ") + "]"),
            ("text", JSONText.string(line.text)),
        ]
        return "{" + members.map { JSONText.string($0.0) + ": " + $0.1 }.joined(separator: ", ") + "}\n"
    }

    /// One decimal at most: 12 or 3.5.
    private static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    private static func padded(_ text: String, _ width: Int, left: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return left ? padding + text : text + padding
    }
}
