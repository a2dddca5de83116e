import Foundation

/// Counts facet values over packed facet rows (`article_facets.packed`, Migrations/0005):
/// `source id|aggregator id|YYYY-MM-DD|agencies|person ids|place ids|organisation ids`.
///
/// Rows are read as raw bytes and parsed in one pass with no split strings: a facet request over
/// half the corpus reads tens of thousands of rows, and allocation per field would dominate.
struct PackedFacetCounter {
    let wanted: Set<FacetKind>
    private(set) var sources = IdCounts()
    private(set) var aggregators = IdCounts()
    private(set) var people = IdCounts()
    private(set) var places = IdCounts()
    private(set) var organizations = IdCounts()
    /// Agencies are few: their bytes, searched in order, with no String per row.
    private var agencyCounts: [(name: [UInt8], count: Int)] = []
    /// Counted per day only, as numbers (see `dayKey`); months and years are summed at the end.
    private var days = IdCounts()
    /// Dates of another shape than YYYY, YYYY-MM or YYYY-MM-DD, kept as text.
    private var otherDays: [String: Int] = [:]

    /// Asked once per field of every row: plain flags, not set lookups.
    let countsSources, countsAggregators, countsDates, countsAgencies, countsPeople, countsPlaces, countsOrganizations: Bool

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
        var index = 0
        while index <= row.count && field <= 6 {
            // A field no facet asked for is skipped to its end.
            guard countsField(field) else {
                while index < row.count && row[index] != bar { index += 1 }
                index += 1
                field += 1
                continue
            }
            var number: Int64 = 0
            var digitsOnly = true
            var start = index
            while true {
                let byte = index < row.count ? row[index] : bar
                if byte == bar || byte == comma {
                    if index > start {
                        count(field: field, number: digitsOnly ? number : nil, token: UnsafeBufferPointer(rebasing: row[start..<index]))
                    }
                    number = 0
                    digitsOnly = true
                    start = index + 1
                    index += 1
                    if byte == bar { break }
                } else {
                    if byte >= 0x30 && byte <= 0x39 {
                        number = number &* 10 &+ Int64(byte - 0x30)
                    } else {
                        digitsOnly = false
                    }
                    index += 1
                }
            }
            field += 1
        }
    }

    // Values already parsed, from a block's columns (`FacetBlocks`).
    mutating func add(source id: Int64, _ amount: Int = 1) { sources.add(id, amount) }
    mutating func add(aggregator id: Int64, _ amount: Int = 1) { aggregators.add(id, amount) }
    mutating func add(dayKey key: Int64) { days.add(key) }
    mutating func add(person id: Int64, _ amount: Int = 1) { people.add(id, amount) }
    mutating func add(place id: Int64, _ amount: Int = 1) { places.add(id, amount) }
    mutating func add(organization id: Int64, _ amount: Int = 1) { organizations.add(id, amount) }
    mutating func add(agency name: UnsafeBufferPointer<UInt8>, _ amount: Int) { countAgency(name, amount) }

    /// Adds another counter's counts (of other articles): helpers each count their share.
    mutating func merge(_ other: PackedFacetCounter) {
        for (id, count) in other.sources.pairs { sources.add(id, count) }
        for (id, count) in other.aggregators.pairs { aggregators.add(id, count) }
        for (key, count) in other.days.pairs { days.add(key, count) }
        for (id, count) in other.people.pairs { people.add(id, count) }
        for (id, count) in other.places.pairs { places.add(id, count) }
        for (id, count) in other.organizations.pairs { organizations.add(id, count) }
        for (day, count) in other.otherDays { otherDays[day, default: 0] += count }
        for agency in other.agencyCounts { agency.name.withUnsafeBufferPointer { countAgency($0, agency.count) } }
    }

    private func countsField(_ field: Int) -> Bool {
        switch field {
        case 0: countsSources
        case 1: countsAggregators
        case 2: countsDates
        case 3: countsAgencies
        case 4: countsPeople
        case 5: countsPlaces
        default: countsOrganizations
        }
    }

    private mutating func count(field: Int, number: Int64?, token: UnsafeBufferPointer<UInt8>) {
        switch field {
        case 0: if let number, countsSources { sources.add(number) }
        case 1: if let number, countsAggregators { aggregators.add(number) }
        case 2:
            guard countsDates, token.count >= 4 else { return }
            if let key = Self.dayKey(token) {
                days.add(key)
            } else {
                otherDays[String(decoding: token, as: UTF8.self), default: 0] += 1
            }
        case 3: if countsAgencies { countAgency(token) }
        case 4: if let number, countsPeople { people.add(number) }
        case 5: if let number, countsPlaces { places.add(number) }
        case 6: if let number, countsOrganizations { organizations.add(number) }
        default: break
        }
    }

    private mutating func countAgency(_ token: UnsafeBufferPointer<UInt8>, _ amount: Int = 1) {
        for index in agencyCounts.indices where agencyCounts[index].name.elementsEqual(token) {
            agencyCounts[index].count += amount
            return
        }
        agencyCounts.append((Array(token), amount))
    }

    var agencies: [String: Int] {
        Dictionary(agencyCounts.map { (String(decoding: $0.name, as: UTF8.self), $0.count) }, uniquingKeysWith: +)
    }

    /// YYYY, YYYY-MM or YYYY-MM-DD as the number YYYYMMDD times 4 plus which of the three it was;
    /// nil for any other shape.
    static func dayKey(_ token: UnsafeBufferPointer<UInt8>) -> Int64? {
        let shape: Int64
        switch token.count {
        case 4: shape = 0
        case 7: shape = 1
        case 10: shape = 2
        default: return nil
        }
        var value: Int64 = 0
        for (index, byte) in token.enumerated() {
            if index == 4 || index == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int64(byte - 0x30)
        }
        switch shape {
        case 0: value *= 10_000
        case 1: value *= 100
        default: break
        }
        return value * 4 + shape
    }

    /// Counts per year, month or day bucket ("2025", "2025-03", "2025-03-12"): summed by number
    /// first, so text is made once per bucket, not once per day.
    func dates(_ kind: FacetKind) -> [String: Int] {
        let length = switch kind {
        case .year: 4
        case .month: 7
        default: 10
        }
        var buckets = IdCounts()
        for (key, count) in days.pairs { buckets.add(Self.bucket(key, length: length), count) }
        var result: [String: Int] = [:]
        for (key, count) in buckets.pairs { result[Self.dayText(key), default: 0] += count }
        for (day, count) in otherDays { result[String(day.prefix(length)), default: 0] += count }
        return result
    }

    /// A day key cut to the year or the month (a key already as short stays as it is).
    private static func bucket(_ key: Int64, length: Int) -> Int64 {
        let shape = key % 4
        let value = key / 4
        switch length {
        case 4: return (value / 10_000) * 10_000 * 4
        case 7: return shape >= 1 ? (value / 100) * 100 * 4 + 1 : key
        default: return key
        }
    }

    /// The text a day key stands for.
    static func dayText(_ key: Int64) -> String {
        String(decoding: dayBytes(key), as: UTF8.self)
    }

    /// `dayText` as UTF-8 bytes, made without a string (filters work them out per day).
    static func dayBytes(_ key: Int64) -> [UInt8] {
        let shape = key % 4
        let value = key / 4
        var bytes: [UInt8] = []
        bytes.reserveCapacity(10)
        bytes += String(value / 10_000).utf8
        func appendTwoDigits(_ number: Int64) {
            bytes.append(UInt8(ascii: "-"))
            bytes.append(UInt8(ascii: "0") + UInt8(number / 10))
            bytes.append(UInt8(ascii: "0") + UInt8(number % 10))
        }
        if shape >= 1 { appendTwoDigits((value / 100) % 100) }
        if shape >= 2 { appendTwoDigits(value % 100) }
        return bytes
    }
}
