import Foundation

/// Plans a ranked search that scores only the stretches of articles that can reach its page.
///
/// From `search_bound_terms` (filled by `SearchBounds`) each sealed block of 256 ids gets an upper
/// bound on any of its articles' BM25 score for the query: per phrase, its IDF times the largest
/// share a term of the phrase can give there. The search scores the blocks best bound first and
/// stops at the first whose bound is below the score its page already needs, so the page equals
/// the one scoring every match would give (ties included: a block whose bound equals the cut is
/// still scored). Blocks without bounds (not sealed yet, or their text changed) are scored first.
public enum PrunedRanking {
    /// When pruning is tried and how its stretches are scored; the defaults were measured on the
    /// 100k bench corpus (BENCHMARKS.md), tests set small ones to reach every path on few articles.
    public struct Settings: Sendable {
        /// Below this many matches, scoring them all costs less than planning which to skip.
        public var minimumMatches = 10_000
        /// Stretches scored one statement each, best bound first, before the rest go in runs: by
        /// then the page's cut is near its final value, so the runs hold few blocks.
        public var singleStatements = 24
        /// Past `singleStatements`, stretches go on being scored alone while more of them still
        /// reach the cut than were scored, up to this many (measured at 1M: `officials counted` left
        /// 957 blocks to its runs after 24 alone, 14 after 200; `plan -harbour` none after 26).
        public var maximumSingleStatements = 512
        /// What a statement costs, in matches scored (measured: 50-100 µs a statement, about half a
        /// µs a match): runs bridge a gap of blocks when scoring its matches costs less.
        public var statementCost = 150
        /// Planning reads each sealed block's bounds: pruning needs this many matches per block.
        public var matchesPerBlock = 8
        /// The same for a one-word query, whose total the blocks' counts give without FTS5: only
        /// the scoring is left to pay for (measured at 1M on 2 threads: words in 11.4 to 16 articles
        /// a block went from 13-25 ms to 3-7 ms pruned; in 10.5 and fewer, pruning lost).
        public var wordMatchesPerBlock = 6
        /// A filtered search is pruned when at least one match in this many passes its filters
        /// (measured at 1M, 2 cores, once the matches passing came from the blocks' bits and
        /// stretches went on alone while most still reached the cut: `said` from a source passing
        /// 18% 108-118 -> 38-52 ms, from a year on passing 36% 159-167 -> 57-76).
        public var filteredShare = 8
        /// Articles spread over the file whose filter verdicts guess that share before the matches
        /// are counted, taken from this many blocks: each block read costs a statement, and 1,024
        /// articles from as many blocks cost more than the rest of a rare word's filtered search.
        public var filterSample = 1_024
        public var filterSampleBlocks = 64

        public init() {}
    }

    /// The ids whose filter verdicts guess the share of matches that pass: `filterSample` of them,
    /// evenly spaced in each of `filterSampleBlocks` blocks spread evenly over the file.
    static func filterSample(blockCount: Int64, settings: Settings) -> [Int64] {
        guard blockCount > 0 else { return [] }
        let blocks = max(1, min(Int64(settings.filterSampleBlocks), blockCount))
        let perBlock = max(1, min(SearchBounds.blockSize, Int64(settings.filterSample) / blocks))
        var ids: [Int64] = []
        for index in 0..<blocks {
            let first = (index * blockCount / blocks) << SearchBounds.blockShift
            ids += stride(from: first, to: first + SearchBounds.blockSize, by: Int(SearchBounds.blockSize / perBlock)).prefix(Int(perBlock))
        }
        return ids
    }
    /// Rounding in the score's arithmetic must never put an article above its block's bound.
    static let boundMargin = 1 + 1e-9

    /// Ids `first...last`, and the best BM25 score (positive) any of their articles can reach.
    struct Stretch: Equatable {
        var first: Int64
        var last: Int64
        var bound: Double
    }

