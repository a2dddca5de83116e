import Foundation

/// The word lists a token belongs to, looked up once when the text is tokenised: the recogniser
/// and the quote extractor then test bits instead of hashing the same word into one set after another.
struct WordClass: OptionSet, Sendable {
    let rawValue: UInt16

    static let title = WordClass(rawValue: 1 << 0)
    static let commonCapitalized = WordClass(rawValue: 1 << 1)
    static let organizationCue = WordClass(rawValue: 1 << 2)
    static let eventCue = WordClass(rawValue: 1 << 3)
    static let placeCue = WordClass(rawValue: 1 << 4)
    static let placeFirstWord = WordClass(rawValue: 1 << 5)
    static let placeNounAfter = WordClass(rawValue: 1 << 6)
    static let placePreposition = WordClass(rawValue: 1 << 7)
    static let placeNounBeforeOf = WordClass(rawValue: 1 << 8)
    static let organizationNoun = WordClass(rawValue: 1 << 9)
    static let speechVerb = WordClass(rawValue: 1 << 10)
    static let connector = WordClass(rawValue: 1 << 11)
    static let pronoun = WordClass(rawValue: 1 << 12)
    /// "the", "a", "an".
    static let article = WordClass(rawValue: 1 << 13)

    /// The classes of a lower-case word.
    static func of(_ word: String) -> WordClass {
        var word = word
        return word.withUTF8 { table.classes(of: $0) }
    }

    /// The classes of a lower-case word's UTF-8 bytes.
    static func of(_ word: UnsafeBufferPointer<UInt8>) -> WordClass {
        table.classes(of: word)
    }

    private static let table = WordClassTable(lists: [
        (EntityVocabulary.titles, .title),
        (EntityVocabulary.commonCapitalized, .commonCapitalized),
        (EntityVocabulary.organizationCues, .organizationCue),
        (EntityVocabulary.eventCues, .eventCue),
        (EntityVocabulary.placeCues, .placeCue),
        (EntityRecognizer.placeFirstWords, .placeFirstWord),
        (EntityVocabulary.placeNounsAfter, .placeNounAfter),
        (EntityVocabulary.placePrepositions, .placePreposition),
        (EntityVocabulary.placeNounsBeforeOf, .placeNounBeforeOf),
        (EntityVocabulary.organizationNouns, .organizationNoun),
        (EntityVocabulary.speechVerbs, .speechVerb),
        (EntityRecognizer.connectors, .connector),
        (QuoteExtractor.pronouns, .pronoun),
        (["the", "a", "an"], .article),
    ])
}

/// An open-addressing table from a word's UTF-8 bytes to its classes, hashed with FNV-1a: cheaper
/// than a Set<String>'s seeded hash for the short words of running text, and no String is needed.
private struct WordClassTable: Sendable {
    private var slots: [(start: Int, count: Int, classes: WordClass)]
    private var bytes: [UInt8] = []
    private let mask: Int

    init(lists: [(Set<String>, WordClass)]) {
        var merged: [String: WordClass] = [:]
        for (words, wordClass) in lists {
            for word in words { merged[word, default: []].insert(wordClass) }
        }
        var size = 64
        while size < merged.count * 4 { size <<= 1 }
        mask = size - 1
        slots = Array(repeating: (0, -1, []), count: size)
        for (word, classes) in merged {
            let utf8 = Array(word.utf8)
            var slot = Self.hash(utf8) & mask
            while slots[slot].count >= 0 { slot = (slot + 1) & mask }
            slots[slot] = (bytes.count, utf8.count, classes)
            bytes += utf8
        }
    }

    func classes(of word: UnsafeBufferPointer<UInt8>) -> WordClass {
        guard let wordStart = word.baseAddress else { return [] }
        var slot = Self.hash(word) & mask
        return bytes.withUnsafeBufferPointer { stored in
            while true {
                let entry = slots[slot]
                if entry.count < 0 { return [] }
                // Compared with memcmp: a generic comparison of two collections cost more than the hash.
                if entry.count == word.count && memcmp(stored.baseAddress! + entry.start, wordStart, word.count) == 0 { return entry.classes }
                slot = (slot + 1) & mask
            }
        }
    }

    private static func hash<Bytes: Sequence<UInt8>>(_ word: Bytes) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in word {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return Int(truncatingIfNeeded: hash >> 7)
    }
}
