/// Dump fields trimmed without Foundation (see `trimmedWhitespaceAndNewlines`).
extension String {
    /// The text without leading and trailing white space, line breaks included: what Foundation's
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` gives (its set is the White_Space property
    /// and U+200B, checked scalar by scalar), without copying a dump's whole article text to UTF-16
    /// and back.
    func trimmedWhitespaceAndNewlines() -> String {
        trimmedScalars(where: Self.isFoundationWhitespace)
    }

    /// The same without line breaks: `.whitespaces` (spaces, tabs, no-break and other wide spaces).
    func trimmedWhitespace() -> String {
        trimmedScalars { Self.isFoundationWhitespace($0) && !Self.isLineBreak($0) }
    }

    private static func isFoundationWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar.value == 0x200B
    }

    /// LF, VT, FF, CR, NEL and the line and paragraph separators.
    private static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        (0x0A...0x0D).contains(scalar.value) || scalar.value == 0x85 || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    private func trimmedScalars(where shouldTrim: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !shouldTrim($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !shouldTrim($0) })!
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return self }
        return String(scalars[first...last])
    }
}
