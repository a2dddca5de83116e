/// A list of row ids for `IN (…)` as bound parameters, padded with NULLs (which match nothing) to
/// a power of two: searches then reuse a handful of cached statements instead of compiling a new
/// one for every page of ids.
struct IDList {
    let placeholders: String
    let values: [SQLValue]

    init(_ ids: [Int64]) {
        var arity = 8
        while arity < ids.count { arity <<= 1 }
        placeholders = Array(repeating: "?", count: arity).joined(separator: ",")
        values = ids.map { SQLValue.integer($0) } + Array(repeating: SQLValue.null, count: arity - ids.count)
    }
}
