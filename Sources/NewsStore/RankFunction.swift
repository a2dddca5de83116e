import CSQLite
import Foundation

/// `articles_rank(articles_fts, title, lead, body)`: the score FTS5's own `bm25()` gives (same
/// formula, same IDF, same weights; lower is better), computed faster for large match sets.
///
/// bm25() looks up each matched row's length with a statement of its own per row, which is a third
/// of its cost when a common word matches most articles. This function reads the length from the
/// `articles_fts_docsize` table through one incremental-blob handle moved from row to row. When that
/// table cannot be read it asks FTS5 for the length as bm25() does.
/// It is for `articles_fts` only: another table's rows are other ids. After one weight per column
/// it takes an optional pointer to a `MatchPositions`, where it leaves the places of the matched
/// phrases of the rows a search may keep.
enum RankFunction {
    static let name = "articles_rank"
    /// BM25's parameters, as FTS5's bm25() fixes them.
    static let k1 = 1.2
    static let b = 0.75

    /// What a row gives one phrase's BM25 term before its IDF: the phrase's weighted count in the
    /// row and the row's length normaliser.
    struct PhraseShare: Equatable {
        var frequency: Double
        var normaliser: Double
    }

    /// One phrase's BM25 term. Every score is summed from these, so a score put together later
    /// from the same share and IDF has the same bits.
    static func term(idf: Double, _ share: PhraseShare) -> Double {
        idf * (share.frequency * (k1 + 1)) / (share.frequency + share.normaliser)
    }

    /// As bm25(): a phrase in more than half the rows would weigh negative, so it weighs almost nothing.
    static func idf(rowCount: Double, phraseRows: Int64) -> Double {
        let value = log((rowCount - Double(phraseRows) + 0.5) / (Double(phraseRows) + 0.5))
        return value <= 0 ? 1e-6 : value
    }

    /// Adds the function to a connection; a database without FTS5 simply goes without it.
    static func register(on handle: OpaquePointer) {
        guard let api = fts5API(handle) else { return }
        _ = api.pointee.xCreateFunction(api, name, UnsafeMutableRawPointer(handle), rank, nil)
    }

    /// FTS5 hands out its API through a pointer bound to `SELECT fts5(?1)`.
    static func fts5API(_ handle: OpaquePointer) -> UnsafeMutablePointer<fts5_api>? {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, "SELECT fts5(?1)", -1, &statement, nil) == SQLITE_OK, let statement else { return nil }
        defer { sqlite3_finalize(statement) }
        var api: UnsafeMutablePointer<fts5_api>?
        return withUnsafeMutablePointer(to: &api) { slot in
            sqlite3_bind_pointer(statement, 1, slot, "fts5_api_ptr", nil)
            _ = sqlite3_step(statement)
            return slot.pointee
        }
    }

    private static let rank: fts5_extension_function = { api, context, result, count, values in
        guard let api, let context else { return }
        var stored = api.pointee.xGetAuxdata(context, 0)
        if stored == nil {
            guard let made = RankQuery(api: api, context: context, weights: count, values) else {
                sqlite3_result_error_code(result, SQLITE_ERROR)
                return
            }
            let retained = Unmanaged.passRetained(made).toOpaque()
            guard api.pointee.xSetAuxdata(context, retained, { Unmanaged<RankQuery>.fromOpaque($0!).release() }) == SQLITE_OK else {
                sqlite3_result_error_code(result, SQLITE_NOMEM)
                return
            }
            stored = retained
        }
        // FTS5 holds the query's reference until the statement ends: no retain per row.
        let score = Unmanaged<RankQuery>.fromOpaque(stored!)._withUnsafeGuaranteedRef { $0.score(api: api, context: context) }
        if let score {
            sqlite3_result_double(result, score)
        } else {
            sqlite3_result_error_code(result, SQLITE_ERROR)
        }
    }
}

/// What one query's scoring needs once: IDF per phrase, the average row length, the column weights,
/// and the reader of row lengths. Its arrays are raw buffers: this runs once per matched row, and
/// Swift arrays in a class pay for exclusivity and uniqueness checks on every access.
private final class RankQuery {
    private static let k1 = RankFunction.k1
    private static let b = RankFunction.b

    private let idf: UnsafeMutableBufferPointer<Double>
    private let frequencies: UnsafeMutableBufferPointer<Double>
    private let weights: UnsafeMutableBufferPointer<Double>
    private let averageLength: Double
    private let lengths: RowLengths?
    /// Given as the argument after the weights: where each row's matched phrases are left.
    private let positions: MatchPositions?
    /// Scoring one phrase with a stand-in IDF of 1 (`RankStatistics.idfDeferred`), its share left in
    /// `positions` for the search to put the IDF in (`MatchPositions.defersIDF`).
    private let defersIDF: Bool

