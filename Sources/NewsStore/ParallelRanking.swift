import Foundation

/// A ranked search that scores every match, split by id across `ScanHelpers`: the ids are cut into
/// stretches, each helper takes the next stretch not yet taken, scores its matches with the search's
/// statistics (so every helper scores as one connection would) and keeps its own best scores, count
/// and, for facets, ids; the engine then merges them.
enum ParallelRanking {
    /// Stretches per helper: enough that a helper held up by a dense stretch (or by row checks)
    /// leaves more to the others, few enough that a statement's start costs nothing that shows.
    static let stretchesPerHelper = 8

    /// What the helpers found, merged.
    struct Found {
        var total = 0
        var best: BestScores
        /// The places of the matched phrases of the rows kept.
        var places: [Int64: [MatchPositions.Instance]] = [:]
        /// Every match's id, in id order (only when asked for).
        var ids: [Int64] = []
        var phraseSizes: [Int32] = []
        /// With the IDF left out (`MatchPositions.defersIDF`): the phrase's share in each row kept.
        var shares: [Int64: RankFunction.PhraseShare] = [:]
        /// What the rows were scored with (nil when no row was).
        var statistics: RankStatistics?
    }

    /// Ids 0 through `lastID` cut into `count` stretches of equal length, whole blocks each (fewer
    /// stretches when there are fewer blocks): a block's facet columns are then read by one helper.
    static func stretches(upTo lastID: Int64, count: Int) -> [ClosedRange<Int64>] {
        let last = max(0, lastID)
        let blocks = SearchBounds.block(of: last) + 1
        let length = (blocks + Int64(max(1, count)) - 1) / Int64(max(1, count)) * SearchBounds.blockSize
        return stride(from: Int64(0), through: last, by: Int(length)).map { $0...min($0 + length - 1, last) }
    }

    /// The stretches of a file of `blockCount` blocks for `helpers`: `stretchesPerHelper` each.
    static func stretches(blockCount: Int64, helpers: ScanHelpers) -> [ClosedRange<Int64>] {
        stretches(upTo: blockCount << SearchBounds.blockShift, count: helpers.count * stretchesPerHelper)
    }

    /// The matches of each FTS5 expression (a phrase's rows, a query's total), counted stretch by stretch.
    static func counts(of phrases: [String], helpers: ScanHelpers, stretches: [ClosedRange<Int64>],
                       timeLimit: TimeLimit?) throws -> [Int64] {
        let jobs = phrases.indices.flatMap { phrase in stretches.map { (phrase, $0) } }
        let queue = JobQueue(count: jobs.count)
        let counts = try helpers.run({ helper, _ in
            var rows = [Int64](repeating: 0, count: phrases.count)
            let statement = try helper.cachedStatement("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ? AND rowid BETWEEN ? AND ?")
            while let job = queue.next() {
                try timeLimit?.check()
                let (phrase, stretch) = jobs[job]
                try statement.bind([.text(phrases[phrase]), .integer(stretch.lowerBound), .integer(stretch.upperBound)])
                try statement.forEachInteger(column: 0) { rows[phrase] += $0 }
            }
            return rows
        }, timeLimit: timeLimit)
        return phrases.indices.map { phrase in counts.reduce(0) { $0 + $1[phrase] } }
    }

