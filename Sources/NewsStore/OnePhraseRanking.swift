/// A query of one phrase (a word, words in quotes, or a prefix) with no filter: the rows its IDF
/// counts are exactly its matches, which a scan that scores every match counts anyway. So the scan
/// scores each row with an IDF of 1, keeping the same rows in the same order (the IDF multiplies
/// every score alike), and the page's scores get the IDF once the total is known. Otherwise FTS5
/// reads every match twice, once to count the phrase's rows and once to score them: for a phrase
/// of several words both passes read every match's positions, for a prefix both gather every term
/// it covers.
enum OnePhraseRanking {
    /// Whether `expression` (as `SearchQuery` writes it) is one quoted phrase, maybe a prefix:
    /// `"told reporters"`, `"council"*`.
    static func isOnePhrase(_ expression: String) -> Bool {
        var body = expression[...]
        if body.hasSuffix("*") { body = body.dropLast() }
        guard body.count >= 2, body.first == "\"", body.last == "\"" else { return false }
        // Inside, a quote only ever comes doubled.
        var inside = body.dropFirst().dropLast()
        guard !inside.isEmpty else { return false }
        while let character = inside.popFirst() {
            if character == "\"" {
                guard inside.popFirst() == "\"" else { return false }
            }
        }
        return true
    }

    /// The page kept by a scan scored with an IDF of 1, its scores given the IDF of a phrase in
    /// `total` of `rowCount` rows: each kept row's share (`shares`) scored again as the rank function
    /// scores it, and kept again as a scan with the IDF would have kept them. Nil when a match the
    /// scan left out might score level with the page's last once the IDF is in (scores within
    /// rounding of each other): the caller then scores with the IDF from the start.
    static func withIDF(_ best: BestScores, shares: [Int64: RankFunction.PhraseShare], total: Int, rowCount: Double) -> BestScores? {
        guard !best.overflowed else { return nil }
        let idf = RankFunction.idf(rowCount: rowCount, phraseRows: Int64(total))
        var rescored = BestScores(capacity: best.capacity, tieLimit: best.tieLimit)
        for entry in best.entries.sorted(by: { $0.id < $1.id }) {
            guard let share = shares[entry.id] else { return nil }
            rescored.offer(id: entry.id, score: -RankFunction.term(idf: idf, share))
        }
        guard best.bestLeftOut < .infinity else { return rescored }
        // Rounding moves a score by a few parts in 2^52 at most: a match left out scores no better
        // than the best of them times the IDF within that, which must stay below the page's last.
        let leftOut = -best.bestLeftOut * idf * (1 + 1e-12)
        return -rescored.cutoff > leftOut ? rescored : nil
    }
}