    init?(api: UnsafePointer<Fts5ExtensionApi>, context: OpaquePointer, weights count: Int32, _ values: UnsafeMutablePointer<OpaquePointer?>?) {
        let fts = api.pointee
        let columns = Int(fts.xColumnCount(context))
        let given = columns < Int(count) ? values?[columns].flatMap { sqlite3_value_pointer($0, MatchPositions.pointerType) } : nil
        let positions = given.map { Unmanaged<MatchPositions>.fromOpaque($0).takeUnretainedValue() }
        let phraseCount = Int(fts.xPhraseCount(context))
        let statistics: RankStatistics
        if let known = positions?.statistics, known.idf.count == phraseCount {
            statistics = known
        } else {
            let defers = positions?.defersIDF == true && phraseCount == 1
            guard let counted = Self.statistics(fts: fts, context: context, knownPhraseRows: positions?.knownPhraseRows, defersIDF: defers)
            else { return nil }
            statistics = counted
            positions?.statistics = counted
        }
        let idf = statistics.idf
        let weights = (0..<columns).map { column -> Double in
            guard column < Int(count), let value = values?[column] else { return 1 }
            return sqlite3_value_double(value)
        }
        self.idf = .allocate(capacity: idf.count)
        _ = self.idf.initialize(from: idf)
        self.frequencies = .allocate(capacity: idf.count)
        self.frequencies.initialize(repeating: 0)
        self.weights = .allocate(capacity: weights.count)
        _ = self.weights.initialize(from: weights)
        averageLength = statistics.averageLength
        lengths = RowLengths(handle: fts.xUserData(context).map { OpaquePointer($0) })
        positions?.phraseSizes = (0..<fts.xPhraseCount(context)).map { fts.xPhraseSize(context, $0) }
        self.positions = positions
        defersIDF = statistics.idfDeferred
    }

    /// IDF per phrase and the average row length, as bm25() counts them; with `defersIDF`, an IDF
    /// of 1 and no rows counted (the search counts them as it scores).
    private static func statistics(fts: Fts5ExtensionApi, context: OpaquePointer, knownPhraseRows: [Int64]?, defersIDF: Bool) -> RankStatistics? {
        var rows: Int64 = 0
        var tokens: Int64 = 0
        guard fts.xRowCount(context, &rows) == SQLITE_OK, fts.xColumnTotalSize(context, -1, &tokens) == SQLITE_OK else { return nil }
        let rowCount = Double(max(rows, 1))
        var idf: [Double] = []
        var phraseRows: [Int64] = []
        let phraseCount = fts.xPhraseCount(context)
        let known = knownPhraseRows?.count == Int(phraseCount) ? knownPhraseRows : nil
        for phrase in 0..<phraseCount {
            var hits: Int64 = known?[Int(phrase)] ?? 0
            if defersIDF {
                idf.append(1)
                phraseRows.append(0)
                continue
            }
            if known == nil {
                let status = fts.xQueryPhrase(context, phrase, &hits) { _, _, counter in
                    counter?.assumingMemoryBound(to: Int64.self).pointee += 1
                    return SQLITE_OK
                }
                guard status == SQLITE_OK else { return nil }
            }
            idf.append(RankFunction.idf(rowCount: rowCount, phraseRows: hits))
            phraseRows.append(hits)
        }
        return RankStatistics(idf: idf, phraseRows: phraseRows, averageLength: Double(tokens) / rowCount, rowCount: rowCount,
                              idfDeferred: defersIDF)
    }

    deinit {
        idf.deallocate()
        frequencies.deallocate()
        weights.deallocate()
    }

    func score(api: UnsafePointer<Fts5ExtensionApi>, context: OpaquePointer) -> Double? {
        let fts = api.pointee
        var instances: Int32 = 0
        guard fts.xInstCount(context, &instances) == SQLITE_OK else { return nil }
        let length: Double
        if let stored = lengths?.length(of: fts.xRowid(context)) {
            length = Double(stored)
        } else {
            var tokens: Int32 = 0
            guard fts.xColumnSize(context, -1, &tokens) == SQLITE_OK else { return nil }
            length = Double(tokens)
        }
        // Each phrase's weighted count of instances in the row, summed into its BM25 term.
        frequencies.update(repeating: 0)
        var phrase: Int32 = 0, column: Int32 = 0, offset: Int32 = 0
        for instance in 0..<instances {
            guard fts.xInst(context, instance, &phrase, &column, &offset) == SQLITE_OK, Int(phrase) < frequencies.count else { return nil }
            frequencies[Int(phrase)] += Int(column) < weights.count ? weights[Int(column)] : 1
        }
        let normaliser = Self.k1 * (1 - Self.b + Self.b * length / averageLength)
        var score = 0.0
        for index in 0..<frequencies.count {
            score += RankFunction.term(idf: idf[index], RankFunction.PhraseShare(frequency: frequencies[index], normaliser: normaliser))
        }
        if defersIDF { positions?.rowShare = RankFunction.PhraseShare(frequency: frequencies[0], normaliser: normaliser) }
        if let positions {
            // Places are left only for a row the search may keep: most rows score worse than its cut.
            positions.row.removeAll(keepingCapacity: true)
            if -score <= positions.cutoff {
                for instance in 0..<instances where fts.xInst(context, instance, &phrase, &column, &offset) == SQLITE_OK {
                    positions.row.append(MatchPositions.Instance(phrase: phrase, column: column, offset: offset))
                }
            }
        }
        return -score
    }
}

