import CSQLite

/// A first, cheap test of a search's source, aggregator and `from:` filters, read from the facet
/// blocks' columns (`article_facet_blocks`). The scan that fills a filtered search's hits calls
/// `newsdb_block_filter(f.rowid, ?)` before it joins `articles`, whose rows are long: only the
/// matches that may pass are sought there. It turns away only a match whose block says its source
/// (or aggregator) is not one asked for, or its date sorts before `from`, which the SQL condition,
/// still in place, would turn away too; where a block has no usable column it lets the match
/// through for the SQL to decide.
final class BlockFilter {
    static let functionName = "newsdb_block_filter"
    static var pointerType: UnsafePointer<CChar> { newsdb_block_filter_type() }

    private let sources: Set<UInt32>?
    private let aggregators: Set<UInt32>?
    /// The `from:` bound as the SQL compares it (`a.published >= ?`), as bytes.
    private let from: [UInt8]?
    /// Whether a day (a `days` value) sorts before `from`, worked out once per day.
    private var beforeFrom: [UInt32: Bool] = [:]
    private let columns: Statement?
    /// The block read last, and those of its columns the filter asks for: matches come in id order,
    /// so one block is read once.
    private var block: Int64 = -1
    private var blockSources = SlotColumn()
    private var blockAggregators = SlotColumn()
    private var blockDays = SlotColumn()

    /// One column of one number per slot, as the block's bytes: copied whole and read slot by slot,
    /// as most of a block's slots are never asked for.
    private struct SlotColumn {
        private var bytes = [UInt8](repeating: 0, count: FacetBlocks.singleColumnSize)
        /// False when the block has no usable column (none read, NULL, or not of that shape).
        private(set) var isPresent = false

        mutating func load(_ column: UnsafeRawBufferPointer) {
            isPresent = column.count == FacetBlocks.singleColumnSize
            if isPresent { bytes.withUnsafeMutableBytes { $0.copyMemory(from: column) } }
        }

        mutating func clear() { isPresent = false }

        subscript(slot: Int) -> UInt32 {
            bytes.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: slot * 4, as: UInt32.self)) }
        }
    }

    /// `sources` and `aggregators`: the ids asked for, or nil where the search has no such filter;
    /// `from`: the value the SQL compares `published` with, or nil.
    init(connection: Connection, sources: Set<Int64>?, aggregators: Set<Int64>?, from: String?) {
        self.sources = sources.map { Set($0.compactMap { UInt32(exactly: $0) }) }
        self.aggregators = aggregators.map { Set($0.compactMap { UInt32(exactly: $0) }) }
        self.from = from.map { Array($0.utf8) }
        columns = try? connection.cachedStatement("SELECT sources, aggregators, days FROM article_facet_blocks WHERE block = ?")
    }

    /// False only when the match's block shows it cannot pass.
    func admits(_ id: Int64) -> Bool {
        let wanted = SearchBounds.block(of: id)
        if wanted != block { load(wanted) }
        let slot = Int(id & (SearchBounds.blockSize - 1))
        if let sources, blockSources.isPresent, !sources.contains(blockSources[slot]) { return false }
        if let aggregators, blockAggregators.isPresent, !aggregators.contains(blockAggregators[slot]) { return false }
        if let from, blockDays.isPresent {
            let day = blockDays[slot]
            if let known = beforeFrom[day] {
                if known { return false }
            } else {
                let before = Self.sortsBefore(day: day, from)
                beforeFrom[day] = before
                if before { return false }
            }
        }
        return true
    }

    /// Whether every `published` with this `days` value sorts before `from`, so `published >= from`
    /// is false. The value is the first ten characters of the text as a day key (0: NULL or empty,
    /// for which `>=` a non-empty bound is never true). The date's characters decide only where they differ from the bound's:
    /// a date equal to the bound's start may go on with characters of its own, and is let through.
    /// (A value stored as a number, as a hand edit may leave, sorts before all text in SQLite: the
    /// SQL turns it away whatever its digits say, so turning it away here is never wrong.)
    static func sortsBefore(day: UInt32, _ from: [UInt8]) -> Bool {
        guard day != 0 else { return !from.isEmpty }
        let date = Array(PackedFacetCounter.dayText(Int64(day)).utf8)
        for (dateByte, fromByte) in zip(date, from) where dateByte != fromByte {
            return dateByte < fromByte
        }
        return false
    }

    private func load(_ wanted: Int64) {
        block = wanted
        blockSources.clear()
        blockAggregators.clear()
        blockDays.clear()
        guard let columns, (try? columns.bind([.integer(wanted)])) != nil else { return }
        try? columns.forEachRawRow { row in
            if sources != nil { blockSources.load(row.blob(0)) }
            if aggregators != nil { blockAggregators.load(row.blob(1)) }
            if from != nil { blockDays.load(row.blob(2)) }
        }
    }

    /// Adds the function to a connection. Without a bound filter (NULL) it lets every row through.
    static func register(on handle: OpaquePointer) {
        sqlite3_create_function_v2(handle, functionName, 2, SQLITE_UTF8, nil, { context, count, values in
            guard count == 2, let values, let pointer = sqlite3_value_pointer(values[1], BlockFilter.pointerType) else {
                sqlite3_result_int(context, 1)
                return
            }
            let filter = Unmanaged<BlockFilter>.fromOpaque(pointer).takeUnretainedValue()
            sqlite3_result_int(context, filter.admits(sqlite3_value_int64(values[0])) ? 1 : 0)
        }, nil, nil, nil)
    }
}
