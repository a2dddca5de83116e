/// Facet values by column for each full block of article ids (`article_facet_blocks`,
/// Migrations/0010_facet_blocks.sql, which gives the layout), so that counting the facets of a
/// hundred thousand matches reads a few thousand short arrays of numbers, and only those of the
/// facets asked for, instead of seeking and parsing one packed row per match.
enum FacetBlocks {
    static let slots = Int(SearchBounds.blockSize)
    /// Bytes of a one-number-per-slot column.
    static let singleColumnSize = slots * 4
    /// Bytes of a list column's offsets, before its values.
    static let listHeaderSize = (slots + 1) * 4

    // MARK: writing

    /// Packs every block below the next free id that has no row: the blocks the last batch filled,
    /// and any whose facet rows changed since (or that an older version of newsdb never packed).
    /// The writer calls it inside its batch transaction, so a block's row commits with the rows it
    /// copies.
    static func packFullBlocks(connection: Connection) throws {
        let unpacked = try SearchBounds.fullBlocks(withoutRowIn: "article_facet_blocks", connection: connection)
        guard !unpacked.isEmpty else { return }
        let insert = try connection.cachedStatement("""
            INSERT OR REPLACE INTO article_facet_blocks
                (block, sources, aggregators, days, agency_names, agencies, people, places, organizations)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for block in unpacked {
            try insert.bind([.integer(block)] + (try columns(of: block, connection: connection)))
            try insert.run()
        }
    }

    /// One block's columns, in the table's order after `block`, made from its `article_facets` rows.
    static func columns(of block: Int64, connection: Connection) throws -> [SQLValue] {
        let first = block << SearchBounds.blockShift
        var sources: [UInt32]? = Array(repeating: 0, count: slots)
        var aggregators: [UInt32]? = Array(repeating: 0, count: slots)
        var days: [UInt32]? = Array(repeating: 0, count: slots)
        var agencyNames: [String] = []
        var lists: [[[UInt32]]?] = Array(repeating: Array(repeating: [], count: slots), count: 4)
        let rows = try connection.cachedStatement("SELECT article_id, packed FROM article_facets WHERE article_id BETWEEN ? AND ?")
        try rows.bind([.integer(first), .integer(first + Int64(slots) - 1)])
        try rows.forEachRawRow { row in
            let slot = Int(row.integer(0) - first)
            let fields = String(decoding: row.text(1), as: UTF8.self).split(separator: "|", omittingEmptySubsequences: false)
            func field(_ index: Int) -> Substring { index < fields.count ? fields[index] : "" }
            if let value = number(field(0)) { sources?[slot] = value } else { sources = nil }
            if let value = number(field(1)) { aggregators?[slot] = value } else { aggregators = nil }
            let day = field(2)
            if day.isEmpty {
                days?[slot] = 0
            } else if let key = Array(day.utf8).withUnsafeBufferPointer(PackedFacetCounter.dayKey), let value = UInt32(exactly: key) {
                days?[slot] = value
            } else {
                days = nil
            }
            for (list, fieldIndex) in zip(0..<4, 3...6) {
                let values = field(fieldIndex).split(separator: ",")
                if fieldIndex == 3 {
                    lists[list]?[slot] = values.map { name in
                        if let index = agencyNames.firstIndex(of: String(name)) { return UInt32(index) }
                        agencyNames.append(String(name))
                        return UInt32(agencyNames.count - 1)
                    }
                } else if case let ids = values.compactMap(number), ids.count == values.count, !ids.contains(0) {
                    lists[list]?[slot] = ids
                } else {
                    lists[list] = nil
                }
            }
        }
        func single(_ column: [UInt32]?) -> SQLValue { column.map { .blob(bytes(of: $0)) } ?? .null }
        func list(_ column: [[UInt32]]?) -> SQLValue {
            guard let column else { return .null }
            var offsets: [UInt32] = [0]
            for values in column { offsets.append(offsets[offsets.count - 1] + UInt32(values.count)) }
            return .blob(bytes(of: offsets + column.flatMap { $0 }))
        }
        return [single(sources), single(aggregators), single(days), .text(agencyNames.joined(separator: ",")),
                list(lists[0]), list(lists[1]), list(lists[2]), list(lists[3])]
    }

    /// A field of whole digits as a 32-bit number, 0 when empty; nil when it is anything else.
    private static func number(_ text: Substring) -> UInt32? {
        text.isEmpty ? 0 : UInt32(text)
    }

    private static func bytes(of numbers: [UInt32]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(numbers.count * 4)
        for number in numbers { withUnsafeBytes(of: number.littleEndian) { bytes.append(contentsOf: $0) } }
        return bytes
    }

    // MARK: reading

    /// Below this many matches a block on average, a search counts its facets from the rows
    /// instead (joined to the matches, so each seek starts near the last).
    static let matchesPerBlock = 8
    /// Below this many matches in a block, seeking their rows costs less than reading its columns.
    static let matchesWorthABlock = 4

    /// Adds the facets of the articles `ids` (ascending) to `counter`: from each block's columns
    /// where the block has enough of them and a usable row, else from their packed rows. Ids with
    /// no row add nothing.
    static func count(ids: [Int64], connection: Connection, into counter: inout PackedFacetCounter) throws {
        // Only the wanted columns are selected: SQLite copies every selected column at each step.
        let wanted = Column.allCases.filter { $0.isWanted(by: counter) }
        guard !wanted.isEmpty else { return }
        let names = wanted.map(\.rawValue) + (wanted.contains(.agencies) ? ["agency_names"] : [])
        let blocks = try connection.cachedStatement("SELECT \(names.joined(separator: ", ")) FROM article_facet_blocks WHERE block = ?")
        let tallies = Tallies()
        defer { tallies.flush(into: &counter) }
        var start = 0
        while start < ids.count {
            let block = SearchBounds.block(of: ids[start])
            var end = start + 1
            while end < ids.count && SearchBounds.block(of: ids[end]) == block { end += 1 }
            let group = ids[start..<end]
            start = end
            if group.count >= matchesWorthABlock {
                try blocks.bind([.integer(block)])
                var counted = false
                try blocks.forEachRawRow { row in counted = countColumns(wanted, of: group, in: row, into: tallies, counter: &counter) }
                if counted { continue }
            }
            try countRows(of: group, connection: connection, into: &counter)
        }
    }

    /// The table's facet columns, by name.
    enum Column: String, CaseIterable {
        case sources, aggregators, days, agencies, people, places, organizations

        var isList: Bool { ![.sources, .aggregators, .days].contains(self) }

        func isWanted(by counter: PackedFacetCounter) -> Bool {
            switch self {
            case .sources: counter.countsSources
            case .aggregators: counter.countsAggregators
            case .days: counter.countsDates
            case .agencies: counter.countsAgencies
            case .people: counter.countsPeople
            case .places: counter.countsPlaces
            case .organizations: counter.countsOrganizations
            }
        }
    }

    /// A seek for one id costs about what scanning this many rows does.
    static let seekCostInRows: Int64 = 16

    /// Adds the facets of `ids` (ascending) from their `article_facets` rows: one seek each, or, where the ids lie dense enough, by one scan of their range (a file
    /// with no blocks' table reads all its matches this way).
    static func countRows(of ids: ArraySlice<Int64>, connection: Connection, into counter: inout PackedFacetCounter) throws {
        guard let first = ids.first, let last = ids.last else { return }
        if Int64(ids.count) * seekCostInRows >= last - first + 1 {
            let scan = try connection.cachedStatement("SELECT article_id, packed FROM article_facets WHERE article_id BETWEEN ? AND ?")
            try scan.bind([.integer(first), .integer(last)])
            var next = ids.startIndex
            try scan.forEachRawRow { row in
                let id = row.integer(0)
                while next < ids.endIndex && ids[next] < id { next += 1 }
                if next < ids.endIndex && ids[next] == id { counter.add(row.text(1)) }
            }
            return
        }
        let seek = try connection.cachedStatement("SELECT packed FROM article_facets WHERE article_id = ?")
        for id in ids {
            try seek.bind([.integer(id)])
            try seek.forEachText(column: 0) { counter.add($0) }
        }
    }

    /// Counts the facets of each id from its block's row (the `columns` selected in order, then
    /// `agency_names` if agencies are among them); false, counting nothing, when a column is NULL
    /// or not of its shape (the caller then reads the rows).
    private static func countColumns(_ columns: [Column], of ids: ArraySlice<Int64>, in row: Statement.RawRow,
                                     into tallies: Tallies, counter: inout PackedFacetCounter) -> Bool {
        for (index, column) in columns.enumerated() {
            let values = row.blob(index)
            guard column.isList ? isList(values) : values.count == singleColumnSize else { return false }
        }
        let slotMask = Int64(slots - 1)
        for (index, column) in columns.enumerated() {
            let values = row.blob(index)
            guard column.isList else {
                for id in ids {
                    let value = number(at: Int(id & slotMask), in: values)
                    guard value != 0 else { continue }
                    switch column {
                    case .sources: tallies.sources.add(value)
                    case .aggregators: tallies.aggregators.add(value)
                    default: counter.add(dayKey: Int64(value))
                    }
                }
                continue
            }
            var agencies: [Int] = []
            for id in ids {
                let slot = Int(id & slotMask)
                for position in Int(number(at: slot, in: values))..<Int(number(at: slot + 1, in: values)) {
                    let value = number(at: slots + 1 + position, in: values)
                    switch column {
                    case .agencies:
                        if agencies.count <= Int(value) { agencies += Array(repeating: 0, count: Int(value) + 1 - agencies.count) }
                        agencies[Int(value)] += 1
                    case .people: tallies.people.add(value)
                    case .places: tallies.places.add(value)
                    default: tallies.organizations.add(value)
                    }
                }
            }
            if !agencies.isEmpty {
                let names = row.text(columns.count).split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
                for (index, amount) in agencies.enumerated() where amount > 0 && index < names.count {
                    counter.add(agency: UnsafeBufferPointer(rebasing: names[index]), amount)
                }
            }
        }
        return true
    }

    /// Counts of ids in plain arrays indexed by id, handed to the counter once at the end: the
    /// matches of a common word add hundreds of thousands of ids, and a hash lookup each cost more
    /// than reading them.
    struct Tallies {
        let sources = DenseCounts(), aggregators = DenseCounts()
        let people = DenseCounts(), places = DenseCounts(), organizations = DenseCounts()

        func flush(into counter: inout PackedFacetCounter) {
            sources.forEachCount { counter.add(source: $0, $1) }
            aggregators.forEachCount { counter.add(aggregator: $0, $1) }
            people.forEachCount { counter.add(person: $0, $1) }
            places.forEachCount { counter.add(place: $0, $1) }
            organizations.forEachCount { counter.add(organization: $0, $1) }
        }
    }

    /// Counts per id: ids below `denseLimit` in a plain buffer indexed by id (a class over raw
    /// memory, so each add is an increment with no copy-on-write check), any larger in a dictionary.
    final class DenseCounts {
        static let denseLimit: UInt32 = 1 << 22
        private var dense = UnsafeMutableBufferPointer<Int32>(start: nil, count: 0)
        private var sparse: [UInt32: Int] = [:]

        deinit { dense.deallocate() }

        func add(_ id: UInt32) {
            guard id < Self.denseLimit else {
                sparse[id, default: 0] += 1
                return
            }
            if Int(id) >= dense.count { grow(toHold: Int(id)) }
            dense[Int(id)] &+= 1
        }

        private func grow(toHold id: Int) {
            let larger = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(id + 1, dense.count * 2, 1024))
            larger.initialize(repeating: 0)
            if dense.count > 0 { _ = larger.update(fromContentsOf: dense) }
            dense.deallocate()
            dense = larger
        }

        func forEachCount(_ body: (Int64, Int) -> Void) {
            for (id, count) in dense.enumerated() where count > 0 { body(Int64(id), Int(count)) }
            for (id, count) in sparse { body(Int64(id), count) }
        }
    }

    /// Whether a list column's offsets rise from 0 and end at its number of values.
    static func isList(_ column: UnsafeRawBufferPointer) -> Bool {
        guard column.count >= listHeaderSize, column.count % 4 == 0 else { return false }
        var previous: UInt32 = 0
        for slot in 0...slots {
            let offset = number(at: slot, in: column)
            guard offset >= previous else { return false }
            previous = offset
        }
        return number(at: 0, in: column) == 0 && Int(previous) == (column.count - listHeaderSize) / 4
    }

    static func number(at index: Int, in column: UnsafeRawBufferPointer) -> UInt32 {
        UInt32(littleEndian: column.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self))
    }
}
