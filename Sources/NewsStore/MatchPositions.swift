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
}
