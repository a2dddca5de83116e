/// Trimming without Foundation: `trimmingCharacters(in:)` bridges to NSString, which costs more
/// than the parser's own work on a line.
extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    func trimmedSpaces() -> String {
        trimmed { $0 == " " || $0 == "\t" || $0.isWhitespace && !$0.isNewline }
    }

    /// The text without leading and trailing characters that satisfy `shouldTrim`.
    func trimmed(where shouldTrim: (Character) -> Bool) -> String {
        guard let first = firstIndex(where: { !shouldTrim($0) }), let last = lastIndex(where: { !shouldTrim($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