    /// Every match of `expression` scored with `statistics`, filtered by `filter` where given. Nil
    /// `statistics` (the IDF deferred): each helper works them out from the snapshot they share.
    static func score(expression: String, statistics: RankStatistics?, filter: BlockFilter.Settings?, capacity: Int, tieLimit: Int,
                      collectsIDs: Bool, helpers: ScanHelpers, stretches: [ClosedRange<Int64>], defersIDF: Bool = false,
                      timeLimit: TimeLimit?) throws -> Found {
        let queue = JobQueue(count: stretches.count)
        let parts = try helpers.run({ helper, _ in
            var part = Found(best: BestScores(capacity: capacity, tieLimit: tieLimit))
            var idsByStretch: [(stretch: Int, ids: [Int64])] = []
            let positions = MatchPositions()
            positions.statistics = statistics
            positions.defersIDF = defersIDF
            let blockFilter = try filter.map { try BlockFilter(connection: helper, settings: $0) }
            let statement = try helper.cachedStatement(SearchEngine.rankingScanSQL(idRange: true, filtered: blockFilter != nil))
            var pointers = [(Unmanaged.passUnretained(positions).toOpaque(), MatchPositions.pointerType)]
            if let blockFilter { pointers.append((Unmanaged.passUnretained(blockFilter).toOpaque(), BlockFilter.pointerType)) }
            try withExtendedLifetime((positions, blockFilter)) {
                while let index = queue.next() {
                    try timeLimit?.check()
                    var ids: [Int64] = []
                    try statement.bind([.text(expression), .integer(stretches[index].lowerBound), .integer(stretches[index].upperBound)],
                                       pointers: pointers)
                    try statement.forEachScoredRow { id, score in
                        part.total += 1
                        if part.best.offer(id: id, score: score) {
                            part.places[id] = positions.row
                            if defersIDF { part.shares[id] = positions.rowShare }
                            positions.cutoff = part.best.cutoff
                        }
                        if collectsIDs { ids.append(id) }
                    }
                    if collectsIDs { idsByStretch.append((index, ids)) }
                }
            }
            part.phraseSizes = positions.phraseSizes
            part.statistics = positions.statistics
            return (part, idsByStretch)
        }, timeLimit: timeLimit)
        var found = Found(best: BestScores(capacity: capacity, tieLimit: tieLimit))
        for (part, _) in parts {
            found.total += part.total
            found.best.merge(part.best)
            found.places.merge(part.places) { first, _ in first }
            found.shares.merge(part.shares) { first, _ in first }
            if found.phraseSizes.isEmpty { found.phraseSizes = part.phraseSizes }
            if found.statistics == nil { found.statistics = part.statistics }
        }
        if collectsIDs {
            found.ids.reserveCapacity(found.total)
            for (_, ids) in parts.flatMap(\.1).sorted(by: { $0.stretch < $1.stretch }) { found.ids += ids }
        }
        return found
    }
}

extension ParallelRanking {
    /// The facets of a search's matches, counted by the helpers stretch by stretch from the blocks'
    /// columns (`FacetBlocks`), each into a counter of its own, then added up. The matches are
    /// `ids` (ascending) where the search has them, else each helper reads those of `expression`
    /// in its stretches (one of the two is given).
    static func facets(of expression: String?, ids: [Int64]?, kinds: [FacetKind], helpers: ScanHelpers,
                       stretches: [ClosedRange<Int64>], timeLimit: TimeLimit?) throws -> PackedFacetCounter {
        let queue = JobQueue(count: stretches.count)
        let counters = try helpers.run({ helper, _ in
            var counter = PackedFacetCounter(wanted: Set(kinds))
            let scan = try helper.cachedStatement(SearchEngine.matchIDsSQL + " AND rowid BETWEEN ? AND ?")
            while let index = queue.next() {
                try timeLimit?.check()
                let stretch = stretches[index]
                var matches: [Int64] = []
                if let ids {
                    matches = Array(ids[firstIndex(in: ids, atLeast: stretch.lowerBound)..<firstIndex(in: ids, atLeast: stretch.upperBound + 1)])
                } else if let expression {
                    try scan.bind([.text(expression), .integer(stretch.lowerBound), .integer(stretch.upperBound)])
                    try scan.forEachInteger(column: 0) { matches.append($0) }
                }
                try FacetBlocks.count(ids: matches, connection: helper, into: &counter)
            }
            return counter
        }, timeLimit: timeLimit)
        var total = PackedFacetCounter(wanted: Set(kinds))
        for counter in counters { total.merge(counter) }
        return total
    }
}

/// The index of the first of the ascending `ids` at least `id` (their count when none is).
private func firstIndex(in ids: [Int64], atLeast id: Int64) -> Int {
    var low = 0, high = ids.count
    while low < high {
        let middle = (low + high) / 2
        if ids[middle] < id { low = middle + 1 } else { high = middle }
    }
    return low
}

/// Hands out job numbers `0..<count` to helpers, each once.
private final class JobQueue: @unchecked Sendable {
    // @unchecked Sendable: `taken` is only touched under `lock`.
    private let lock = NSLock()
    private var taken = 0
    private let count: Int

    init(count: Int) {
        self.count = count
    }

    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard taken < count else { return nil }
        taken += 1
        return taken - 1
    }
}
