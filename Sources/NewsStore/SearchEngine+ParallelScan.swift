/// Scoring every match of a ranked search on several cores at once.
extension SearchEngine {
    /// Every match of a words search scored on all the engine's helpers at once (`ParallelRanking`),
    /// all reading one snapshot of the file. Nil, with nothing scored, where that cannot be done or
    /// would not pay: one thread, an in-memory file, a transaction open already (its snapshot
    /// cannot be shared), a prefix, phrases all known to be in few rows, or a commit that came
    /// between the connections' snapshots. The caller then scores alone. `version`: the file's
    /// `ScanHelpers.version` read before `boundRows` (the words' bounds, when read already) or anything
    /// else this search read.
    /// `mayDeferIDF`: a query of one phrase is scored without its IDF, which goes in at the end
    /// (`OnePhraseRanking`); false to score with it from the start.
    func scoreInParallel(expression: String, request: SearchRequest, collectsIDs: Bool, versionBefore version: SQLValue,
                         boundRows known: BoundRows?, mayDeferIDF: Bool = true) throws -> ParallelRanking.Found? {
        guard let helpers = scanHelpers, !connection.isInTransaction else { return nil }
        let defersIDF = mayDeferIDF && deferIDF(expression: expression, request: request, filtered: !request.query.filters.isEmpty)
        // FTS5 gathers all of a prefix's terms for each statement, whatever its ids: a prefix gives
        // each helper one stretch, and only with its IDF deferred (no statement counts its rows
        // first) and the helpers open already (its matches are not known before that gather).
        let isPrefix = expression.contains("*")
        if isPrefix, !(defersIDF && helpers.isOpen) { return nil }
        let phrases = request.rawExpression == nil ? PrunedRanking.phrases(of: expression) : nil
        // Each phrase's rows for the IDF where the blocks' counts give them (one word), the rest
        // counted by the helpers. Not with a column filter, which changes what the rank function
        // counts (https://sqlite.org/fts5.html#xQueryPhrase): it then counts for itself.
        let countsRows = phrases != nil && !expression.contains(":") && !defersIDF
        var rows: [Int64?] = phrases.map { Array(repeating: nil, count: $0.count) } ?? []
        if let phrases, try hasSearchBounds(), let tokenizer {
            let boundRows = try known ?? makeBoundRows()
            // Matches at most: of words ANDed (or NEAR), the fewest any of them is in; of words ORed, their sum.
            let bounds = try phrases.map { try PrunedRanking.rowsAtMost($0, boundRows: boundRows, tokenizer: tokenizer) }
            let included = zip(phrases, bounds).filter { !$0.0.excluded }.map(\.1)
            let matches = expression.contains(" OR ") ? included.reduce(0, +) : included.min() ?? 0
            if matches < parallelMinimumRows * (helpers.isOpen ? 1 : Self.helpersFirstUseFactor) { return nil }
            if countsRows {
                // A one-word phrase's rows from the blocks' counts, where few blocks need FTS5 to count.
                for (index, phrase) in phrases.enumerated() {
                    let words = phrase.text.split { !$0.isLetter && !$0.isNumber }
                    if words.count == 1 { rows[index] = try PrunedRanking.wordTotal(boundRows: boundRows, tokenizer: tokenizer, word: String(words[0])) }
                }
            }
        }
        let filter = request.query.filters.isEmpty ? nil : try blockFilterSettings(for: request.query.filters, exact: true)
        let blocks = Int64(try blockCount())
        let capacity = request.offset + request.limit
        try beforeJoiningHelpers?()
        var scoresWithIDF = false
        let found = try connection.transaction(.deferred) { () throws -> ParallelRanking.Found? in
            guard try helpers.join(connection, versionBefore: version) else { return nil }
            defer { helpers.leave() }
            let stretches = isPrefix ? ParallelRanking.stretches(upTo: blocks << SearchBounds.blockShift, count: helpers.count)
                : ParallelRanking.stretches(blockCount: blocks, helpers: helpers)
            let positions = MatchPositions()
            positions.defersIDF = defersIDF
            if let phrases, countsRows {
                let unknown = rows.indices.filter { rows[$0] == nil }
                let counted = unknown.isEmpty ? [] : try ParallelRanking.counts(of: unknown.map { SearchQueryParser.quote(phrases[$0].text) },
                                                                                helpers: helpers, stretches: stretches, timeLimit: connection.timeLimit)
                for (index, count) in zip(unknown, counted) { rows[index] = count }
                positions.knownPhraseRows = rows.map { $0 ?? 0 }
            }
            // One row scored here for the IDF and average length every helper then scores with. With
            // the IDF deferred each helper works out the same ones from the snapshot they share
            // (a prefix's first row would cost a gather of its own).
            if !defersIDF {
                try scoreFirstMatch(of: expression, leavingStatisticsIn: positions)
                guard positions.statistics != nil else { return ParallelRanking.Found(best: BestScores(capacity: capacity, tieLimit: tieLimit)) }
            }
            lastScanThreads = helpers.count
            var found = try ParallelRanking.score(expression: expression, statistics: positions.statistics, filter: filter, capacity: capacity,
                                                  tieLimit: tieLimit, collectsIDs: collectsIDs, helpers: helpers, stretches: stretches,
                                                  defersIDF: defersIDF, timeLimit: connection.timeLimit)
            if defersIDF, let statistics = found.statistics {
                guard statistics.idfDeferred,
                      let rescored = OnePhraseRanking.withIDF(found.best, shares: found.shares, total: found.total, rowCount: statistics.rowCount) else {
                    scoresWithIDF = true
                    return nil
                }
                found.best = rescored
                lastDeferredIDF = true
            }
            return found
        }
        if scoresWithIDF {
            return try scoreInParallel(expression: expression, request: request, collectsIDs: collectsIDs, versionBefore: version,
                                       boundRows: known, mayDeferIDF: false)
        }
        return found
    }

    /// Whether a search that scores every match puts the IDF in at the end (`OnePhraseRanking`):
    /// one phrase, unfiltered, for a page. Not for the exhaustive reference (`allowsPruning` off).
    func deferIDF(expression: String, request: SearchRequest, filtered: Bool) -> Bool {
        allowsPruning && request.rawExpression == nil && !filtered && request.offset + request.limit > 0
            && OnePhraseRanking.isOnePhrase(expression)
    }
}