    /// A phrase of the query, and whether it stands after a NOT at the top level (with no column
    /// named anywhere), where no matching article holds it, so it adds nothing to any score.
    struct Phrase: Equatable {
        var text: String
        var excluded: Bool
    }

    /// The phrases of an expression written by `SearchQuery` (every term quoted), in the order
    /// FTS5 numbers them. Nil when a phrase is a prefix (which terms it covers is not known here)
    /// or the text holds anything but quoted phrases, operators, column names and NEAR distances.
    static func phrases(of expression: String) -> [Phrase]? {
        var phrases: [Phrase] = []
        var characters = expression[...]
        var word = ""
        var depth = 0
        // Set by a top-level NOT: the depth its operand closes at, or nil when none is open.
        var excludedUntil: Int?
        var excludesNextPhrase = false
        var hasColumn = false
        func endWord() -> Bool {
            defer { word = "" }
            if word == "NOT" && depth == 0 { excludesNextPhrase = true }
            if ["title", "lead", "body"].contains(word) { hasColumn = true }
            return word.isEmpty || ["AND", "OR", "NOT", "NEAR", "title", "lead", "body"].contains(word) || word.allSatisfy(\.isNumber)
        }
        while let character = characters.popFirst() {
            if character == "\"" {
                guard endWord() else { return nil }
                var phrase = ""
                var closed = false
                while let next = characters.popFirst() {
                    if next == "\"" {
                        if characters.first == "\"" {
                            phrase.append("\"")
                            characters.removeFirst()
                        } else {
                            closed = true
                            break
                        }
                    } else {
                        phrase.append(next)
                    }
                }
                guard closed, characters.first != "*" else { return nil }
                phrases.append(Phrase(text: phrase, excluded: excludesNextPhrase || excludedUntil != nil))
                if excludedUntil == nil { excludesNextPhrase = false }
            } else if character.isLetter || character.isNumber {
                word.append(character)
            } else if " ():,".contains(character) {
                guard endWord() else { return nil }
                if character == "(" {
                    if excludesNextPhrase && excludedUntil == nil { excludedUntil = depth }
                    depth += 1
                } else if character == ")" {
                    depth -= 1
                    if depth == excludedUntil {
                        excludedUntil = nil
                        excludesNextPhrase = false
                    }
                }
            } else {
                return nil
            }
        }
        guard endWord() else { return nil }
        // A NOT of one column still lets the phrase stand in the others: no exclusions then.
        if hasColumn { return phrases.map { Phrase(text: $0.text, excluded: false) } }
        return phrases
    }

    /// Whether planning can pay for a query, measured on the bench corpus: words ANDed or NOTed.
    /// Not a column filter: FTS5 counts its matches by reading positions. Not OR: the sum of each word's bound in a block is far above what one
    /// article scores, so nearly every block stays in. Not a phrase of several words or NEAR:
    /// counting their rows checks positions, which costs as much as scoring them.
    static func pays(for expression: String, phrases: [Phrase]) -> Bool {
        !expression.contains(" OR ") && !expression.contains("NEAR(") && !expression.contains(" : ")
            && phrases.allSatisfy { $0.text.allSatisfy { $0.isLetter || $0.isNumber } }
    }

    /// The exact number of articles holding `word` (one term as the index stores it), or nil
    /// when it is not one term or too many blocks have no row for it. Sealed blocks with a row give
    /// their count; FTS5 counts the rest, stretch by stretch: for a common word, a few short
    /// stretches instead of every match.
    static func wordTotal(boundRows: BoundRows, tokenizer: FTSTokenizer, word: String) throws -> Int64? {
        let terms = tokenizer.terms(in: word)
        guard terms.count == 1 else { return nil }
        var counted = [Bool](repeating: false, count: boundRows.blockCount)
        var total: Int64 = 0
        for row in try boundRows.rows(of: terms[0]) {
            counted[Int(row.block)] = true
            total += row.articles
        }
        let rest = (0..<Int64(boundRows.blockCount)).filter { !counted[Int($0)] }
        return try countedByFTS5(SearchQueryParser.quote(word), in: rest, connection: boundRows.connection).map { total + $0 }
    }

