import ArgumentParser
import Foundation
import NewsStore

/// The `--db` option shared by every command that opens a database.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("db"), help: ArgumentHelp("Database file (default: $NEWSDB_PATH, else ./news.db).", valueName: "path"),
        completion: .file(extensions: ["db", "sqlite", "sqlite3"]))
    var explicitPath: String?

    /// `--db`, else `$NEWSDB_PATH` when set and not empty, else `news.db` in the working folder.
    var path: String {
        Self.resolve(explicit: explicitPath, environment: ProcessInfo.processInfo.environment)
    }

    static func resolve(explicit: String?, environment: [String: String]) -> String {
        if let explicit { return explicit }
        if let fromEnvironment = environment["NEWSDB_PATH"], !fromEnvironment.isEmpty { return fromEnvironment }
        return "news.db"
    }

    /// The file opened for one command's reading: SQLite's small page cache, since a process reads
    /// most pages once (`Connection.PageCache`).
    func openReadOnly() throws -> Connection {
        try NewsDatabase.openReadOnly(path: path, pageCache: .small)
    }

    /// A database that lives only as long as the process (`''`, `:memory:`, a `mode=memory` URI): a load
    /// into it would report rows added and keep nothing.
    var isEphemeral: Bool {
        let path = self.path
        if path.isEmpty || path == ":memory:" { return true }
        let lower = path.lowercased()
        return lower.hasPrefix("file:") && (lower.contains("mode=memory") || lower.hasPrefix("file::memory:") || lower == "file:")
    }
}
