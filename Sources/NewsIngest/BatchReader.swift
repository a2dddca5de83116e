import Foundation
import NewsStore

/// Reads record batches on a thread of its own, up to `depth` batches ahead of the consumer.
///
/// Opening and reading a hundred thousand small page files is mostly system calls; done on the
/// writer's thread it stalled every commit. Here it overlaps with both the parsing and the writing.
final class BatchReader: @unchecked Sendable {
    // @unchecked Sendable: `source` is touched only by the reader thread once `start()` ran, and
    // `queue`, `finished` and `stopped` only under `condition`.
    struct Batch: Sendable {
        var records: [RawRecord] = []
        /// Files whose every record is in this batch or an earlier one (nil: standard input).
        var finished: [IngestLog.FileStamp?] = []
        /// The source's byte count once this batch was read, for progress.
        var bytesRead: Int64 = 0
        /// The source's count of archive records skipped (not pages), by kind, once this batch was read.
        var skippedRecords: [String: Int] = [:]
    }

    private let source: RecordSource
    private let batchSize: Int
    /// A batch also ends once its records hold this many bytes, so that memory stays bounded
    /// whatever the size of the articles.
    static let batchBytes = 8_000_000
    private let depth: Int
    private let condition = NSCondition()
    private var queue: [Batch] = []
    private var finished = false
    private var stopped = false

    init(source: RecordSource, batchSize: Int, depth: Int = 1) {
        self.source = source
        self.batchSize = batchSize
        self.depth = max(1, depth)
    }

    func start() {
        let thread = Thread { [self] in readAll() }
        thread.name = "newsdb-reader"
        thread.start()
    }

    /// The next batch in input order, waiting for it if needed; nil once every file has been read.
    func next() -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !finished { condition.wait() }
        guard !queue.isEmpty else { return nil }
        let batch = queue.removeFirst()
        condition.broadcast()
        return batch
    }

    /// Asks the reader to stop after the batch it is reading; batches already read are dropped.
    func stop() {
        condition.lock()
        stopped = true
        queue.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    private func readAll() {
        while true {
            condition.lock()
            while queue.count >= depth && !stopped { condition.wait() }
            let stop = stopped
            condition.unlock()
            let batch = stop ? Batch() : read()
            condition.lock()
            let done = stop || (batch.records.isEmpty && batch.finished.isEmpty)
            if done {
                finished = true
            } else if !stopped {
                queue.append(batch)
            }
            condition.broadcast()
            condition.unlock()
            if done { return }
        }
    }

    private func read() -> Batch {
        var batch = Batch()
        var bytes = 0
        while batch.records.count < batchSize, bytes < Self.batchBytes, let item = source.next() {
            switch item {
            case .record(let record):
                batch.records.append(record)
                bytes += record.byteCount
            case .finished(let stamp): batch.finished.append(stamp)
            }
        }
        batch.bytesRead = source.bytesRead
        batch.skippedRecords = source.skippedRecords
        return batch
    }
}
