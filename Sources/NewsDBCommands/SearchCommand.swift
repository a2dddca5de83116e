import ArgumentParser
import Foundation
import NewsStore

extension NewsDB {
    /// `newsdb search`: ranked full-text search with filters and facet counts.
    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "search",
            abstract: "Search articles: ranked full text, filters and facet counts.",
            discussion: """
                Words are ANDed; "exact phrase"; OR; -word or NOT word; prefix*; ( ); NEAR(a b, 5); and \
                qualifiers source: agency: person: place: org: aggregator: from: to: (filters) and title: lead: body:.
                Example: newsdb search 'ferry OR harbour -storm from:2025-03' --facets
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The query (may be empty when filters are given).")
        var query: String = ""

        @OptionGroup var filters: FilterOptions

        @Option(help: "relevance, newest or oldest.", completion: .list(["relevance", "newest", "oldest"])) var sort: String = "relevance"
        @Option(help: "Hits per page.") var limit: Int = 10
        @Option(help: "Hits to skip.") var offset: Int = 0

        @Option(help: "Facets to count, comma-separated: source,month,year,day,person,place,org,agency,aggregator.")
        var facet: [String] = []
        @Flag(help: "Count the default facets: source, month, person, place, org, agency.") var facets = false
        @Option(name: .customLong("facet-size"), help: "Values per facet.") var facetSize: Int = 10

        @Option(help: "A raw FTS5 expression instead of the query, for experts.") var fts: String?
        @Flag(name: .customLong("show-sql"), help: "Print the SQL that selects the matches, then search.") var showSQL = false
        @Option(help: "table, json, jsonl or csv.") var format: OutputFormat = .table
        @Option(help: "Stop a search running longer than this many seconds.") var timeout: Double = 10
        @Flag(name: .customLong("exit-status"), help: "Exit with status 1 when nothing matches (as grep does).") var exitStatus = false
        @Option(help: "Threads that score a large match set together (default: one per core).") var threads: Int?

        func validate() throws {
            guard SearchRequest.Sort(rawValue: sort) != nil else { throw ValidationError("--sort must be relevance, newest or oldest") }
            try NumericLimits.count(limit, "--limit")
            try NumericLimits.count(offset, "--offset")
            try NumericLimits.count(facetSize, "--facet-size", least: 1)
            try NumericLimits.timeout(timeout)
            if let threads { try NumericLimits.count(threads, "--threads", least: 1) }
            for name in facetNames where FacetKind(rawValue: name) == nil {
                throw ValidationError("unknown facet '\(name)'; facets are \(FacetKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }

        var facetNames: [String] {
            facet.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
        }

        func request() throws -> SearchRequest {
            var parsed = try QueryText.parse(query)
            try filters.merged(into: &parsed.filters)
            if parsed.expression == nil, fts == nil, parsed.filters.isEmpty {
                throw ValidationError("give a query, a filter (--source, --from, …) or --fts")
            }
            var request = SearchRequest(query: parsed, rawExpression: fts)
            request.sort = SearchRequest.Sort(rawValue: sort) ?? .relevance
            request.limit = limit
            request.offset = offset
            var kinds = facets ? FacetKind.defaults : []
            for name in facetNames { if let kind = FacetKind(rawValue: name), !kinds.contains(kind) { kinds.append(kind) } }
            request.facets = kinds
            request.facetSize = facetSize
            return request
        }

        func run() throws {
            let request = try request()
            let connection = try database.openReadOnly()
            connection.allowOnlyReads()
            if showSQL {
                let (sql, values) = SearchEngine.matchSQL(for: request)
                Terminal.printError(sql + "\n-- values: " + values.map { RowRenderer.plainText($0) }.joined(separator: " | "))
            }
            let engine = SearchEngine(connection: connection)
            if let threads { engine.threads = threads }
            let result = try connection.withTimeout(timeout) { try engine.search(request) }
            let style = TextStyle.forStandardOutput
            print(SearchRenderer.render(result, query: fts ?? query, request: request, format: format, style: style), terminator: "")
            if exitStatus, result.total == 0 {
                StandardOutput.finish()
                throw ExitCode.failure
            }
        }
    }
}
