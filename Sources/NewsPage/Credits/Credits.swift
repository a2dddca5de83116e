import Foundation

/// Wire agency credits: closing credit lines ("Le Monde with AP and AFP") and agency names.
public enum Credits {
    /// Canonical agency names mentioned in a text, in order of first mention.
    public static func agencies(in text: String) -> [String] {
        agencies(in: LineFeatures(text))
    }

    /// Canonical agency names mentioned in a line, in order of first mention.
    static func agencies(in line: LineFeatures) -> [String] {
        var found: [(position: Int, name: String)] = []
        for (name, spellings) in Vocabulary.agencies {
            for spelling in spellings {
                if let position = line.position(ofPhrase: spelling) {
                    found.append((position, name))
                    break
                }
            }
        }
        return found.sorted { $0.position < $1.position }.map(\.name)
    }

    /// A credit line found in the body's closing part.
    struct CreditLine: Equatable {
        var agencies: [String]
        /// The publisher named before "with": "Le Monde" in "Le Monde with AP and AFP".
        var source: String?
    }

    /// Reads `line` as a credit line. `nearEnd` is true for the last lines of the page, where a
    /// bare "AP" or "With AFP" is a credit; elsewhere only explicit credit phrases count.
    static func creditLine(_ line: LineFeatures, nearEnd: Bool) -> CreditLine? {
        guard line.wordCount >= 1, line.wordCount <= 30 else { return nil }
        let agencies = agencies(in: line)
        let explicit = line.containsAny(Vocabulary.creditPhrases)
        if agencies.isEmpty {
            // "Reporting by Ana Ruiz; Editing by Tom Berg" credits people, not agencies, but is still a credit line.
            return explicit && nearEnd && line.wordCount <= 20 ? CreditLine(agencies: [], source: nil) : nil
        }
        let short = line.wordCount <= 10 && !line.isProse
        guard explicit || (nearEnd && short) || isAgencyList(line) else { return nil }
        return CreditLine(agencies: agencies, source: publisher(before: line))
    }

    /// "AP/AFP", "(Reuters)", "— AFP": nothing but agencies and punctuation.
    private static func isAgencyList(_ line: LineFeatures) -> Bool {
        let agencyWords = Set(Vocabulary.agencies.flatMap { $0.spellings.flatMap { $0.split(separator: " ") } })
        let fillers: Set<Substring> = ["with", "and", "by", "from", "source", "sources", "agencies", "wires", "staff"]
        return line.words.allSatisfy { agencyWords.contains($0) || fillers.contains($0) }
    }

    /// The words before " with " when they are not themselves an agency: "Le Monde with AP and AFP".
    private static func publisher(before line: LineFeatures) -> String? {
        let text = line.text
        guard let range = text.range(of: " with ", options: .caseInsensitive) else { return nil }
        let candidate = String(text[..<range.lowerBound]).trimmedSpaces()
            .trimmed { "-–—(".contains($0) || $0.isWhitespace }
        let features = LineFeatures(candidate)
        guard features.wordCount >= 1, features.wordCount <= 6, agencies(in: features).isEmpty,
            candidate.first?.isUppercase == true
        else { return nil }
        return candidate
    }
}
