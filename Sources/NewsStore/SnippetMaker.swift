import CSQLite
import Foundation

/// Cuts a hit's snippet from its text and the places of its matched phrases (`MatchPositions`),
/// as FTS5's snippet() would show it: about `tokens` tokens around the most matches, the matched
/// words between `SearchHit.highlightStart` and `highlightEnd`, "…" where the text was cut.
///
/// Token numbers are those of the index because the text is split by FTS5's own unicode61
/// tokenizer, found through the fts5 API (porter, also in the index's tokenizer, rewrites tokens
/// but never splits or joins them). Unlike snippet(), it needs no MATCH query: the search that
/// scored the rows already knows the places, and splits only the shown rows, up to the window.
final class SnippetMaker {
    private var tokenizer: fts5_tokenizer
    private let instance: OpaquePointer

    init?(connection: Connection) {
        guard let api = RankFunction.fts5API(connection.handle) else { return nil }
        var context: UnsafeMutableRawPointer?
        var tokenizer = fts5_tokenizer()
        guard api.pointee.xFindTokenizer(api, "unicode61", &context, &tokenizer) == SQLITE_OK,
              let create = tokenizer.xCreate else { return nil }
        var made: OpaquePointer?
        let status = withArrayOfCStrings(["remove_diacritics", "2"]) { arguments in
            create(context, arguments.baseAddress, Int32(arguments.count), &made)
        }
        guard status == SQLITE_OK, let made else { return nil }
        self.tokenizer = tokenizer
        instance = made
    }

    deinit {
        tokenizer.xDelete?(instance)
    }

    /// The snippet of one row: `columns` holds its indexed texts in the table's column order.
    /// Nil when no phrase was placed in it (a row matched through NOT only, say).
    func snippet(columns: [String], instances: [MatchPositions.Instance], phraseSizes: [Int32], tokens: Int = 24) -> String? {
        guard tokens > 0, let window = Self.bestWindow(instances, phraseSizes: phraseSizes, tokens: tokens),
              Int(window.column) < columns.count else { return nil }
        let text = Array(columns[Int(window.column)].utf8)
        let found = split(text, upTo: Int(window.start) + tokens)
        // Past the end of a short column the window moves back to show as many tokens as it can.
        let more = found.count > Int(window.start) + tokens
        let start = more ? Int(window.start) : max(0, found.count - tokens)
        let end = min(found.count, start + tokens)
        guard start < end else { return nil }

        // For each token of the window, the last token of the phrases starting there (-1: none);
        // a phrase begun before the window starts at its first token. Overlapping phrases share
        // one mark; phrases merely next to each other get one each, as in FTS5's highlight().
        var phraseEnds = [Int](repeating: -1, count: end - start)
        for place in instances where place.column == window.column {
            let first = max(start, Int(place.offset)), last = Int(place.offset) + Int(Self.size(of: place, phraseSizes: phraseSizes)) - 1
            guard first < end, last >= first else { continue }
            phraseEnds[first - start] = max(phraseEnds[first - start], last)
        }
        var output: [UInt8] = []
        output.reserveCapacity(Int(found[end - 1].end - found[start].start) + 16)
        if start > 0 { output += Self.ellipsis } else { output += text[0..<Int(found[start].start)] }
        var markEnd = -1
        for index in start..<end {
            if index > start { output += text[Int(found[index - 1].end)..<Int(found[index].start)] }
            let phraseEnd = phraseEnds[index - start]
            if phraseEnd >= 0 {
                if markEnd < index { output.append(0x02) }
                markEnd = max(markEnd, phraseEnd)
            }
            output += text[Int(found[index].start)..<Int(found[index].end)]
            if markEnd >= index && (markEnd == index || index == end - 1) {
                output.append(0x03)
                markEnd = -1
            }
        }
        if more { output += Self.ellipsis } else { output += text[Int(found[end - 1].end)...] }
        return String(decoding: output, as: UTF8.self)
    }

    private static let ellipsis = Array("…".utf8)

    /// The column and first token of the window with the most distinct phrases, then the most
    /// matches (ties: the earlier column, then the earlier place), centred on the matches it holds.
    static func bestWindow(_ instances: [MatchPositions.Instance], phraseSizes: [Int32], tokens: Int) -> (column: Int32, start: Int32)? {
        let places = instances.sorted { ($0.column, $0.offset) < ($1.column, $1.offset) }
        var best: (score: Int, column: Int32, first: Int32, last: Int32)?
        for (index, anchor) in places.enumerated() {
            let limit = anchor.offset + Int32(tokens)
            var phrases: UInt64 = 0
            var count = 0
            var last = anchor.offset
            for place in places[index...] {
                guard place.column == anchor.column, place.offset < limit else { break }
                phrases |= 1 << UInt64(place.phrase & 63)
                count += 1
                last = max(last, min(limit - 1, place.offset + size(of: place, phraseSizes: phraseSizes) - 1))
            }
            let score = phrases.nonzeroBitCount * 1000 + count
            if score > best?.score ?? -1 { best = (score, anchor.column, anchor.offset, last) }
        }
        guard let best else { return nil }
        let slack = Int32(tokens) - (best.last - best.first + 1)
        return (best.column, max(0, best.first - slack / 2))
    }

    /// Tokens in the phrase placed at `place` (at least one).
    private static func size(of place: MatchPositions.Instance, phraseSizes: [Int32]) -> Int32 {
        Int(place.phrase) < phraseSizes.count ? max(1, phraseSizes[Int(place.phrase)]) : 1
    }

    /// Byte ranges of the text's first `limit + 1` tokens (one more than asked, to tell whether
    /// the text goes on).
    private func split(_ text: [UInt8], upTo limit: Int) -> [(start: Int32, end: Int32)] {
        final class Collector {
            var ranges: [(start: Int32, end: Int32)] = []
            let wanted: Int
            init(wanted: Int) { self.wanted = wanted }
        }
        let collector = Collector(wanted: limit + 1)
        guard let tokenize = tokenizer.xTokenize else { return [] }
        text.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { characters in
                _ = tokenize(instance, Unmanaged.passUnretained(collector).toOpaque(), FTS5_TOKENIZE_DOCUMENT,
                             characters.baseAddress, Int32(characters.count)) { context, flags, _, _, start, end in
                    guard let context else { return SQLITE_ERROR }
                    let collector = Unmanaged<Collector>.fromOpaque(context).takeUnretainedValue()
                    // Tokens at the same place (synonyms) take no number of their own.
                    if flags & FTS5_TOKEN_COLOCATED != 0 { return SQLITE_OK }
                    collector.ranges.append((start, end))
                    // Any code but OK stops the tokenizer: enough tokens were found.
                    return collector.ranges.count >= collector.wanted ? SQLITE_DONE : SQLITE_OK
                }
            }
        }
        return withExtendedLifetime(collector) { collector.ranges }
    }
}

/// Runs `body` with the strings as an array of C strings that live for the call.
private func withArrayOfCStrings<Result>(_ strings: [String], _ body: (UnsafeMutableBufferPointer<UnsafePointer<CChar>?>) -> Result) -> Result {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    var pointers = copies.map { UnsafePointer($0) }
    return pointers.withUnsafeMutableBufferPointer { body($0) }
}
