/// Counts facet values over packed facet rows (`article_facets.packed`, Migrations/0005):
/// `source id|aggregator id|YYYY-MM-DD|agencies|person ids|place ids|organisation ids`.
///
/// Rows are read as raw bytes and parsed in one pass with no split strings: a facet request over
/// half the corpus reads tens of thousands of rows, and allocation per field would dominate.
struct PackedFacetCounter {
    let wanted: Set<FacetKind>
    private(set) var sources: [Int64: Int] = [:]
    private(set) var aggregators: [Int64: Int] = [:]
    private(set) var agencies: [String: Int] = [:]
    private(set) var people: [Int64: Int] = [:]
    private(set) var places: [Int64: Int] = [:]
    private(set) var organizations: [Int64: Int] = [:]
    /// Counted per day only; months and years are summed from the days at the end.
    private var days: [String: Int] = [:]

    /// Asked once per field of every row: plain flags, not set lookups.
    private let countsSources, countsAggregators, countsDates, countsAgencies, countsPeople, countsPlaces, countsOrganizations: Bool

    init(wanted: Set<FacetKind>) {
        self.wanted = wanted
        countsSources = wanted.contains(.source)
        countsAggregators = wanted.contains(.aggregator)
        countsDates = wanted.contains(.year) || wanted.contains(.month) || wanted.contains(.day)
        countsAgencies = wanted.contains(.agency)
        countsPeople = wanted.contains(.person)
        countsPlaces = wanted.contains(.place)
        countsOrganizations = wanted.contains(.org)
    }

    mutating func add(_ row: UnsafeBufferPointer<UInt8>) {
        let bar = UInt8(ascii: "|"), comma = UInt8(ascii: ",")
        var field = 0
        var number: Int64 = 0
        var digitsOnly = true
        var start = 0
        for index in 0...row.count {
            let byte = index < row.count ? row[index] : bar
            if byte == bar || byte == comma {
                if index > start {
                    count(field: field, number: digitsOnly ? number : nil, token: UnsafeBufferPointer(rebasing: row[start..<index]))
                }
                number = 0
                digitsOnly = true
                start = index + 1
                if byte == bar { field += 1 }
            } else if byte >= 0x30 && byte <= 0x39 {
                number = number &* 10 &+ Int64(byte - 0x30)
            } else {
                digitsOnly = false
            }
        }
    }

    private mutating func count(field: Int, number: Int64?, token: UnsafeBufferPointer<UInt8>) {
        switch field {
        case 0: if let number, countsSources { sources[number, default: 0] += 1 }
        case 1: if let number, countsAggregators { aggregators[number, default: 0] += 1 }
        case 2: if countsDates, token.count >= 4 { days[String(decoding: token, as: UTF8.self), default: 0] += 1 }
        case 3: if countsAgencies { agencies[String(decoding: token, as: UTF8.self), default: 0] += 1 }
        case 4: if let number, countsPeople { people[number, default: 0] += 1 }
        case 5: if let number, countsPlaces { places[number, default: 0] += 1 }
        case 6: if let number, countsOrganizations { organizations[number, default: 0] += 1 }
        default: break
        }
    }

    /// Counts per year, month or day bucket ("2025", "2025-03", "2025-03-12").
    func dates(_ kind: FacetKind) -> [String: Int] {
        let length = switch kind {
        case .year: 4
        case .month: 7
        default: 10
        }
        var buckets: [String: Int] = [:]
        for (day, count) in days { buckets[String(day.prefix(length)), default: 0] += count }
        return buckets
    }
}
