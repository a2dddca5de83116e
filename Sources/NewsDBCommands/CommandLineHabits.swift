import ArgumentParser
import Foundation

/// Shell habits the argument parser alone would trip on: a query that starts with `-`, `--db` written
/// before the command, a misspelt command.
enum CommandLineHabits {
    /// The commands whose one positional argument is a query.
    static let queryCommands: Set<String> = ["search", "quotes", "entities", "export"]

    /// The arguments as the parser should see them. A query that starts with `-` and holds a space or
    /// a quote (`'-storm harbour'`, `'-"wind farm" ferry'`) cannot be an option, so it is moved after a
    /// `--`, where the parser takes it as the query. A single `-word` stays where it is: it could be a
    /// misspelt option, and the error for it says how to write the query.
    static func rewritten(_ arguments: [String]) -> [String] {
        guard let command = arguments.first, queryCommands.contains(command), !arguments.contains("--") else { return arguments }
        var options: [String] = []
        var queries: [String] = []
        for argument in arguments.dropFirst() {
            let looksLikeQuery = argument.count > 1 && argument.hasPrefix("-")
                && argument.contains { $0 == " " || $0 == "\"" || $0 == "(" }
            if looksLikeQuery { queries.append(argument) } else { options.append(argument) }
        }
        guard !queries.isEmpty else { return arguments }
        return [command] + options + ["--"] + queries
    }

    /// A sentence to add to the parser's error, when the arguments show a known habit.
    static func hint(for arguments: [String], commands: [String]) -> String? {
        guard let first = arguments.first else { return nil }
        if first == "--db" || first.hasPrefix("--db=") {
            let command = arguments.first { commands.contains($0) } ?? "search"
            return "--db goes after the command: newsdb \(command) --db PATH …"
        }
        if !first.hasPrefix("-"), !commands.contains(first) {
            let nearest = commands.map { ($0, editDistance(first, $0)) }.min { $0.1 < $1.1 }
            if let (name, distance) = nearest, distance <= max(1, name.count / 3) {
                return "'\(first)' is not a newsdb command; did you mean '\(name)'?"
            }
            return "'\(first)' is not a newsdb command; the commands are \(commands.joined(separator: ", "))"
        }
        if queryCommands.contains(first), let dashed = arguments.dropFirst().first(where: { $0.hasPrefix("-") && !$0.hasPrefix("--") && $0.count > 2 }) {
            return "a query that starts with '-' goes after '--': newsdb \(first) [options] -- '\(dashed)'"
        }
        return nil
    }

    /// Levenshtein distance, for suggesting the command a typo meant.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, cb) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
