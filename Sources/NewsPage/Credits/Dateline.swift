import Foundation

/// The dateline that opens a wire story: "LONDON (Reuters) –", "KYIV, Ukraine (AP) —", "Berlin (dpa) -".
public enum Dateline {
    public struct Match: Equatable, Sendable {
        /// The dateline as written, without its closing dash: "LONDON (Reuters)".
        public var text: String
        /// The paragraph with the dateline removed.
        public var remainder: String
        public var agencies: [String]
    }

    static let separators = [" — ", " – ", " - ", " -- ", " —", " –"]

    public static func match(_ paragraph: String) -> Match? {
        let window = String(paragraph.prefix(80))
        var best: Range<String.Index>?
        for separator in separators {
            if let range = ByteSearch.range(of: separator, in: window), range.lowerBound < (best?.lowerBound ?? window.endIndex) {
                best = range
            }
        }
        guard let separator = best else { return nil }
        // The window is a prefix of the paragraph, so its byte offsets are the paragraph's too.
        let lower = paragraph.utf8.index(paragraph.startIndex, offsetBy: window.utf8.distance(from: window.startIndex, to: separator.lowerBound))
        let upper = paragraph.utf8.index(paragraph.startIndex, offsetBy: window.utf8.distance(from: window.startIndex, to: separator.upperBound))
        let prefix = String(paragraph[..<lower]).trimmedSpaces()
        let remainder = String(paragraph[upper...]).trimmedSpaces()
        guard !prefix.isEmpty, remainder.count > 20, prefix.split(separator: " ").count <= 8 else { return nil }
        var place = prefix
        var agencies: [String] = []
        if prefix.hasSuffix(")"), let open = prefix.lastIndex(of: "(") {
            let inside = String(prefix[prefix.index(after: open)..<prefix.index(before: prefix.endIndex)])
            agencies = Credits.agencies(in: LineFeatures(inside))
            guard !agencies.isEmpty else { return nil }
            place = String(prefix[..<open]).trimmedSpaces()
        }
        // The city is written in capitals ("KYIV, Ukraine") unless an agency in brackets vouches for it.
        let city = place.split(separator: ",").first.map(String.init) ?? place
        let cityLetters = city.filter(\.isLetter)
        guard !cityLetters.isEmpty || !agencies.isEmpty else { return nil }
        let capitalised = !cityLetters.isEmpty && cityLetters.allSatisfy(\.isUppercase) && cityLetters.count >= 2
        guard capitalised || (!agencies.isEmpty && (place.isEmpty || place.first?.isUppercase == true)) else { return nil }
        return Match(text: prefix, remainder: remainder, agencies: agencies)
    }
}
