import Foundation

/// Diagnostics and the live progress line, on standard error.
enum Terminal {
    /// Progress and colour only on an interactive terminal, and never with TERM=dumb.
    static var standardErrorIsInteractive: Bool {
        isatty(STDERR_FILENO) != 0 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Rewrites the progress line in place; nil clears it.
    static func printProgress(_ line: String?) {
        let text = line.map { "\r\u{1B}[2K" + $0 } ?? "\r\u{1B}[2K"
        FileHandle.standardError.write(Data(text.utf8))
    }
}
