import CSQLite

/// A search's filters, decided from the facet blocks' columns (`article_facet_blocks`) wherever
/// they can decide, so that most matches are judged without seeking their long row in `articles`
/// or their credits and entities. Called from SQL as `newsdb_block_filter(f.rowid, ?)` and from
/// Swift (`admits`).
///
/// A block's columns say for certain that a match's source or aggregator is (or is not) one asked
/// for, whether it is credited to an agency asked for or names an entity asked for, and for most
/// dates whether they fall inside `from:`/`to:`. Where they cannot (no block row yet, a column the
/// block could not pack, a date that equals the bound as far as the day goes), the filter asks the
/// rows with the SQL conditions themselves (`rowCheck`), so it is exact; without a row check it lets
/// such a match through for an SQL condition around it to decide.
final class BlockFilter {
    static let functionName = "newsdb_block_filter"
    static var pointerType: UnsafePointer<CChar> { newsdb_block_filter_type() }

    /// What a block's columns say about one match.
    private enum Verdict: UInt8 {
        case admitted = 1, rejected, unknown
    }

    /// The ids asked for (nil where the search has no such filter).
    private let sources: IDTable?
    private let aggregators: IDTable?
    /// The bounds as the SQL compares `published` with them (`>= from`, `<= to + "T99"`), as bytes.
    private let from: [UInt8]?
    private let to: [UInt8]?
    /// The agencies asked for, lowered as SQLite's `lower()` does (ASCII letters only).
    private let agencies: Set<String>?
    /// The entities asked for, by the list column that holds their kind.
    private let entities: [(list: ListColumn, ids: IDTable)]
    /// What the date bounds say of a day (a `days` value), kept for the last days seen.
    private var dayVerdicts = DayVerdicts()
    private let columns: Statement?
    /// `SELECT 1 FROM articles a WHERE a.id = ? AND <the filters' conditions>`, and their values.
    private let rowCheck: (statement: Statement, values: [SQLValue])?
    /// The block read last: matches come in id order, so one block is read once.
    private var block: Int64 = -1
    private let blockColumns = BlockColumns()

    /// The facet blocks' list columns a filter reads, in the table's order.
    enum ListColumn: Int, CaseIterable, Sendable {
        case agencies, people, places, organizations

        /// The column of an entity kind's ids.
        init(_ type: Entity.Kind) {
            switch type {
            case .person: self = .people
            case .place: self = .places
            case .organization: self = .organizations
            }
        }

        var name: String {
            switch self {
            case .agencies: "agencies"
            case .people: "people"
            case .places: "places"
            case .organizations: "organizations"
            }
        }
    }

    /// The read block's columns the filter asks for, and each slot's verdict once worked out (0
    /// before). Kept in memory allocated once, as matches read them millions of times.
    private final class BlockColumns {
        let sources = UnsafeMutablePointer<UInt32>.allocate(capacity: FacetBlocks.slots)
        let aggregators = UnsafeMutablePointer<UInt32>.allocate(capacity: FacetBlocks.slots)
        let days = UnsafeMutablePointer<UInt32>.allocate(capacity: FacetBlocks.slots)
        let verdicts = UnsafeMutablePointer<UInt8>.allocate(capacity: FacetBlocks.slots)
        /// False for a column the block has no usable value of (none read, NULL, not of that shape).
        var hasSources = false, hasAggregators = false, hasDays = false
        /// Each list column's bytes as stored (offsets, then values), in memory kept from block to
        /// block; `hasList` is false where the block has no usable column.
        private var lists = ListColumn.allCases.map { _ in UnsafeMutableRawBufferPointer.allocate(byteCount: 4_096, alignment: 4) }
        private var listSizes = [Int](repeating: 0, count: ListColumn.allCases.count)
        var hasList = [Bool](repeating: false, count: ListColumn.allCases.count)
        /// Which of the block's agency positions (its `agency_names`) name an agency asked for.
        var wantedAgencies: [Bool] = []
        func isWantedAgency(_ position: UInt32) -> Bool { Int(position) < wantedAgencies.count && wantedAgencies[Int(position)] }
        /// True where one filter's column turns away every slot of the block (none of its values is
        /// one asked for): a block of a rare person's or agency's filter, most of them.
        var rejectsEverySlot = false

        /// Copies a list column if its offsets are sound; false if not.
        func load(_ column: UnsafeRawBufferPointer, into list: ListColumn) -> Bool {
            guard FacetBlocks.isList(column) else { return false }
            if lists[list.rawValue].count < column.count {
                lists[list.rawValue].deallocate()
                lists[list.rawValue] = .allocate(byteCount: column.count * 2, alignment: 4)
            }
            lists[list.rawValue].copyMemory(from: column)
            listSizes[list.rawValue] = column.count
            return true
        }

