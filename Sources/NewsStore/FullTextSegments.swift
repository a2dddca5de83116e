/// The full-text index's segments, and merging them into one (`newsdb optimize`).
///
/// Each batch of a load writes its words to FTS5 as a new segment, and FTS5 merges some of them
/// as it goes, so a big file keeps about a dozen (eleven after a 1M load). Every search statement
/// looks each of its words up in every segment: a pruned search runs tens to hundreds of short
/// statements, so it pays that lookup each time. One segment makes those statements cheaper
/// (BENCHMARKS.md, twenty-fifth session); the merge rewrites the whole index, so it is left to
/// `newsdb optimize` rather than paid for by every load.
public enum FullTextSegments {
    /// How many segments the index has: each holds at least one leaf, and each leaf is listed in
    /// the index's `articles_fts_idx` table.
    public static func count(connection: Connection) throws -> Int {
        Int(try connection.scalar("SELECT count(DISTINCT segid) FROM articles_fts_idx")?.int64Value ?? 0)
    }

    /// Merges every segment into one, in a transaction of its own: a kill part way leaves the
    /// index as it was, and readers see the old segments until it commits.
    public static func merge(connection: Connection) throws {
        try connection.transaction {
            try connection.execute("INSERT INTO articles_fts(articles_fts) VALUES('optimize')")
        }
    }
}