    /// The matches of `expression` in `blocks` (ascending), counted by FTS5 a run of neighbouring
    /// blocks at a time; nil past `maximumCountedStretches` runs.
    private static func countedByFTS5(_ expression: String, in blocks: [Int64], connection: Connection) throws -> Int64? {
        let runs = SearchBounds.runs(of: blocks)
        guard runs.count <= maximumCountedStretches else { return nil }
        var total: Int64 = 0
        for run in runs {
            let first = run.lowerBound << SearchBounds.blockShift, last = ((run.upperBound + 1) << SearchBounds.blockShift) - 1
            total += try connection.scalar("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ? AND rowid BETWEEN ? AND ?",
                                           [.text(expression), .integer(first), .integer(last)])?.int64Value ?? 0
        }
        return total
    }

    /// Per block, the bits of its ids that hold every included word of `phrases` (each one term as
    /// the index stores it) and no excluded one, as `expression` asks; nil for a block where some
    /// word has no bits (it is in fewer than four of its articles, or the block is not sealed, or was
    /// sealed before bits were kept). Nil when a phrase is not one term, or a NOT is not of one phrase
    /// at the top level (`NOT ("a" "b")` excludes only articles holding both; a NOT inside a group
    /// leaves its phrase unmarked).
    static func matchBits(boundRows: BoundRows, tokenizer: FTSTokenizer, phrases: [Phrase], expression: String) throws -> [SIMD4<UInt64>?]? {
        let nots = expression.components(separatedBy: " NOT ").count - 1
        guard phrases.contains(where: { !$0.excluded }), !expression.contains("NOT ("), phrases.count(where: \.excluded) == nots else { return nil }
        var common = [SIMD4<UInt64>?](repeating: ~SIMD4<UInt64>(), count: boundRows.blockCount)
        for phrase in phrases {
            let terms = tokenizer.terms(in: phrase.text)
            guard terms.count == 1 else { return nil }
            var bits = [SIMD4<UInt64>?](repeating: nil, count: boundRows.blockCount)
            for row in try boundRows.rows(of: terms[0]) { bits[Int(row.block)] = row.articleBits.map { phrase.excluded ? ~$0 : $0 } }
            for block in common.indices { common[block] = common[block].flatMap { held in bits[block].map { held & $0 } } }
        }
        return common
    }

    static func count(_ bits: SIMD4<UInt64>) -> Int {
        bits[0].nonzeroBitCount + bits[1].nonzeroBitCount + bits[2].nonzeroBitCount + bits[3].nonzeroBitCount
    }

    /// The exact number of articles `expression` matches, from the blocks' bits (`matchBits`); FTS5
    /// counts the blocks without, stretch by stretch. Nil where `matchBits` is, or when too many
    /// stretches are left to count.
    static func andTotal(boundRows: BoundRows, tokenizer: FTSTokenizer, phrases: [Phrase], expression: String) throws -> Int64? {
        guard let bits = try matchBits(boundRows: boundRows, tokenizer: tokenizer, phrases: phrases, expression: expression) else { return nil }
        var total: Int64 = 0
        var uncounted: [Int64] = []
        for (block, bits) in bits.enumerated() {
            if let bits {
                total += Int64(count(bits))
            } else {
                uncounted.append(Int64(block))
            }
        }
        return try countedByFTS5(expression, in: uncounted, connection: boundRows.connection).map { total + $0 }
    }

