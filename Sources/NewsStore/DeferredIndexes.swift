import Foundation

/// Secondary indexes a big load builds once at its end instead of entering each row as it goes
/// (Migrations/0016_deferred_indexes.sql says why). Setting them aside keeps each one's SQL in
/// `deferred_indexes` in the same transaction as the drop, so the file always knows what it lacks,
/// whatever stops the load; `build` makes them again from that SQL.
public enum DeferredIndexes {
    /// Indexes whose keys a load's rows bring in no order (an entity's articles, a speaker's quotes,
    /// dates and sources of articles posted in any order). The unique indexes stay: deduplication
    /// needs them. So do those a load appends to in order (by article, by run).
    static let names = ["article_entities_by_entity", "quotes_by_speaker", "articles_by_published", "articles_by_source"]

    /// Drops the indexes not already set aside, keeping their SQL, in one transaction.
    public static func setAside(connection: Connection) throws {
        try connection.transaction {
            let quotedNames = names.map { "'\($0)'" }.joined(separator: ", ")
            let present = try connection.query("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND name IN (\(quotedNames))")
            for row in present {
                guard let name = row.string(0), let sql = row.string(1) else { continue }
                try connection.execute("INSERT OR REPLACE INTO deferred_indexes (name, sql) VALUES (?, ?)", [.text(name), .text(sql)])
                // Names from our own list, never user input.
                try connection.execute("DROP INDEX \(name)")
            }
        }
    }

    /// The indexes set aside and not built yet, by this load or by one that was stopped or killed.
    public static func pending(connection: Connection) throws -> [String] {
        try connection.query("SELECT name FROM deferred_indexes ORDER BY name").compactMap { $0.string(0) }
    }

    /// Builds every index set aside, each in its own transaction (a kill keeps those built), with
    /// SQLite sorting on `threads` extra threads. `building` is told each index's name, its number
    /// (from 1) and how many there are, before it starts.
    ///
    /// The sort runs with SQLite's default 2 MB cache: each sorting thread holds runs of the cache's
    /// size, so with a load's 64 MB a 1M file's largest index took 10.0 s and 268 MB, with 2 MB
    /// 6.6 s and 11 MB (one helper thread; 12.6 s with none). The sorted runs go to temporary files,
    /// not to memory as the connection's other temporary data does: a 1M load peaked at 571 MB
    /// with them in memory.
    public static func build(connection: Connection, threads: Int, building: (String, Int, Int) -> Void = { _, _, _ in }) throws {
        let tempStore = try connection.scalar("PRAGMA temp_store")?.int64Value ?? 0
        try connection.execute(Connection.PageCache.small.pragma)
        try connection.execute("PRAGMA threads = \(max(0, threads))")
        try connection.execute("PRAGMA temp_store = FILE")
        defer {
            try? connection.execute("PRAGMA temp_store = \(tempStore)")
            try? connection.execute("PRAGMA threads = 0")
            try? connection.execute(connection.pageCache.pragma)
        }
        let names = try pending(connection: connection)
        for (index, name) in names.enumerated() {
            building(name, index + 1, names.count)
            try connection.transaction {
                // Read again inside the write lock: another writer may have built it meanwhile.
                guard let sql = try connection.query("SELECT sql FROM deferred_indexes WHERE name = ?", [.text(name)]).first?.string(0) else {
                    return
                }
                let exists = try connection.scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = ?", [.text(name)])
                if exists != .integer(1) { try connection.execute(sql) }
                try connection.execute("DELETE FROM deferred_indexes WHERE name = ?", [.text(name)])
            }
        }
    }
}
