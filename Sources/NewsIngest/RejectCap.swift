import NewsStore

/// Keeps the first rejects of each file with their reasons and counts the rest, so that a small
/// hostile file (a gzip of a million `{}` lines) cannot fill the database with reject rows: past the
/// cap, one summary row per file and reason says how many more there were.
struct RejectCap {
    /// Rejects of one file kept whole, with origin, reason and excerpt.
    static let keptPerFile = 1_000
    /// Distinct reasons counted per file past the cap; further ones are counted as "other reasons".
    static let reasonsPerFile = 20

    private var kept: [String: Int] = [:]
    private var overflow: [String: [String: Int]] = [:]
    /// Files in the order their overflow began, for summary rows in a stable order.
    private var overflowOrder: [String] = []

    /// The rejects to store; the others are counted.
    mutating func admit(_ rejects: [IngestLog.Reject]) -> [IngestLog.Reject] {
        rejects.filter { reject in
            let file = Self.file(of: reject.origin)
            let count = kept[file, default: 0]
            if count < Self.keptPerFile {
                kept[file] = count + 1
                return true
            }
            if overflow[file] == nil { overflowOrder.append(file) }
            var reasons = overflow[file, default: [:]]
            let reason = reasons[reject.reason] != nil || reasons.count < Self.reasonsPerFile ? reject.reason : "other reasons"
            reasons[reason, default: 0] += 1
            overflow[file] = reasons
            return false
        }
    }

    /// One row per file and reason for the rejects counted and not stored; empties the counts.
    mutating func summaries() -> [IngestLog.Reject] {
        defer {
            overflow = [:]
            overflowOrder = []
        }
        return overflowOrder.flatMap { file in
            (overflow[file] ?? [:]).sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { reason, count in
                IngestLog.Reject(
                    origin: file,
                    reason: "\(count) more records of this file rejected (past the first \(Self.keptPerFile) kept), for: \(reason)")
            }
        }
    }

    /// The file a reject's origin names: "dump.jsonl:12" and "crawl.warc.gz#8 (byte 512)" name their file first.
    static func file(of origin: String) -> String {
        if let hash = origin.lastIndex(of: "#"), origin[origin.index(after: hash)...].first?.isNumber == true {
            return String(origin[..<hash])
        }
        if let colon = origin.lastIndex(of: ":"), !origin[origin.index(after: colon)...].isEmpty,
            origin[origin.index(after: colon)...].allSatisfy(\.isNumber)
        {
            return String(origin[..<colon])
        }
        return origin
    }
}
