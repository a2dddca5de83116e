import CSQLite

/// Where the matched phrases are in the row `articles_rank` has just scored. A search binds one
/// as a pointer parameter (`articles_rank(articles_fts, 5, 2, 1, ?)`); the function, which reads
/// these places anyway to score the row, leaves them here, and the search keeps those of the rows
/// it shows, so their snippets are cut without running the MATCH again.
final class MatchPositions {
    struct Instance: Equatable {
        var phrase: Int32
        var column: Int32
        /// In tokens from the start of the column.
        var offset: Int32
    }

    /// The type name the pointer is bound and read with.
    static var pointerType: UnsafePointer<CChar> { newsdb_match_positions_type() }

    /// The instances of the row scored last, when its score was at most `cutoff` (else empty).
    var row: [Instance] = []
    /// The worst score the search still keeps; rows scoring worse leave no places.
    var cutoff = Double.infinity
    /// Tokens in each phrase of the query, by phrase number.
    var phraseSizes: [Int32] = []
    /// The query's IDF per phrase and average row length, from the first statement of the search
    /// that scored a row: a search that scores block by block in several statements reuses them,
    /// so every block is scored alike and each phrase's rows are counted once, not per statement.
    var statistics: RankStatistics?
    /// Rows holding each phrase, when the search counted them already (with FTS5's count, cheaper
    /// than the rank function's own way): the IDF is then made from these.
    var knownPhraseRows: [Int64]?
    /// Set for a query of one phrase whose rows are its matches (`OnePhraseRanking`): rows are
    /// scored with an IDF of 1, and the phrase's share of the row scored last is left in `rowShare`,
    /// so the search can put the IDF in once the scan has counted the rows.
    var defersIDF = false
    var rowShare = RankFunction.PhraseShare(frequency: 0, normaliser: 0)
}

struct RankStatistics {
    var idf: [Double]
    /// Rows holding each phrase (the IDF's count).
    var phraseRows: [Int64]
    var averageLength: Double
    /// Rows in the index, the IDF's N.
    var rowCount: Double
    /// True when `idf` is a stand-in of 1 (`MatchPositions.defersIDF`).
    var idfDeferred = false
}