        /// Whether any value slot `slot` holds in list column `column` passes `wanted`; nil when the
        /// block has no usable column.
        func anyValue(in column: ListColumn, slot: Int, _ wanted: (UInt32) -> Bool) -> Bool? {
            guard hasList[column.rawValue] else { return nil }
            let raw = UnsafeRawBufferPointer(rebasing: lists[column.rawValue][..<listSizes[column.rawValue]])
            let start = Int(FacetBlocks.number(at: slot, in: raw)), end = Int(FacetBlocks.number(at: slot + 1, in: raw))
            let first = FacetBlocks.slots + 1
            return (start..<end).contains { wanted(FacetBlocks.number(at: first + $0, in: raw)) }
        }

        /// Whether any value of any slot in list column `column` passes `wanted`; nil when the block
        /// has no usable column.
        func anyValue(in column: ListColumn, _ wanted: (UInt32) -> Bool) -> Bool? {
            guard hasList[column.rawValue] else { return nil }
            let raw = UnsafeRawBufferPointer(rebasing: lists[column.rawValue][..<listSizes[column.rawValue]])
            let end = Int(FacetBlocks.number(at: FacetBlocks.slots, in: raw)), first = FacetBlocks.slots + 1
            return (Int(FacetBlocks.number(at: 0, in: raw))..<end).contains { wanted(FacetBlocks.number(at: first + $0, in: raw)) }
        }

        deinit {
            sources.deallocate()
            aggregators.deallocate()
            days.deallocate()
            verdicts.deallocate()
            for list in lists { list.deallocate() }
        }

        /// Copies a column whole if it has one number per slot; false if not.
        static func load(_ column: UnsafeRawBufferPointer, into slots: UnsafeMutablePointer<UInt32>) -> Bool {
            guard column.count == FacetBlocks.singleColumnSize else { return false }
            UnsafeMutableRawPointer(slots).copyMemory(from: column.baseAddress!, byteCount: column.count)
            return true
        }

        subscript(column: UnsafeMutablePointer<UInt32>, slot: Int) -> UInt32 { UInt32(littleEndian: column[slot]) }
    }

    /// A set of ids looked up once per match: small ids (as sources' are) in an array, not hashed.
    private struct IDTable {
        private var small: [Bool]
        private var large = Set<UInt32>()
        private static let smallLimit: Int64 = 1 << 20

        init(_ ids: Set<Int64>) {
            small = [Bool](repeating: false, count: Int(max(-1, min(ids.max() ?? -1, Self.smallLimit - 1))) + 1)
            for id in ids where id >= 0 && id <= Int64(UInt32.max) {
                if id < Self.smallLimit { small[Int(id)] = true } else { large.insert(UInt32(id)) }
            }
        }

        func contains(_ id: UInt32) -> Bool {
            Int(id) < small.count ? small[Int(id)] : large.contains(id)
        }
    }

    /// A cache of day verdicts by the day's value: one place per value, found by a multiplicative
    /// hash (day values are multiples of 4 apart, so their low bits alone would crowd a few places);
    /// a value that lands where another sits replaces it.
    private struct DayVerdicts {
        private static let bits = 13
        private var days = [UInt32](repeating: .max, count: 1 << bits)
        private var verdicts = [Verdict](repeating: .unknown, count: 1 << bits)

        private static func place(_ day: UInt32) -> Int { Int((day &* 2_654_435_761) >> UInt32(32 - bits)) }

        subscript(day: UInt32) -> Verdict? {
            get { days[Self.place(day)] == day ? verdicts[Self.place(day)] : nil }
            set {
                days[Self.place(day)] = day
                verdicts[Self.place(day)] = newValue ?? .unknown
            }
        }
    }

    /// What a filter is made from, found once by the search and handed to each connection that
    /// scores part of it.
    struct Settings: Sendable {
        /// Whether the file has `article_facet_blocks`.
        var hasBlocks: Bool
        /// The ids asked for, or nil where the search has no such filter.
        var sources: Set<Int64>?
        var aggregators: Set<Int64>?
        /// The values the SQL compares `published` with, or nil.
        var from: String?
        var to: String?
        /// The agencies asked for, as `asciiLowercased` gives them, or nil.
        var agencies: Set<String>?
        /// The ids of the entities asked for (a name or an alias of theirs), by kind.
        var entities: [ListColumn: Set<Int64>] = [:]
        /// The SQL that decides a match the blocks cannot (nil: such a match is let through).
        var rowCheck: (sql: String, values: [SQLValue])?
    }

