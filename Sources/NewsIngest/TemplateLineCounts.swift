import NewsPage

/// Counts, across a load, on how many pages of each site every short line appears, so that the
/// lines a site repeats on page after page (its template: menus, footers, widget headings) are
/// known as furniture, as crawlers detect templates.
///
/// Memory is fixed: one open-addressed table of `slotCount` (site, line) pairs with a page count
/// each, about 9 MB. A line seen once is the cheapest to forget: when a probe finds no free slot it
/// takes over the slot with the lowest count, so lines that recur stay while one-off lines churn.
///
/// A value: the pipeline counts each batch's pages in record order once the batch is parsed, then
/// has the pages that kept a recurring line parsed again with a copy, so a load's result does not
/// depend on thread timing.
public struct TemplateLineCounts: Sendable {
    /// Pages of the same site a line must have been seen on before to count as template.
    public static let recurringPages: UInt8 = 3
    static let slotCount = 1 << 20
    /// Slots looked at for one pair before the least counted one is replaced.
    static let probeLength = 8

    private var keys: [UInt64]
    private var counts: [UInt8]

    public init() {
        keys = Array(repeating: 0, count: Self.slotCount)
        counts = Array(repeating: 0, count: Self.slotCount)
    }

    /// The lines of `hashes` that earlier pages of `site` repeated often enough to be template.
    public func recurring(_ hashes: [UInt64], site: String) -> RecurringLines {
        let siteHash = Self.siteHash(site)
        return RecurringLines(Set(hashes.filter { count(of: Self.pair(siteHash, $0)) >= Self.recurringPages }))
    }

    /// Counts one page of `site` for each distinct line of `hashes`.
    public mutating func record(_ sighting: TemplateSighting) {
        let siteHash = Self.siteHash(sighting.site)
        // Sorted, so that which pair takes over which slot does not depend on a Set's order.
        for pair in Set(sighting.hashes.map { Self.pair(siteHash, $0) }).sorted() { increment(pair) }
    }

    private func count(of key: UInt64) -> UInt8 {
        let start = Int(key % UInt64(Self.slotCount))
        for probe in 0..<Self.probeLength {
            let slot = (start + probe) & (Self.slotCount - 1)
            if counts[slot] == 0 { return 0 }
            if keys[slot] == key { return counts[slot] }
        }
        return 0
    }

    private mutating func increment(_ key: UInt64) {
        let start = Int(key % UInt64(Self.slotCount))
        var weakest = start
        for probe in 0..<Self.probeLength {
            let slot = (start + probe) & (Self.slotCount - 1)
            if counts[slot] == 0 || keys[slot] == key {
                keys[slot] = key
                counts[slot] = counts[slot] == UInt8.max ? UInt8.max : counts[slot] + 1
                return
            }
            if counts[slot] < counts[weakest] { weakest = slot }
        }
        keys[weakest] = key
        counts[weakest] = 1
    }

    private static func siteHash(_ site: String) -> UInt64 {
        RecurringLines.hash(Array(site.utf8))
    }

    /// A (site, line) pair as one key.
    private static func pair(_ site: UInt64, _ line: UInt64) -> UInt64 {
        let mixed = site ^ (line &* 0x9E37_79B9_7F4A_7C15)
        return mixed ^ (mixed >> 31)
    }
}

/// One page's short lines, those of them it kept as body text, and the site they were seen on.
public struct TemplateSighting: Sendable {
    public var site: String
    public var hashes: [UInt64]
    public var keptHashes: [UInt64]

    /// The lines of the page that its site repeats, when the page kept one of them as body text
    /// (then it is parsed again without them); nil otherwise.
    public func recurringIfKept(in counts: TemplateLineCounts) -> RecurringLines? {
        guard !counts.recurring(keptHashes, site: site).hashes.isEmpty else { return nil }
        return counts.recurring(hashes, site: site)
    }
}
