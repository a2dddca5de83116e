import Foundation

/// How text is decorated: bold and width on a terminal, plain markers elsewhere.
struct TextStyle {
    var bold: Bool
    var width: Int

    /// Bold only when stdout is a terminal and NO_COLOR is not set; width from $COLUMNS or the terminal.
    static var forStandardOutput: TextStyle {
        let environment = ProcessInfo.processInfo.environment
        let terminal = isatty(STDOUT_FILENO) != 0
        let colour = terminal && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
        return TextStyle(bold: colour, width: terminalWidth(environment: environment, terminal: terminal))
    }

    static func terminalWidth(environment: [String: String], terminal: Bool) -> Int {
        if let columns = environment["COLUMNS"].flatMap(Int.init), columns >= 40 { return columns }
        var size = winsize()
        if terminal, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 40 { return Int(size.ws_col) }
        return 100
    }

    func strong(_ text: String) -> String { bold ? "\u{1B}[1m\(text)\u{1B}[0m" : text }

    /// Snippet highlights: bold on a terminal, [brackets] elsewhere.
    func highlight(_ snippet: String) -> String {
        var result = ""
        for character in snippet {
            switch character {
            case "\u{2}": result += bold ? "\u{1B}[1m" : "["
            case "\u{3}": result += bold ? "\u{1B}[0m" : "]"
            default: result.append(character)
            }
        }
        return result
    }

    /// Wraps words to the width, each line indented.
    func wrap(_ text: String, indent: Int) -> String {
        let room = max(20, width - indent)
        var lines: [String] = []
        var line = ""
        var visible = 0
        for word in text.split(separator: " ") {
            let length = word.filter { !"\u{2}\u{3}".contains($0) }.count
            if visible > 0, visible + 1 + length > room {
                lines.append(line)
                line = ""
                visible = 0
            }
            if visible > 0 {
                line += " "
                visible += 1
            }
            line += word
            visible += length
        }
        if !line.isEmpty { lines.append(line) }
        let pad = String(repeating: " ", count: indent)
        return lines.map { pad + highlight($0) }.joined(separator: "\n")
    }
}
