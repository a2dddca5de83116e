import Foundation
import NewsStore

/// Search results as text for people, or JSON, JSON lines and CSV for scripts.
enum SearchRenderer {
    static func render(_ result: SearchResult, query: String, request: SearchRequest, format: OutputFormat, style: TextStyle) -> String {
        switch format {
        case .table: table(result, query: query, request: request, style: style)
        case .json: json(result, query: query)
        case .jsonl: result.hits.map { hitJSON($0) + "\n" }.joined()
        case .csv: csv(result)
        }
    }

    static func milliseconds(_ duration: Duration) -> String {
        String(format: "%.1f ms", Double(duration.components.attoseconds) / 1e15 + Double(duration.components.seconds) * 1000)
    }

    static func table(_ result: SearchResult, query: String, request: SearchRequest, style: TextStyle) -> String {
        var text = style.strong("\(result.total) \(result.total == 1 ? "article" : "articles")")
        text += query.isEmpty ? "" : " for \(query)"
        text += " (\(milliseconds(result.elapsed)))"
        if result.total > 0, !result.hits.isEmpty {
            text += ", showing \(request.offset + 1)–\(request.offset + result.hits.count)"
        }
        text += "\n"
        for (index, hit) in result.hits.enumerated() {
            let number = "\(request.offset + index + 1)."
            text += "\n" + number.padding(toLength: 4, withPad: " ", startingAt: 0) + style.strong(truncate(hit.displayTitle, to: style.width - 4)) + "\n"
            var meta = [hit.source ?? "unknown source", hit.published.map { String($0.prefix(10)) } ?? "undated", "#\(hit.id)"]
            if request.expression != nil { meta.append(String(format: "score %.2f", -hit.score)) }
            text += "    " + meta.joined(separator: " · ") + "\n"
            text += style.wrap(hit.snippet, indent: 4) + "\n"
        }
        for (kind, counts) in result.facets {
            text += "\n" + style.strong(kind.rawValue) + "\n"
            if counts.isEmpty {
                text += "    (none)\n"
                continue
            }
            let labelWidth = min(40, counts.map(\.value.count).max() ?? 0)
            let largest = counts.map(\.count).max() ?? 1
            let numberWidth = String(largest).count
            let barRoom = max(10, min(40, style.width - labelWidth - numberWidth - 10))
            for count in counts {
                let label = truncate(count.value, to: labelWidth).padding(toLength: labelWidth, withPad: " ", startingAt: 0)
                let number = String(repeating: " ", count: numberWidth - String(count.count).count) + String(count.count)
                var line = "    \(label)  \(number)"
                if kind.isDate {
                    line += "  " + String(repeating: "█", count: max(1, count.count * barRoom / largest))
                }
                text += line + "\n"
            }
        }
        return text
    }

    static func truncate(_ text: String, to width: Int) -> String {
        text.count <= width ? text : String(text.prefix(max(1, width - 1))) + "…"
    }

    static func plainSnippet(_ snippet: String) -> String {
        TextStyle(bold: false, width: 0).highlight(snippet)
    }

    /// BM25 as a positive number to four places; a filter-only search scores 0, never "-0.0000".
    static func scoreText(_ hit: SearchHit) -> String {
        let rounded = (-hit.score * 10_000).rounded() / 10_000
        return String(format: "%.4f", rounded == 0 ? 0 : rounded)
    }

    static func hitJSON(_ hit: SearchHit) -> String {
        let fields: [(String, String)] = [
            ("id", String(hit.id)),
            ("title", hit.title.map(JSONText.string) ?? "null"),
            ("display_title", JSONText.string(hit.displayTitle)),
            ("source", hit.source.map(JSONText.string) ?? "null"),
            ("published", hit.published.map(JSONText.string) ?? "null"),
            ("score", scoreText(hit)),
            ("snippet", JSONText.string(plainSnippet(hit.snippet))),
        ]
        return "{" + fields.map { JSONText.string($0.0) + ": " + $0.1 }.joined(separator: ", ") + "}"
    }

    static func json(_ result: SearchResult, query: String) -> String {
        let facets = result.facets.map { kind, counts in
            JSONText.string(kind.rawValue) + ": [" + counts.map {
                "{\"value\": \(JSONText.string($0.value)), \"count\": \($0.count)}"
            }.joined(separator: ", ") + "]"
        }
        // No timing here: the data is the same for the same database and query (the table shows the time).
        return """
            {"query": \(JSONText.string(query)), "total": \(result.total), \
            "hits": [\(result.hits.map(hitJSON).joined(separator: ", "))], "facets": {\(facets.joined(separator: ", "))}}

            """
    }

    static func csv(_ result: SearchResult) -> String {
        var lines = ["id,title,source,published,score,snippet"]
        for hit in result.hits {
            lines.append([String(hit.id), hit.displayTitle, hit.source ?? "", hit.published ?? "", scoreText(hit), plainSnippet(hit.snippet)]
                .map(CSVText.field).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