    init(connection: Connection, settings: Settings) throws {
        sources = settings.sources.map(IDTable.init)
        aggregators = settings.aggregators.map(IDTable.init)
        from = settings.from.map { Array($0.utf8) }
        to = settings.to.map { Array($0.utf8) }
        agencies = settings.agencies
        entities = settings.entities.sorted { $0.key.rawValue < $1.key.rawValue }.map { ($0.key, IDTable($0.value)) }
        // Only the columns asked for are read: a block's row is long (17 KB at 1M, most of it in
        // overflow pages), its lists longest. The three single columns keep their places as NULL.
        var read = [settings.sources == nil ? "NULL" : "sources", settings.aggregators == nil ? "NULL" : "aggregators",
                    settings.from == nil && settings.to == nil ? "NULL" : "days"]
        var lists: [ListColumn] = []
        // A block packs an article's agencies joined by commas: a name holding one cannot be told
        // from two, so its matches are left to their rows.
        if let agencies, !agencies.contains(where: { $0.contains(",") || $0.contains("|") }) {
            read.append("agency_names")
            lists.append(.agencies)
        }
        lists += entities.map(\.list)
        read += lists.map(\.name)
        readLists = lists
        columns = settings.hasBlocks
            ? try connection.cachedStatement("SELECT \(read.joined(separator: ", ")) FROM article_facet_blocks WHERE block = ?") : nil
        rowCheck = try settings.rowCheck.map { (try connection.cachedStatement($0.sql), $0.values) }
    }

    /// The list columns `columns` reads, in its order, after the three single ones and, when
    /// agencies are among them, `agency_names`.
    private let readLists: [ListColumn]

