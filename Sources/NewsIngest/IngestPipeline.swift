import Foundation
import NewsStore

/// Loads planned inputs into the database: one reader, parsing on every core, one writer.
///
/// Records are read in batches. While the writer commits batch k in one transaction, the workers
/// parse batch k+1, and the reader's thread reads the batches after it. Each commit is atomic, carries the
/// batch's rejects and marks the files it completed, so a killed run leaves whole batches only,
/// and a re-run skips the completed files and deduplicates the rest by content hash.
public final class IngestPipeline {
    public struct Options: Sendable {
        public var jobs: Int
        public var batchSize: Int
        public var defaultSource: String?
        public var recordLimit: Int
        /// Read files again even when they were loaded before, unchanged.
        public var recheck: Bool
        /// Asked between batches; true stops the run at that batch boundary (SIGINT, SIGTERM).
        public var stopRequested: @Sendable () -> Bool = { false }
        /// Whether this load sets `DeferredIndexes` aside until its end (`automatic`: when it is big).
        public var indexDeferral = IndexDeferral.automatic

        /// Records per batch (and transaction) unless asked otherwise; a batch also ends at 8 MB of input.
        public static let defaultBatchSize = 4000

        public init(jobs: Int = ProcessInfo.processInfo.activeProcessorCount, batchSize: Int = defaultBatchSize,
                    defaultSource: String? = nil, recordLimit: Int = 8_000_000, recheck: Bool = false) {
            self.jobs = max(1, jobs)
            self.batchSize = max(1, batchSize)
            self.defaultSource = defaultSource
            self.recordLimit = recordLimit
            self.recheck = recheck
        }
    }

    /// When a load sets `DeferredIndexes` aside until its end.
    public enum IndexDeferral: String, Sendable, CaseIterable {
        /// When it reads much, for the file's size (`defersIndexes`); never from standard input, whose size is unknown.
        case automatic = "auto"
        case always
        case never
    }

    public struct Progress: Sendable {
        public var filesDone = 0
        public var filesTotal = 0
        public var records = 0
        public var added = 0
        public var duplicates = 0
        public var rejected = 0
        public var bytesRead: Int64 = 0
        /// Web-archive records that are not pages (requests, metadata, non-HTML responses), by kind.
        public var skippedRecords: [String: Int] = [:]
        public var bytesTotal: Int64?
        public var elapsed: Duration = .zero
        /// Set once the records are in, while the indexes set aside are built: the one being built.
        public var buildingIndex: (name: String, number: Int, of: Int)?
    }

    public struct Summary: Sendable {
        public var run: Int64
        public var progress: Progress
        /// Files skipped because an earlier run loaded them and they have not changed.
        public var alreadyLoaded: Int
        /// True when a stop was requested and the run ended early, at a batch boundary.
        public var interrupted = false
        /// Indexes set aside and not built, because the run was stopped first: the next run builds them.
        public var indexesLeftToBuild: [String] = []
    }

    private let connection: Connection
    private let options: Options

    public init(connection: Connection, options: Options) {
        self.connection = connection
        self.options = options
    }

    private typealias Batch = BatchReader.Batch

    /// The write-ahead log is copied into the file once it holds this many bytes of pages (SQLite's
    /// default is 1,000 pages: 8 MB with 8 KiB pages, so every batch's commit paid for a copy). A page
    /// that later batches change again (an index's, the full-text segments') is then copied once for
    /// several commits: at a million articles the commits took 52 s instead of 66 s. The log grows to
    /// about 128 MB during a load and is folded into the file when the load ends.
    static let checkpointBytes = 128 << 20

    /// A load sets the `DeferredIndexes` aside when it reads at least this much...
    static let deferralMinimumBytes: Int64 = 32_000_000

    /// ...and at least a quarter of the database's size: building the indexes again costs in
    /// proportion to the whole file (1.4 s at 100k articles, 18 s at a million, sorting on
    /// every core), entering rows one by one in proportion to the load (12 s per 100k articles at
    /// 100k, more in a bigger file). A few thousand pages added to a big file keep the indexes.
    static func defersIndexes(_ deferral: IndexDeferral, inputBytes: Int64, databaseBytes: Int64) -> Bool {
        switch deferral {
        case .always: true
        case .never: false
        case .automatic: inputBytes >= deferralMinimumBytes && inputBytes * 4 >= databaseBytes
        }
    }

