import Testing
@testable import NewsStore

@Suite("Counting packed facet rows")
struct PackedFacetCounterTests {
    func counted(_ rows: [String], _ kinds: Set<FacetKind>) -> PackedFacetCounter {
        var counter = PackedFacetCounter(wanted: kinds)
        for row in rows {
            var bytes = Array(row.utf8)
            bytes.withUnsafeMutableBufferPointer { counter.add(UnsafeBufferPointer($0)) }
        }
        return counter
    }

    @Test func datesOfEveryShapeLandInTheirBuckets() {
        let rows = ["1||2025-03-12||||", "1||2025-03-30||||", "1||2025-03||||", "1||2025||||", "1||2024-12-31||||", "1||March 2025||||", "1||||||"]
        let counter = counted(rows, [.day])
        #expect(counter.dates(.day) == ["2025-03-12": 1, "2025-03-30": 1, "2025-03": 1, "2025": 1, "2024-12-31": 1, "March 2025": 1])
        #expect(counter.dates(.month) == ["2025-03": 3, "2025": 1, "2024-12": 1, "March 2": 1])
        #expect(counter.dates(.year) == ["2025": 4, "2024": 1, "Marc": 1])
    }

    @Test func idsAndAgenciesAreCountedPerField() {
        let rows = ["3|9|2025-01-02|AP,AFP|1,2|5|7", "3||2025-01-03|AP|2|5,6|", "4|9||Reuters|||7"]
        let counter = counted(rows, [.source, .aggregator, .agency, .person, .place, .org])
        func dictionary(_ counts: IdCounts) -> [Int64: Int] { Dictionary(uniqueKeysWithValues: counts.pairs.map { ($0.key, $0.count) }) }
        #expect(dictionary(counter.sources) == [3: 2, 4: 1])
        #expect(dictionary(counter.aggregators) == [9: 2])
        #expect(counter.agencies == ["AP": 2, "AFP": 1, "Reuters": 1])
        #expect(dictionary(counter.people) == [1: 1, 2: 2])
        #expect(dictionary(counter.places) == [5: 2, 6: 1])
        #expect(dictionary(counter.organizations) == [7: 2])
    }

    /// Helpers each count their share of the matches: their counters added up equal one counter
    /// of all the rows, field by field.
    @Test func mergedCountersEqualOneCounterOfEveryRow() {
        let rows = ["3|9|2025-01-02|AP,AFP|1,2|5|7", "3||2025-01-03|AP|2|5,6|", "4|9||Reuters|||7", "4|2|March 2025|AFP|1|6|8",
                    "5||2025|Reuters,AP|2,3||", "3|9|2025-01-02||||7"]
        let kinds: Set<FacetKind> = [.source, .aggregator, .agency, .person, .place, .org, .day]
        let whole = counted(rows, kinds)
        for cut in 0...rows.count {
            var merged = counted(Array(rows[..<cut]), kinds)
            merged.merge(counted(Array(rows[cut...]), kinds))
            func dictionary(_ counts: IdCounts) -> [Int64: Int] { Dictionary(uniqueKeysWithValues: counts.pairs.map { ($0.key, $0.count) }) }
            for (a, b) in [(merged.sources, whole.sources), (merged.aggregators, whole.aggregators), (merged.people, whole.people),
                           (merged.places, whole.places), (merged.organizations, whole.organizations)] {
                #expect(dictionary(a) == dictionary(b), "cut at \(cut)")
            }
            #expect(merged.agencies == whole.agencies, "cut at \(cut)")
            #expect(merged.dates(.day) == whole.dates(.day), "cut at \(cut)")
        }
    }

    @Test func idCountsMatchADictionaryThroughGrowth() {
        var counts = IdCounts(capacity: 2)
        var expected: [Int64: Int] = [:]
        var state: UInt64 = 3
        for _ in 0..<20_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let key = Int64((state >> 33) % 3000) - 5
            counts.add(key)
            expected[key, default: 0] += 1
        }
        #expect(counts.distinct == expected.count)
        #expect(Dictionary(uniqueKeysWithValues: counts.pairs.map { ($0.key, $0.count) }) == expected)
    }
}
