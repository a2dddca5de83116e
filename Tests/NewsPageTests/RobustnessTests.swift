import Foundation
import Testing
@testable import NewsPage

/// A small deterministic generator, so a failing case can be replayed from its seed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

@Suite("Parser robustness")
struct RobustnessTests {
    static let words = ["harbour", "council", "ferry", "river", "engineers", "tuesday", "island", "crossing", "residents",
                        "budget", "timetable", "evening", "boats", "quay", "storm", "village", "report", "minister"]

    static func sentence(_ generator: inout SeededGenerator, words count: Int) -> String {
        var picked = (0..<count).map { _ in words.randomElement(using: &generator)! }
        picked[0] = picked[0].capitalized
        return picked.joined(separator: " ") + "."
    }

    static func junkLine(_ generator: inout SeededGenerator) -> String {
        let kinds = [
            "Sponsor: ACME", "back", "topic", "0", "| Town,ST", "Jun 2, 2025 | |", "ADVERTISEMENT", "Share", "Home | World | Sport",
            String((0..<Int.random(in: 1...30, using: &generator)).map { _ in "#$%@|·—–\u{00A0}\u{200B}x1".randomElement(using: &generator)! }),
            "", "", "\t", "Related: Something else", "By Someone", "12/12/2024",
        ]
        return kinds.randomElement(using: &generator)!
    }

    @Test(arguments: 1...200)
    func junkAroundProseNeverLosesAParagraph(seed: Int) {
        var generator = SeededGenerator(state: UInt64(seed))
        var lines: [String] = []
        var prose: [String] = []
        for _ in 0..<Int.random(in: 0...12, using: &generator) { lines.append(Self.junkLine(&generator)) }
        for _ in 0..<Int.random(in: 1...6, using: &generator) {
            let paragraph = Self.sentence(&generator, words: Int.random(in: 14...40, using: &generator))
            prose.append(paragraph)
            lines.append(paragraph)
            if Bool.random(using: &generator) { lines.append("") }
            if Int.random(in: 0..<4, using: &generator) == 0 { lines.append(Self.junkLine(&generator)) }
        }
        for _ in 0..<Int.random(in: 0...5, using: &generator) { lines.append(Self.junkLine(&generator)) }
        let page = PageParser.parse(lines.joined(separator: "\n"), origin: "seed \(seed)")
        for paragraph in prose {
            #expect(page.paragraphs.contains { $0.contains(paragraph) }, "seed \(seed) lost: \(paragraph)")
        }
    }

    @Test(arguments: 1...100)
    func shuffledHeadersStillKeepTheBody(seed: Int) {
        var generator = SeededGenerator(state: UInt64(seed) &* 7919)
        var header = ["THE RIVERSIDE BULLETIN", "Jun 2, 2025 | |", "0", "| Elkton,SD", "Sponsor: GAMEPULSE", "back", "topic",
                      "The Quayside Post", "The Quayside Post", "12 Mar 2025", "Images The Quayside Post"]
        header.shuffle(using: &generator)
        let body = [
            "The river authority in Marlow Bend closed the old towpath on Wednesday after a section of the embankment slid into the water.",
            "Engineers from the authority said the slip was caused by weeks of heavy rain and that nobody had been hurt at all.",
        ]
        let page = PageParser.parse((header + [""] + body).joined(separator: "\n"), origin: "shuffled")
        #expect(page.paragraphs == body)
    }

    @Test(arguments: ["", "\n\n\n", " ", "\u{FEFF}", "\r\n\r\n", "x", "0", "|", "By", "12 Mar 2025"])
    func tinyInputsGiveAnEmptyOrTinyArticle(text: String) {
        let page = PageParser.parse(text, origin: "tiny")
        #expect(page.paragraphs.count <= 1)
    }

    @Test func hugeInputFinishes() {
        let paragraph = "The river authority in Marlow Bend closed the old towpath on Wednesday after the embankment slid into the water."
        // Numbered, as a page's later copies of a paragraph are left out as repeats.
        let text = (0..<5_000).map { "Paragraph \($0): " + paragraph + "\n" }.joined()
            + String(repeating: "x", count: 2_000_000) + "\n"
        let page = PageParser.parse(text, origin: "huge")
        // The one-word line at the end is a trailer, not a paragraph.
        #expect(page.paragraphs.count == 5_000)
    }
}