    /// Runs the whole load; `progress` is called on this thread after every committed batch.
    /// The files are walked again as they are read, so no list of them is held (there can be millions).
    public func run(plan: InputPlanner.Plan, arguments: String, progress report: (Progress) -> Void) throws -> Summary {
        let pageSize = try connection.scalar("PRAGMA page_size")?.int64Value ?? 4096
        try connection.execute("PRAGMA wal_autocheckpoint = \(Int64(Self.checkpointBytes) / max(512, pageSize))")
        let log = IngestLog(connection: connection)
        let run = try log.startRun(arguments: arguments)
        if Self.defersIndexes(options.indexDeferral, inputBytes: plan.survey.bytesOnDisk,
                              databaseBytes: DatabaseStats.fileBytes(path: connection.path)) {
            try DeferredIndexes.setAside(connection: connection)
        }
        let writer = IngestWriter(connection: connection, run: run)
        let clock = ContinuousClock()
        let start = clock.now
        var progress = Progress()
        progress.filesTotal = plan.survey.filesToRead
        progress.bytesTotal = plan.survey.bytesToRead

        // The walk is done again as the files are read; only when the survey found files loaded
        // before does each file need a lookup.
        let isLoaded = plan.survey.alreadyLoaded > 0 ? loadedFileCheck() : { _ in false }
        let source = RecordSource(inputs: plan.inputs(), recordLimit: options.recordLimit, isLoaded: isLoaded)
        let reader = BatchReader(source: source, batchSize: options.batchSize)
        reader.start()
        defer { reader.stop() }
        let defaultSource = options.defaultSource
        var templates = TemplateLineCounts()
        var pending: (batch: Batch, parsing: ParallelMap<ParsedRecord>)?
        var interrupted = false
        var rejectCap = RejectCap()
        do {
            while true {
                interrupted = options.stopRequested()
                let batch = interrupted ? nil : reader.next()
                let parsing = batch.map { batch in
                    ParallelMap(batch.records, jobs: options.jobs) { $0.parse(defaultSource: defaultSource) }
                }
                if let previous = pending {
                    let parsed = reparsingTemplates(previous.batch, parsed: previous.parsing.wait(), templates: &templates)
                    try commit(previous.batch, results: parsed, writer: writer, rejectCap: &rejectCap, progress: &progress)
                    progress.bytesRead = previous.batch.bytesRead
                    progress.skippedRecords = previous.batch.skippedRecords
                    progress.elapsed = clock.now - start
                    report(progress)
                }
                guard let batch, let parsing else { break }
                pending = (batch, parsing)
            }
            let summaries = rejectCap.summaries()
            if !summaries.isEmpty { _ = try writer.commit(articles: [], rejects: summaries, rejectedRecords: 0, finishedFiles: []) }
        } catch {
            try? log.finishRun(run, status: .failed, counts: counts(progress))
            throw error
        }
        // Those this run set aside, and any a killed run left; a stopped run leaves them to the next.
        if !interrupted {
            // The helpers sort beside this thread: as many threads as parsing workers.
            try DeferredIndexes.build(connection: connection, threads: options.jobs - 1) { name, number, count in
                progress.buildingIndex = (name, number, count)
                progress.elapsed = clock.now - start
                report(progress)
            }
            progress.buildingIndex = nil
        }
        progress.elapsed = clock.now - start
        try log.finishRun(run, status: interrupted ? .interrupted : .completed, counts: counts(progress))
        var summary = Summary(run: run, progress: progress, alreadyLoaded: plan.survey.alreadyLoaded, interrupted: interrupted)
        summary.indexesLeftToBuild = try DeferredIndexes.pending(connection: connection)
        return summary
    }

    /// Counts the batch's pages into `templates` in record order, then parses again, on the workers,
    /// the pages that kept a line their site repeats (this batch's pages and earlier ones counted).
    private func reparsingTemplates(
        _ batch: Batch, parsed: [ParsedRecord], templates: inout TemplateLineCounts
    ) -> [Result<PreparedArticle, IngestLog.Reject>] {
        for sighting in parsed.compactMap(\.sighting) { templates.record(sighting) }
        let again = parsed.indices.compactMap { index in
            parsed[index].sighting?.recurringIfKept(in: templates).map { (index: index, record: batch.records[index], recurring: $0) }
        }
        var results = parsed.map(\.result)
        guard !again.isEmpty else { return results }
        let defaultSource = options.defaultSource
        let redone = ParallelMap(again.map { ($0.record, $0.recurring) }, jobs: options.jobs) { record, recurring in
            record.parse(defaultSource: defaultSource, recurring: recurring).result
        }.wait()
        for (item, result) in zip(again, redone) { results[item.index] = result }
        return results
    }

    /// Tells the reader's thread which files an earlier run loaded, through a read-only connection
    /// of its own (the writer's is busy). When there is none (an in-memory database), or a lookup
    /// fails, the file is read again and its articles are found to be duplicates by content hash.
    private func loadedFileCheck() -> (IngestLog.FileStamp) -> Bool {
        guard !options.recheck, let lookup = try? Connection(path: connection.path, mode: .readOnly) else { return { _ in false } }
        let log = IngestLog(connection: lookup)
        return { stamp in (try? log.isLoaded(stamp)) ?? false }
    }

    private func counts(_ progress: Progress) -> IngestLog.RunCounts {
        var counts = IngestLog.RunCounts()
        counts.added = progress.added
        counts.duplicates = progress.duplicates
        counts.rejected = progress.rejected
        return counts
    }

    /// Commits a batch: its articles, its rejects (the first ones of each file; the rest are counted,
    /// see `RejectCap`) and the files it completed.
    private func commit(
        _ batch: Batch, results: [Result<PreparedArticle, IngestLog.Reject>], writer: IngestWriter, rejectCap: inout RejectCap,
        progress: inout Progress
    ) throws {
        var articles: [PreparedArticle] = []
        var rejects: [IngestLog.Reject] = []
        for result in results {
            switch result {
            case .success(let article): articles.append(article)
            case .failure(let reject): rejects.append(reject)
            }
        }
        let outcomes = try writer.commit(
            articles: articles, rejects: rejectCap.admit(rejects), rejectedRecords: rejects.count, finishedFiles: batch.finished.compactMap { $0 })
        progress.records += batch.records.count
        progress.rejected += rejects.count
        progress.filesDone += batch.finished.count
        for outcome in outcomes {
            switch outcome {
            case .inserted: progress.added += 1
            case .duplicate: progress.duplicates += 1
            case .rejected: progress.rejected += 1
            }
        }
    }
}
