import NewsStore

/// Pure functions from column names and rows to printable text, one per output format.
enum RowRenderer {
    /// How a column reads in JSON when its SQL value is flat: 0/1 as a boolean, or text holding a list
    /// as an array (tables and CSV keep the flat value).
    enum JSONShape {
        case boolean
        case list(separator: String)
    }

    static func render(columns: [String], rows: [Row], as format: OutputFormat, shapes: [String: JSONShape] = [:]) -> String {
        switch format {
        case .table: table(columns: columns, rows: rows)
        case .csv: csv(columns: columns, rows: rows)
        case .json: json(columns: columns, rows: rows, shapes: shapes)
        case .jsonl: jsonLines(columns: columns, rows: rows, shapes: shapes)
        }
    }

    /// Columns padded to their widest cell, numbers right-aligned, a rule under the header.
    static func table(columns: [String], rows: [Row]) -> String {
        let cells = rows.map { row in row.values.map(tableCell) }
        var widths = columns.map(\.count)
        for line in cells {
            for (index, cell) in line.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        func pad(_ text: String, _ width: Int, right: Bool) -> String {
            let padding = String(repeating: " ", count: max(0, width - text.count))
            return right ? padding + text : text + padding
        }
        var lines = [zip(columns, widths).map { pad($0, $1, right: false) }.joined(separator: "  ")]
        lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        for (row, line) in zip(rows, cells) {
            let padded = line.enumerated().map { index, cell in
                pad(cell, widths[index], right: row.values[index].isNumber)
            }
            lines.append(padded.joined(separator: "  "))
        }
        lines = lines.map { line in String(line.reversed().drop(while: { $0 == " " }).reversed()) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Characters of a cell a table shows: a table is for reading, and a column as wide as a whole
    /// article (or a megabyte blob) would take longer to lay out than the query took to run.
    static let tableCellCharacters = 500

    /// True when a table shows the value cut.
    static func isCut(_ value: SQLValue) -> Bool {
        switch value {
        case .text(let text): text.utf8.count > tableCellCharacters && text.count > tableCellCharacters
        case .blob(let bytes): bytes.count * 2 > tableCellCharacters
        default: false
        }
    }

    private static func tableCell(_ value: SQLValue) -> String {
        var text: String
        switch value {
        case .null: return "NULL"
        case .text(let value): text = value
        case .blob(let bytes): text = plainText(.blob(Array(bytes.prefix(tableCellCharacters / 2 + 1))))
        default: return plainText(value)
        }
        if text.utf8.count > tableCellCharacters, text.count > tableCellCharacters { text = String(text.prefix(tableCellCharacters - 1)) + "…" }
        // One row per line: line breaks inside a cell are shown, not obeyed.
        return text.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// RFC 4180: a header row, fields quoted when they hold a comma, quote or line break; NULL is empty.
    static func csv(columns: [String], rows: [Row]) -> String {
        var lines = [columns.map(CSVText.field).joined(separator: ",")]
        for row in rows {
            lines.append(row.values.map { CSVText.field($0.isNull ? "" : plainText($0)) }.joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func json(columns: [String], rows: [Row], shapes: [String: JSONShape] = [:]) -> String {
        guard !rows.isEmpty else { return "[]\n" }
        return "[\n" + rows.map { "  " + jsonObject(columns: columns, row: $0, shapes: shapes) }.joined(separator: ",\n") + "\n]\n"
    }

    static func jsonLines(columns: [String], rows: [Row], shapes: [String: JSONShape] = [:]) -> String {
        rows.map { jsonObject(columns: columns, row: $0, shapes: shapes) + "\n" }.joined()
    }

    static func jsonObject(columns: [String], row: Row, shapes: [String: JSONShape] = [:]) -> String {
        let members = zip(columns, row.values).map { column, value in
            JSONText.string(column) + ": " + (shapes[column].map { shaped(value, $0) } ?? jsonValue(value))
        }
        return "{" + members.joined(separator: ", ") + "}"
    }

    private static func shaped(_ value: SQLValue, _ shape: JSONShape) -> String {
        switch (shape, value) {
        case (.boolean, .integer(let number)): number != 0 ? "true" : "false"
        case (.list(let separator), .text(let text)):
            "[" + text.components(separatedBy: separator).filter { !$0.isEmpty }.map(JSONText.string).joined(separator: ", ") + "]"
        case (.list, .null): "[]"
        default: jsonValue(value)
        }
    }

    private static func jsonValue(_ value: SQLValue) -> String {
        switch value {
        case .null: "null"
        case .integer(let number): String(number)
        case .real(let number): number.isFinite ? String(number) : "null"
        case .text(let text): JSONText.string(text)
        case .blob: JSONText.string(plainText(value))
        }
    }

    /// Blobs print as hex, the form sqlite3 accepts back as a literal (X'…').
    static func plainText(_ value: SQLValue) -> String {
        switch value {
        case .null: ""
        case .integer(let number): String(number)
        case .real(let number): String(number)
        case .text(let text): text
        case .blob(let bytes):
            bytes.map { byte in
                let digits = String(byte, radix: 16, uppercase: true)
                return digits.count == 1 ? "0" + digits : digits
            }.joined()
        }
    }
}

extension SQLValue {
    var isNumber: Bool {
        switch self {
        case .integer, .real: true
        default: false
        }
    }
}