    /// Text lowered as SQLite's built-in `lower()` does: ASCII letters only.
    static func asciiLowercased(_ text: String) -> String {
        String(decoding: text.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
    }

    /// Whether the match passes the filters (with a row check, exactly; without, false only when
    /// its block shows it cannot pass).
    func admits(_ id: Int64) -> Bool {
        let wanted = SearchBounds.block(of: id)
        if wanted != block { load(wanted) }
        if blockColumns.rejectsEverySlot { return false }
        return admits(slot: Int(id & (SearchBounds.blockSize - 1)), id: id)
    }

    /// Which of `bits` (ids of `block`, bit i for its id i) pass the filters, as `admits` decides each.
    func admitted(inBlock wanted: Int64, among bits: SIMD4<UInt64>) -> SIMD4<UInt64> {
        if wanted != block { load(wanted) }
        if blockColumns.rejectsEverySlot { return SIMD4() }
        var passing = SIMD4<UInt64>()
        let first = wanted << SearchBounds.blockShift
        for word in 0..<4 {
            var remaining = bits[word]
            while remaining != 0 {
                let bit = remaining.trailingZeroBitCount
                remaining &= remaining - 1
                if admits(slot: word * 64 + bit, id: first + Int64(word * 64 + bit)) { passing[word] |= 1 << UInt64(bit) }
            }
        }
        return passing
    }

    /// `admits` for the loaded block's slot `slot`, id `id`.
    private func admits(slot: Int, id: Int64) -> Bool {
        var verdict = Verdict(rawValue: blockColumns.verdicts[slot])
        if verdict == nil {
            verdict = self.verdict(slot: slot)
            blockColumns.verdicts[slot] = verdict!.rawValue
        }
        switch verdict! {
        case .admitted: return true
        case .rejected: return false
        case .unknown:
            guard let rowCheck else { return true }
            var found = false
            guard (try? rowCheck.statement.bind([.integer(id)] + rowCheck.values)) != nil,
                  (try? rowCheck.statement.forEachRawRow { _ in found = true }) != nil else { return true }
            // The row's answer stands for the slot while its block is loaded: a pruned search judges
            // a match once to count it and again when its stretch is scored.
            blockColumns.verdicts[slot] = (found ? Verdict.admitted : .rejected).rawValue
            return found
        }
    }

    private func verdict(slot: Int) -> Verdict {
        let columns = blockColumns
        var verdict = Verdict.admitted
        func weigh(_ next: Verdict) {
            if next == .rejected || (next == .unknown && verdict == .admitted) { verdict = next }
        }
        func wanted(_ table: IDTable, _ value: UInt32) -> Verdict {
            table.contains(value) ? .admitted : .rejected
        }
        if let sources {
            weigh(columns.hasSources ? wanted(sources, columns[columns.sources, slot]) : .unknown)
        }
        if let aggregators, verdict != .rejected {
            weigh(columns.hasAggregators ? wanted(aggregators, columns[columns.aggregators, slot]) : .unknown)
        }
        if agencies != nil, verdict != .rejected {
            let credited = columns.anyValue(in: .agencies, slot: slot, columns.isWantedAgency)
            weigh(credited.map { $0 ? .admitted : .rejected } ?? .unknown)
        }
        for (list, ids) in entities where verdict != .rejected {
            let named = columns.anyValue(in: list, slot: slot, ids.contains)
            weigh(named.map { $0 ? .admitted : .rejected } ?? .unknown)
        }
        if from != nil || to != nil, verdict != .rejected {
            if columns.hasDays {
                let day = columns[columns.days, slot]
                if let known = dayVerdicts[day] {
                    weigh(known)
                } else {
                    let decided = dayVerdict(day)
                    dayVerdicts[day] = decided
                    weigh(decided)
                }
            } else {
                weigh(.unknown)
            }
        }
        return verdict
    }

    /// What the date bounds say of every `published` with this `days` value (see `dateVerdict`).
    private func dayVerdict(_ day: UInt32) -> Verdict {
        let date = Self.dateText(day: day)
        var verdict = Verdict.admitted
        for (bound, isLower) in [(from, true), (to, false)] {
            guard let bound else { continue }
            switch Self.compare(date: date, bound: bound, isLower: isLower) {
            case .rejected: return .rejected
            case .unknown: verdict = .unknown
            case .admitted: break
            }
        }
        return verdict
    }

    /// The start of `published` a `days` value stands for: its first ten characters, or all of it
    /// when shorter (a year, a month). Nil for 0 (NULL or empty) and for a year before 1000, which
    /// the key does not spell back with its leading zeros.
    static func dateText(day: UInt32) -> [UInt8]? {
        guard day != 0, Int64(day) / 4 / 10_000 >= 1_000 else { return nil }
        return PackedFacetCounter.dayBytes(Int64(day))
    }

    /// `published >= bound` (`isLower`) or `published <= bound`, for text that starts with `date`:
    /// the first byte where the two differ decides; where none does, the shorter one sorts first,
    /// unless `published` may go on past `date` (ten characters).
    private static func compare(date: [UInt8]?, bound: [UInt8], isLower: Bool) -> Verdict {
        guard let date else {
            // NULL fails both comparisons; '' fails `>=` a non-empty bound; which of the two is not known.
            return isLower && !bound.isEmpty ? .rejected : .unknown
        }
        for (dateByte, boundByte) in zip(date, bound) where dateByte != boundByte {
            return (dateByte > boundByte) == isLower ? .admitted : .rejected
        }
        if date.count >= bound.count {
            // `published` starts with the whole bound: it sorts after it, or equals it.
            if isLower { return .admitted }
            if date.count > bound.count { return .rejected }
            return date.count < 10 ? .admitted : .unknown
        }
        // The bound goes on past the date: a date that is all of `published` sorts first.
        if date.count < 10 { return isLower ? .rejected : .admitted }
        return .unknown
    }

    private func load(_ wanted: Int64) {
        block = wanted
        let columns = blockColumns
        columns.verdicts.update(repeating: 0, count: FacetBlocks.slots)
        columns.hasSources = false
        columns.hasAggregators = false
        columns.hasDays = false
        columns.rejectsEverySlot = false
        columns.wantedAgencies = []
        for index in columns.hasList.indices { columns.hasList[index] = false }
        guard let statement = self.columns, (try? statement.bind([.integer(wanted)])) != nil else { return }
        try? statement.forEachRawRow { row in
            if sources != nil { columns.hasSources = BlockColumns.load(row.blob(0), into: columns.sources) }
            if aggregators != nil { columns.hasAggregators = BlockColumns.load(row.blob(1), into: columns.aggregators) }
            if from != nil || to != nil { columns.hasDays = BlockColumns.load(row.blob(2), into: columns.days) }
            let first = readLists.first == .agencies ? 4 : 3
            for (offset, list) in readLists.enumerated() {
                columns.hasList[list.rawValue] = columns.load(row.blob(first + offset), into: list)
            }
            if let agencies, first == 4 {
                let text = String(decoding: row.text(3), as: UTF8.self)
                columns.wantedAgencies = text.split(separator: ",", omittingEmptySubsequences: false)
                    .map { agencies.contains(Self.asciiLowercased(String($0))) }
            }
        }
        columns.rejectsEverySlot = rejectsEverySlot(columns)
    }

    /// Whether one filter's column shows that no slot of the loaded block can pass: the verdict
    /// `verdict(slot:)` would give each of them, given once for the block.
    private func rejectsEverySlot(_ columns: BlockColumns) -> Bool {
        let slots = 0..<FacetBlocks.slots
        if let sources, columns.hasSources, !slots.contains(where: { sources.contains(columns[columns.sources, $0]) }) { return true }
        if let aggregators, columns.hasAggregators, !slots.contains(where: { aggregators.contains(columns[columns.aggregators, $0]) }) {
            return true
        }
        if agencies != nil, columns.anyValue(in: .agencies, columns.isWantedAgency) == false { return true }
        return entities.contains { list, ids in columns.anyValue(in: list, ids.contains) == false }
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