/// Reads a row's length from `articles_fts_docsize` (one row per article: each column's token
/// count as varints) through an incremental-blob handle: moving it to another row is a B-tree
/// seek, with no statement to reset and run as bm25()'s per-row lookup does.
///
/// A sealed block's lengths are read at once from `search_blocks.lengths` (migration 0013): one
/// seek per block of 256 ids instead of one per match. Even for a word in one article of a block in
/// three that is cheaper, as `search_blocks` is a small table and the rows' table a deep one
/// (BENCHMARKS.md, sixteenth session). A block without them (not sealed, sealed before 0013) falls
/// back to the rows; after a few such blocks in a row the query stops asking, as each miss costs a
/// handle opened afresh.
private final class RowLengths {
    private let handle: OpaquePointer
    private var blob: OpaquePointer?
    private let buffer: UnsafeMutablePointer<UInt8>
    private static let bufferSize = 64

    private var readsBlocks = true
    private var blockBlob: OpaquePointer?
    private let blockLengths: UnsafeMutablePointer<UInt32>
    private var loadedBlock: Int64 = -1
    private var blockIsLoaded = false
    private var missesInARow = 0
    private static let missesBeforeGivingUp = 8
    private static let blockBytes = Int32(SearchBounds.blockSize * 4)

    init?(handle: OpaquePointer?) {
        guard let handle else { return nil }
        self.handle = handle
        buffer = .allocate(capacity: Self.bufferSize)
        blockLengths = .allocate(capacity: Int(SearchBounds.blockSize))
    }

    deinit {
        if let blob { sqlite3_blob_close(blob) }
        if let blockBlob { sqlite3_blob_close(blockBlob) }
        buffer.deallocate()
        blockLengths.deallocate()
    }

    /// The row's total token count, or nil when the table has no such row.
    func length(of row: Int64) -> Int? {
        if readsBlocks {
            let block = SearchBounds.block(of: row)
            if block != loadedBlock { loadBlock(block) }
            if blockIsLoaded {
                let length = UInt32(littleEndian: blockLengths[Int(row & (SearchBounds.blockSize - 1))])
                if length != SearchBounds.unknownLength { return Int(length) }
            }
        }
        return rowLength(of: row)
    }

    private func loadBlock(_ block: Int64) {
        loadedBlock = block
        blockIsLoaded = false
        if let blockBlob, sqlite3_blob_reopen(blockBlob, block) != SQLITE_OK {
            // A failed move leaves the handle unusable.
            sqlite3_blob_close(blockBlob)
            self.blockBlob = nil
        } else if blockBlob == nil {
            var opened: OpaquePointer?
            guard sqlite3_blob_open(handle, "main", "search_blocks", "lengths", block, 0, &opened) == SQLITE_OK else {
                sqlite3_blob_close(opened)
                missed()
                return
            }
            blockBlob = opened
        }
        guard let blockBlob else {
            missed()
            return
        }
        guard sqlite3_blob_bytes(blockBlob) == Self.blockBytes,
              sqlite3_blob_read(blockBlob, blockLengths, Self.blockBytes, 0) == SQLITE_OK else {
            missed()
            return
        }
        blockIsLoaded = true
        missesInARow = 0
    }

    private func missed() {
        missesInARow += 1
        if missesInARow >= Self.missesBeforeGivingUp { readsBlocks = false }
    }

    private func rowLength(of row: Int64) -> Int? {
        if let blob {
            guard sqlite3_blob_reopen(blob, row) == SQLITE_OK else { return nil }
        } else {
            var opened: OpaquePointer?
            guard sqlite3_blob_open(handle, "main", "articles_fts_docsize", "sz", row, 0, &opened) == SQLITE_OK else {
                sqlite3_blob_close(opened)
                return nil
            }
            blob = opened
        }
        guard let blob else { return nil }
        let count = Int(sqlite3_blob_bytes(blob))
        guard count <= Self.bufferSize, sqlite3_blob_read(blob, buffer, Int32(count), 0) == SQLITE_OK else { return nil }
        return SearchBounds.sumOfVarints(UnsafeRawBufferPointer(start: buffer, count: count))
    }
}
