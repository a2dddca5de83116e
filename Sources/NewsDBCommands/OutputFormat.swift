import ArgumentParser

/// How rows are printed on stdout.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case csv
    case json
    case jsonl
}
