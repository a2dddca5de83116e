import ArgumentParser

/// Bounds for the numeric options, checked before anything runs: a value past them is a mistake
/// (`--limit 9223372036854775807` overflowed inside a computation and trapped), said as such.
enum NumericLimits {
    /// Rows, hits or names a listing may ask for; an offset may skip as many.
    static let rows = 10_000_000
    /// The longest time limit: a day.
    static let seconds = 86_400.0

    static func count(_ value: Int, _ option: String, least: Int = 0) throws {
        guard value >= least, value <= rows else {
            throw ValidationError("\(option) must be between \(least) and \(rows)")
        }
    }

    /// A time limit: a finite number of seconds above zero (`nan`, `inf` and negatives are refused).
    static func timeout(_ value: Double, _ option: String = "--timeout") throws {
        guard value.isFinite, value > 0, value <= seconds else {
            throw ValidationError("\(option) must be a number of seconds above 0 and at most \(Int(seconds))")
        }
    }
}