    /// The ids of the matches of `expression` that `filter` admits, in order, and how many matches
    /// there are: from the blocks' bits (`matchBits`) where they have them, the filter deciding each
    /// block's set bits at once; FTS5 finds the matches of the other blocks, stretch by stretch. Nil
    /// where `matchBits` is, or when too many stretches are left to read.
    static func admittedMatches(boundRows: BoundRows, tokenizer: FTSTokenizer, phrases: [Phrase], expression: String,
                                filter: BlockFilter) throws -> (admitted: [Int64], matches: Int)? {
        guard let bits = try matchBits(boundRows: boundRows, tokenizer: tokenizer, phrases: phrases, expression: expression) else { return nil }
        let unread = bits.indices.filter { bits[$0] == nil }.map(Int64.init)
        let runs = SearchBounds.runs(of: unread)
        guard runs.count <= maximumCountedStretches else { return nil }
        var read: [Int64] = []
        let statement = try boundRows.connection.cachedStatement("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid BETWEEN ? AND ?")
        for run in runs {
            let first = run.lowerBound << SearchBounds.blockShift, last = ((run.upperBound + 1) << SearchBounds.blockShift) - 1
            try statement.bind([.text(expression), .integer(first), .integer(last)])
            try statement.forEachInteger(column: 0) { read.append($0) }
        }
        var admitted: [Int64] = []
        var matches = read.count
        var next = read.startIndex
        for (block, blockBits) in bits.enumerated() {
            let first = Int64(block) << SearchBounds.blockShift
            if let blockBits {
                matches += count(blockBits)
                let passing = filter.admitted(inBlock: Int64(block), among: blockBits)
                for word in 0..<4 {
                    var remaining = passing[word]
                    while remaining != 0 {
                        admitted.append(first + Int64(word * 64 + remaining.trailingZeroBitCount))
                        remaining &= remaining - 1
                    }
                }
            } else {
                while next < read.endIndex, read[next] < first + SearchBounds.blockSize {
                    if filter.admits(read[next]) { admitted.append(read[next]) }
                    next += 1
                }
            }
        }
        // Matches past the last block (ids taken while this ran belong to no block counted).
        admitted += read[next...].filter(filter.admits)
        return (admitted, matches)
    }

    /// The most articles a query of words ANDed (or NEAR) can match, from the blocks: no more than
    /// its rarest word is in (`BoundRows.atMost`). Nil when no phrase is included.
    static func matchesAtMost(_ phrases: [Phrase], boundRows: BoundRows, tokenizer: FTSTokenizer) throws -> Int64? {
        try phrases.filter { !$0.excluded }.map { try rowsAtMost($0, boundRows: boundRows, tokenizer: tokenizer) }.min()
    }

    /// The most articles a phrase can be in: no more than its rarest term.
    static func rowsAtMost(_ phrase: Phrase, boundRows: BoundRows, tokenizer: FTSTokenizer) throws -> Int64 {
        try tokenizer.terms(in: phrase.text).map { try boundRows.atMost($0) }.min() ?? 0
    }

    /// Past this many stretches for FTS5 to count, one count of every match costs less.
    static let maximumCountedStretches = 64

