import Foundation
import NewsIngest
import NewsStore

// newsdb-bench: the tools behind `make bench`. Usage:
//   newsdb-bench generate N SEED OUTDIR SAMPLEDATA   corpus: OUTDIR/pages/, articles.jsonl, articles.csv
//   newsdb-bench floor DB JSONL triggers|program|rebuild
//   newsdb-bench search DB REPEAT                    latency of the mixed query set (in all and by kind), and the FTS5 floor
//   newsdb-bench process DB NEWSDB REPEAT            the same queries as whole `newsdb search` processes, warm and cold
//   newsdb-bench compare DB QUERIES [SEED]           random queries ranked pruned and exhaustively: equal pages, and each way's time
//   newsdb-bench facets DB REPEAT [NEWSDB]           search + five facets vs the plain GROUP BY way (and as NEWSDB processes)
//   newsdb-bench page DB QUERY REPEAT                one whole page (five facets) our way only, for profiling
//   newsdb-bench query DB QUERY REPEAT               one query's first ten, no facets: its median and pruned statements
//   newsdb-bench extract JSONL                       entity and quote extraction on its own
//   newsdb-bench parse PAGESDIR [LIMIT]              the page parser alone on one core
//   newsdb-bench html HTMLDIR [ROUNDS]               HTML extraction alone on one core (median round)
// Every timing line is "name value unit" so the driver script can collect it. BENCH_THREADS=N sets the
// threads a search scores a large match set with (default: one per core); BENCH_MINIMUM_MATCHES and
// BENCH_MATCHES_PER_BLOCK set `PrunedRanking.Settings` (when pruning is tried), to measure where it pays.

let arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first else {
    FileHandle.standardError.write(Data("usage: newsdb-bench generate|floor|search|process|compare|facets|page|query|extract|parse|html …\n".utf8))
    exit(2)
}
do {
    switch command {
    case "generate":
        try Bench.generate(count: Int(arguments[1])!, seed: UInt64(arguments[2])!, output: arguments[3], sampleData: arguments[4])
    case "floor":
        try Bench.floor(database: arguments[1], jsonl: arguments[2], strategy: arguments[3])
    case "search":
        try Bench.searchLatency(database: arguments[1], repeat: Int(arguments[2])!)
    case "process":
        try Bench.processLatency(database: arguments[1], newsdb: arguments[2], repeat: Int(arguments[3])!)
    case "compare":
        try Bench.comparePruning(database: arguments[1], queries: Int(arguments[2])!, seed: arguments.count > 3 ? UInt64(arguments[3])! : 1)
    case "facets":
        try Bench.facets(database: arguments[1], repeat: Int(arguments[2])!, newsdb: arguments.count > 3 ? arguments[3] : nil)
    case "page":
        try Bench.page(database: arguments[1], query: arguments[2], repeat: Int(arguments[3])!)
    case "query":
        try Bench.query(database: arguments[1], query: arguments[2], repeat: Int(arguments[3])!)
    case "extract":
        try Bench.extract(jsonl: arguments[1])
    case "html":
        try Bench.html(pages: arguments[1], rounds: arguments.count > 2 ? Int(arguments[2])! : 5)
    case "parse":
        try Bench.parse(pages: arguments[1], limit: arguments.count > 2 ? Int(arguments[2])! : 20_000)
    default:
        FileHandle.standardError.write(Data("unknown command \(command)\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("newsdb-bench: \(error)\n".utf8))
    exit(1)
}
