import Foundation

/// The bookkeeping of loads: one `ingest_runs` row per run, `rejects` for records that did not
/// become articles, and `ingest_files` for files loaded in full.
public final class IngestLog {
    public enum Status: String, Sendable {
        case running, completed, interrupted, failed
    }

    /// A record that did not become an article, and why.
    public struct Reject: Error, Sendable, Equatable {
        public var origin: String
        public var reason: String
        public var excerpt: String

        public init(origin: String, reason: String, excerpt: String = "") {
            self.origin = origin
            self.reason = reason
            // Enough to recognise the record, never the whole of a huge one.
            self.excerpt = String(excerpt.prefix(200))
        }
    }

    /// A file as it was when every one of its records had been stored.
    public struct FileStamp: Sendable, Equatable {
        public var path: String
        public var size: Int64
        public var modified: String
        public var records: Int

        public init(path: String, size: Int64, modified: String, records: Int) {
            self.path = path
            self.size = size
            self.modified = modified
            self.records = records
        }
    }

    public struct RunCounts: Sendable, Equatable {
        public var added = 0
        public var duplicates = 0
        public var rejected = 0
        public init() {}
    }

    private let connection: Connection

    public init(connection: Connection) {
        self.connection = connection
    }

    /// Starts a run. Runs still marked `running` were cut off (a kill, a crash): they become `interrupted`.
    public func startRun(arguments: String) throws -> Int64 {
        try connection.transaction {
            try connection.execute("UPDATE ingest_runs SET status = 'interrupted' WHERE status = 'running'", [])
            try connection.execute(
                "INSERT INTO ingest_runs (started_at, arguments) VALUES (?, ?)", [SQLValue(Date()), .text(arguments)])
            return connection.lastInsertRowID
        }
    }

    public func finishRun(_ run: Int64, status: Status, counts: RunCounts) throws {
        try connection.execute("""
            UPDATE ingest_runs SET finished_at = ?, status = ?, added = ?, duplicates = ?, rejected = ? WHERE id = ?
            """, [SQLValue(Date()), .text(status.rawValue), SQLValue(counts.added), SQLValue(counts.duplicates),
                  SQLValue(counts.rejected), .integer(run)])
    }

    /// Adds a committed batch's counts to its run, in the batch's transaction.
    public func addCounts(_ counts: RunCounts, run: Int64) throws {
        try connection.execute("""
            UPDATE ingest_runs SET added = coalesce(added, 0) + ?, duplicates = coalesce(duplicates, 0) + ?,
                rejected = coalesce(rejected, 0) + ? WHERE id = ?
            """, [SQLValue(counts.added), SQLValue(counts.duplicates), SQLValue(counts.rejected), .integer(run)])
    }

    static let insertReject = """
        INSERT INTO rejects (run_id, origin, reason, excerpt) VALUES (?, ?, ?, ?)
        ON CONFLICT (origin, reason) DO UPDATE SET run_id = excluded.run_id, excerpt = excluded.excerpt
        """

    public func record(_ reject: Reject, run: Int64) throws {
        try connection.execute(Self.insertReject, [.integer(run), .text(reject.origin), .text(reject.reason), .text(reject.excerpt)])
    }

    /// True when the file was loaded in full before and has not changed since.
    public func isLoaded(_ stamp: FileStamp) throws -> Bool {
        try connection.scalar(
            "SELECT 1 FROM ingest_files WHERE path = ? AND size = ? AND modified = ?",
            [.text(stamp.path), .integer(stamp.size), .text(stamp.modified)]
        ) != nil
    }

    public func markLoaded(_ stamp: FileStamp, run: Int64) throws {
        try connection.execute("""
            INSERT INTO ingest_files (path, size, modified, run_id, records) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (path) DO UPDATE SET size = excluded.size, modified = excluded.modified,
                run_id = excluded.run_id, records = excluded.records
            """, [.text(stamp.path), .integer(stamp.size), .text(stamp.modified), .integer(run), SQLValue(stamp.records)])
    }

    /// Rejected records, newest run first, for `newsdb rejects`.
    public func rejects(run: Int64? = nil) throws -> [Row] {
        var rows: [Row] = []
        try forEachReject(run: run) { rows.append($0) }
        return rows
    }

    /// The rejects one by one, as they are read: a listing of millions holds one row at a time.
    public func forEachReject(run: Int64? = nil, _ body: (Row) throws -> Void) throws {
        let statement: Statement
        if let run {
            statement = try connection.prepare("SELECT run_id, origin, reason, excerpt FROM rejects WHERE run_id = ? ORDER BY id")
            try statement.bind([.integer(run)])
        } else {
            statement = try connection.prepare("SELECT run_id, origin, reason, excerpt FROM rejects ORDER BY run_id DESC, id")
        }
        while let row = try statement.step() { try body(row) }
    }
}

/// One transaction of an ingest: articles, the rejects met since the last batch, and files finished.
public final class IngestWriter {
    private let connection: Connection
    private let articles: ArticleWriter
    private let log: IngestLog
    public let run: Int64

    public init(connection: Connection, run: Int64) {
        self.connection = connection
        self.articles = ArticleWriter(connection: connection)
        self.log = IngestLog(connection: connection)
        self.run = run
    }

    /// Commits the batch and returns what became of each article (in order) and of the rejects.
    /// When an article breaks a rule of the schema, the transaction is rolled back and the batch
    /// committed again with that article alone rejected (see `ArticleWriter.BatchNeedsIsolation`).
    /// `rejectedRecords` counts the batch's rejects, stored or not (past a file's cap they are only counted).
    public func commit(
        articles batch: [PreparedArticle], rejects: [IngestLog.Reject], rejectedRecords: Int? = nil, finishedFiles: [IngestLog.FileStamp]
    ) throws -> [ArticleWriter.Outcome] {
        let rejectedRecords = rejectedRecords ?? rejects.count
        do {
            return try commit(batch, rejects: rejects, rejectedRecords: rejectedRecords, finishedFiles: finishedFiles, isolated: false)
        } catch is ArticleWriter.BatchNeedsIsolation {
            return try commit(batch, rejects: rejects, rejectedRecords: rejectedRecords, finishedFiles: finishedFiles, isolated: true)
        }
    }

    private func commit(
        _ batch: [PreparedArticle], rejects: [IngestLog.Reject], rejectedRecords: Int, finishedFiles: [IngestLog.FileStamp],
        isolated: Bool
    ) throws -> [ArticleWriter.Outcome] {
        try connection.transaction {
            let outcomes = try articles.writeInCurrentTransaction(prepared: batch, run: run, isolated: isolated)
            for reject in rejects { try log.record(reject, run: run) }
            for (article, outcome) in zip(batch.map(\.article), outcomes) {
                if case .rejected(let reason) = outcome {
                    try log.record(IngestLog.Reject(origin: article.origin, reason: reason, excerpt: article.title ?? article.lead), run: run)
                }
            }
            for file in finishedFiles { try log.markLoaded(file, run: run) }
            // The run's counts move with its rows, so a killed run still says what it committed.
            var counts = IngestLog.RunCounts()
            counts.rejected = rejectedRecords
            for outcome in outcomes {
                switch outcome {
                case .inserted: counts.added += 1
                case .duplicate: counts.duplicates += 1
                case .rejected: counts.rejected += 1
                }
            }
            try log.addCounts(counts, run: run)
            return outcomes
        }
    }
}
