import CSQLite

/// A first, cheap test of a search's source and aggregator filters, read from the facet blocks'
/// columns (`article_facet_blocks`). The scan that fills a filtered search's hits calls
/// `newsdb_block_filter(f.rowid, ?)` before it joins `articles`, whose rows are long: only the
/// matches that may pass are sought there. It turns away only a match whose block says its source
/// (or aggregator) is not one asked for, which the SQL condition, still in place, would turn away
/// too; where a block has no usable column it lets the match through for the SQL to decide.
final class BlockFilter {
    static let functionName = "newsdb_block_filter"
    static var pointerType: UnsafePointer<CChar> { newsdb_block_filter_type() }

    private let sources: Set<UInt32>?
    private let aggregators: Set<UInt32>?
    private let columns: Statement?
    /// The block read last, and its columns (nil where the block has none usable): matches come in
    /// id order, so one block is read once.
    private var block: Int64 = -1
    private var blockSources: [UInt32]?
    private var blockAggregators: [UInt32]?

    /// `sources` and `aggregators`: the ids asked for, or nil where the search has no such filter.
    init(connection: Connection, sources: Set<Int64>?, aggregators: Set<Int64>?) {
        self.sources = sources.map { Set($0.compactMap { UInt32(exactly: $0) }) }
        self.aggregators = aggregators.map { Set($0.compactMap { UInt32(exactly: $0) }) }
        columns = try? connection.cachedStatement("SELECT sources, aggregators FROM article_facet_blocks WHERE block = ?")
    }

    /// False only when the match's block shows it cannot pass.
    func admits(_ id: Int64) -> Bool {
        let wanted = SearchBounds.block(of: id)
        if wanted != block { load(wanted) }
        let slot = Int(id & (SearchBounds.blockSize - 1))
        if let sources, let blockSources, !sources.contains(blockSources[slot]) { return false }
        if let aggregators, let blockAggregators, !aggregators.contains(blockAggregators[slot]) { return false }
        return true
    }

    private func load(_ wanted: Int64) {
        block = wanted
        blockSources = nil
        blockAggregators = nil
        guard let columns, (try? columns.bind([.integer(wanted)])) != nil else { return }
        try? columns.forEachRawRow { row in
            blockSources = Self.numbers(row.blob(0))
            blockAggregators = Self.numbers(row.blob(1))
        }
    }

    /// A one-number-per-slot column, or nil when it is NULL or not of that shape.
    private static func numbers(_ column: UnsafeRawBufferPointer) -> [UInt32]? {
        guard column.count == FacetBlocks.singleColumnSize else { return nil }
        return (0..<FacetBlocks.slots).map { UInt32(littleEndian: column.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self)) }
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
