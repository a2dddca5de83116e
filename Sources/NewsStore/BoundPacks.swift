/// A word's bounds over a whole group of sealed blocks in one row (`search_bound_packs`,
/// Migrations/0018): what `BoundRows` reads for a common word drops from one row per sealed block
/// to one per group of 64.
///
/// The writer packs a group once every block of it is sealed, in the batch that seals the last:
/// the group's current rows in `search_bound_terms` become one row per word, and are deleted. A
/// block of the group sealed again later writes rows there as before, under a newer generation,
/// so a reader takes each block from whichever of the two carries its seal.
enum BoundPacks {
    /// One block's entry: its place in the group (1 byte), flags (1), articles less one (1), the
    /// largest weighted count (2), the smallest length per count (4, a Float rounded down, so the
    /// bound it gives can only be higher) and the generation (4), little-endian; then the 32-byte
    /// bitmap of which ids hold the word, unless every id does or the row had none.
    static let fixedSize = 13
    static let bitmapSize = 32
    private static let hasBitmap: UInt8 = 1
    private static let everyID: UInt8 = 2

    /// A `search_bound_terms` row as a group packs it.
    struct Entry {
        var row: BoundRows.Row
        var generation: Int64
    }

    /// Whether a row's numbers fit an entry (a row that does not stays a row).
    static func fits(_ entry: Entry) -> Bool {
        let row = entry.row
        return (1...256).contains(row.articles) && (0...Int64(UInt16.max)).contains(row.maxWeightedCount)
            && (0...Int64(UInt32.max)).contains(entry.generation) && row.minLengthPerCount.isFinite && row.minLengthPerCount >= 0
    }

    /// `value` as a Float no larger than it.
    static func roundedDown(_ value: Double) -> Float {
        let near = Float(value)
        return Double(near) > value ? near.nextDown : near
    }

    static func append(_ entry: Entry, to bytes: inout [UInt8]) {
        let row = entry.row
        let every = row.articleBits == ~SIMD4<UInt64>()
        bytes.append(UInt8(row.block & (SearchBounds.groupSize - 1)))
        bytes.append(every ? everyID : row.articleBits == nil ? 0 : hasBitmap)
        bytes.append(UInt8(row.articles - 1))
        withUnsafeBytes(of: UInt16(row.maxWeightedCount).littleEndian) { bytes += $0 }
        withUnsafeBytes(of: roundedDown(row.minLengthPerCount).bitPattern.littleEndian) { bytes += $0 }
        withUnsafeBytes(of: UInt32(entry.generation).littleEndian) { bytes += $0 }
        if let bits = row.articleBits, !every {
            for word in 0..<4 { withUnsafeBytes(of: bits[word].littleEndian) { bytes += $0 } }
        }
    }

    /// The entries of a group's packed row, in `body`; read as far as its whole entries go.
    static func forEachEntry(in bytes: UnsafeRawBufferPointer, group: Int64, _ body: (Entry) -> Void) {
        let first = group << SearchBounds.groupShift
        var start = 0
        while start + fixedSize <= bytes.count {
            func load<T: FixedWidthInteger>(_ offset: Int, as type: T.Type) -> T {
                T(littleEndian: bytes.loadUnaligned(fromByteOffset: start + offset, as: T.self))
            }
            let flags = bytes[start + 1]
            var bits: SIMD4<UInt64>?
            if flags & everyID != 0 {
                bits = ~SIMD4<UInt64>()
            } else if flags & hasBitmap != 0 {
                guard start + fixedSize + bitmapSize <= bytes.count else { return }
                bits = SIMD4(load(13, as: UInt64.self), load(21, as: UInt64.self), load(29, as: UInt64.self), load(37, as: UInt64.self))
            }
            let row = BoundRows.Row(block: first + Int64(bytes[start] & UInt8(SearchBounds.groupSize - 1)), articles: Int64(bytes[start + 2]) + 1,
                                    maxWeightedCount: Int64(load(3, as: UInt16.self)),
                                    minLengthPerCount: Double(Float(bitPattern: load(5, as: UInt32.self))), articleBits: bits)
            body(Entry(row: row, generation: Int64(load(9, as: UInt32.self))))
            start += fixedSize + (flags & hasBitmap != 0 ? bitmapSize : 0)
        }
    }

    /// Packs every group whose blocks are all sealed and that is not packed yet. Inside the
    /// writer's transaction: a group's pack commits with the deletion of its rows, or neither does.
    static func packFullGroups(connection: Connection) throws {
        let groups = try connection.query("""
            SELECT block >> \(SearchBounds.groupShift) FROM search_blocks GROUP BY 1 HAVING count(*) = \(SearchBounds.groupSize)
            EXCEPT SELECT block_group FROM search_packed_groups
            """).compactMap { $0.int64(0) }
        for group in groups { try pack(group, connection: connection) }
    }

    /// One group's current rows (their generation the block's seal) packed by word; stale rows
    /// (an older seal's) dropped.
    private static func pack(_ group: Int64, connection: Connection) throws {
        let read = try connection.cachedStatement("""
            SELECT t.term, t.block, t.generation, t.articles, t.max_weighted_tf, t.min_length_per_tf, t.articles_bitmap
            FROM search_bound_terms t JOIN search_blocks b ON b.block = t.block AND b.generation = t.generation
            WHERE t.block_group = ? ORDER BY t.term, t.block
            """)
        let insert = try connection.cachedStatement("""
            INSERT INTO search_bound_packs (term, block_group, entries) VALUES (?, ?, ?)
            ON CONFLICT DO UPDATE SET entries = excluded.entries
            """)
        var term: [UInt8] = []
        var entries: [UInt8] = []
        var unfit: [(term: String, entry: Entry)] = []
        func flush() throws {
            guard !entries.isEmpty else { return }
            try insert.bind([.text(String(decoding: term, as: UTF8.self)), .integer(group), .blob(entries)])
            try insert.run()
            entries.removeAll(keepingCapacity: true)
        }
        try read.bind([.integer(group)])
        defer { read.reset() }
        try read.forEachRawRow { raw in
            let name = raw.text(0)
            if !name.elementsEqual(term) {
                try flush()
                term = Array(name)
            }
            let entry = Entry(row: BoundRows.Row(block: raw.integer(1), articles: raw.integer(3), maxWeightedCount: raw.integer(4),
                                                 minLengthPerCount: raw.real(5), articleBits: BoundRows.articleBits(raw.blob(6))),
                              generation: raw.integer(2))
            if fits(entry) {
                append(entry, to: &entries)
            } else {
                unfit.append((String(decoding: name, as: UTF8.self), entry))
            }
        }
        try flush()
        try connection.execute("DELETE FROM search_bound_terms WHERE block_group = ?", [.integer(group)])
        for (term, entry) in unfit {
            let row = entry.row
            try connection.execute("""
                INSERT INTO search_bound_terms (block_group, term, block, generation, articles, max_weighted_tf, min_length_per_tf, articles_bitmap)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, [.integer(group), .text(term), .integer(row.block), .integer(entry.generation), .integer(row.articles),
                      .integer(row.maxWeightedCount), .real(row.minLengthPerCount), row.articleBits.map { .blob(BlockTermCounter.bytes(of: $0)) } ?? .null])
        }
        try connection.execute("INSERT INTO search_packed_groups (block_group) VALUES (?)", [.integer(group)])
    }
}
