import ArgumentParser

/// How rows are printed on stdout.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case csv
    case json
    case jsonl
}

/// How one document (an article, the database's statistics) is printed: the same JSON object either
/// way for json and jsonl (it is one line).
enum DocumentFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case json
    case jsonl
}