    /// The stretches to score, best bound first, or nil when too little of the file has bounds
    /// for a plan to pay. `statistics` are those the rank function scores with; `exactShares`
    /// scores one phrase alone and gives its best score in each block, for a phrase with few rows.
    static func plan(boundRows: BoundRows, tokenizer: FTSTokenizer, phrases: [Phrase], statistics: RankStatistics, total: Int,
                     exactShares: (String, Int) throws -> [Double]) throws -> [Stretch]? {
        guard phrases.count == statistics.idf.count else { return nil }
        let blockCount = boundRows.blockCount
        let sealed = try boundRows.sealed()
        guard sealed.count(where: { $0 }) * 2 >= blockCount else { return nil }

        // Per phrase and block, the largest share (BM25's term factor) a term of the phrase can give:
        // a phrase's count in an article is at most any one of its terms' count.
        let ceiling = RankFunction.k1 + 1
        var bounds = [Double](repeating: 0, count: blockCount)
        var shares: [String: [Double]] = [:]
        for (index, phrase) in phrases.enumerated() where !phrase.excluded {
            // A phrase in few rows, beside others: scoring it alone gives its exact best per block
            // (nothing where it is absent), where the stored bounds would give BM25's ceiling.
            if phrases.count > 1, statistics.phraseRows[index] * 4 <= Int64(total) {
                for (block, best) in try exactShares(phrase.text, blockCount).enumerated() { bounds[block] += best }
                continue
            }
            let terms = tokenizer.terms(in: phrase.text)
            guard !terms.isEmpty else { return nil }
            var best = [Double](repeating: ceiling, count: blockCount)
            for term in terms {
                if shares[term] == nil { shares[term] = try termShares(boundRows: boundRows, term: term, averageLength: statistics.averageLength) }
                for (block, share) in shares[term]!.enumerated() where share < best[block] { best[block] = share }
            }
            for block in 0..<blockCount { bounds[block] += statistics.idf[index] * best[block] }
        }

        var stretches: [Stretch] = []
        var sealedStretches: [Stretch] = []
        for block in 0..<blockCount {
            let first = Int64(block) << SearchBounds.blockShift
            let last = first + SearchBounds.blockSize - 1
            if sealed[block] {
                sealedStretches.append(Stretch(first: first, last: last, bound: bounds[block] * boundMargin))
            } else if let previous = stretches.last, previous.last + 1 == first {
                stretches[stretches.count - 1].last = last
            } else {
                stretches.append(Stretch(first: first, last: last, bound: .infinity))
            }
        }
        return stretches + sealedStretches.sorted { $0.bound > $1.bound }
    }

    /// How many of `stretches` (best bound first) from `start` on may still beat `cutoff`.
    static func stretchesReaching(_ cutoff: Double, in stretches: [Stretch], from start: Int) -> Int {
        var low = start, high = stretches.count
        while low < high {
            let middle = (low + high) / 2
            if -stretches[middle].bound <= cutoff { low = middle + 1 } else { high = middle }
        }
        return low - start
    }

    /// Stretches still worth scoring once the page's cut is known (`cutoff`, a score: lower is
    /// better), joined into runs by id, each run one statement, bridging gaps of up to
    /// `bridgedBlocks` blocks. Best bound first.
    static func runs(of stretches: [Stretch], cutoff: Double, bridgedBlocks: Int64) -> [Stretch] {
        let bridgedBlocks = max(0, bridgedBlocks)
        let wanted = stretches.filter { -$0.bound <= cutoff }.sorted { $0.first < $1.first }
        var runs: [Stretch] = []
        for stretch in wanted {
            if let previous = runs.last, stretch.first - previous.last - 1 <= bridgedBlocks * SearchBounds.blockSize {
                runs[runs.count - 1].last = stretch.last
                runs[runs.count - 1].bound = max(previous.bound, stretch.bound)
            } else {
                runs.append(stretch)
            }
        }
        return runs.sorted { $0.bound > $1.bound }
    }


    /// A term's largest share of BM25 in each block that has a row for it (the ceiling elsewhere):
    /// k1+1 over 1 + k1((1-b)/tf + (b/avgdl)(dl/tf)), at the largest tf and smallest dl/tf seen.
    static func termShares(boundRows: BoundRows, term: String, averageLength: Double) throws -> [Double] {
        let k1 = RankFunction.k1
        let b = RankFunction.b
        var shares = [Double](repeating: k1 + 1, count: boundRows.blockCount)
        for row in try boundRows.rows(of: term) where row.maxWeightedCount > 0 {
            let count = Double(row.maxWeightedCount)
            shares[Int(row.block)] = (k1 + 1) / (1 + k1 * ((1 - b) / count + b * row.minLengthPerCount / averageLength))
        }
        return shares
    }
}
