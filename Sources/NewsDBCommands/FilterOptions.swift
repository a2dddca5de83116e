import ArgumentParser
import NewsStore

/// The search filters as options, shared by `search` and `export`: OR within one, AND across them.
struct FilterOptions: ParsableArguments {
    @Option(help: "Only this source (repeatable).") var source: [String] = []
    @Option(help: "Only this aggregator (repeatable).") var aggregator: [String] = []
    @Option(help: "Only articles crediting this agency (repeatable).") var agency: [String] = []
    @Option(help: "Only articles naming this person (repeatable).") var person: [String] = []
    @Option(help: "Only articles naming this place (repeatable).") var place: [String] = []
    @Option(help: "Only articles naming this organisation (repeatable).") var org: [String] = []
    @OptionGroup var dates: DateRangeOptions

    /// The filters, added to those the query's qualifiers gave.
    func merged(into filters: inout SearchFilters) throws {
        filters.sources += source
        filters.aggregators += aggregator
        filters.agencies += agency
        filters.people += person
        filters.places += place
        filters.organizations += org
        let range = try dates.range()
        filters.from = range.from ?? filters.from
        filters.to = range.to ?? filters.to
    }
}

/// `--from` and `--to`, as a day, a month or a year.
struct DateRangeOptions: ParsableArguments {
    @Option(help: "Published on or after: YYYY-MM-DD, YYYY-MM or YYYY.") var from: String?
    @Option(help: "Published on or before: YYYY-MM-DD, YYYY-MM or YYYY.") var to: String?

    /// The first day of `--from` and the last day of `--to`.
    func range() throws -> (from: String?, to: String?) {
        var range: (from: String?, to: String?) = (nil, nil)
        for (name, value) in [("from", from), ("to", to)] {
            guard let value else { continue }
            guard let days = SearchQueryParser.day(value) else {
                throw UsageError(message: "--\(name) wants a date as YYYY-MM-DD, YYYY-MM or YYYY, not '\(value)'")
            }
            if name == "from" { range.from = days.first } else { range.to = days.last }
        }
        return range
    }
}

/// A query argument parsed the same way by every command that takes one.
enum QueryText {
    static func parse(_ text: String) throws -> SearchQuery {
        do {
            return try SearchQuery.parse(text)
        } catch {
            throw UsageError(message: "bad query:\n" + error.pointing(at: text))
        }
    }
}
