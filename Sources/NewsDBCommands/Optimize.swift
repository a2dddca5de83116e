import Foundation
import ArgumentParser
import NewsStore

extension NewsDB {
    /// `newsdb optimize`: merge the full-text index's segments into one, so searches look each word
    /// up once instead of once per segment.
    struct Optimize: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "optimize",
            abstract: "Merge the full-text index into one segment, which makes ranked searches of a big file cheaper.",
            discussion: """
                Worth running after a big load: each load leaves segments behind, and a search pays for each. \
                It rewrites the whole index (about 20 s for a million articles) in one transaction; searches go on \
                meanwhile, and a kill part way leaves the index as it was. Example: newsdb optimize --db news.db
                """
        )

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            // An existing newsdb file only: a mistyped path is an error, not a new empty database.
            _ = try database.openReadOnly()
            let (connection, _) = try NewsDatabase.openMigrating(path: database.path)
            let before = try FullTextSegments.count(connection: connection)
            guard before > 1 else {
                print("\(database.path): the full-text index is \(before == 0 ? "empty" : "one segment already"); nothing to merge")
                return
            }
            if Terminal.standardErrorIsInteractive { Terminal.printProgress("merging \(before) full-text segments into one…") }
            let start = ContinuousClock.now
            try FullTextSegments.merge(connection: connection)
            let elapsed = ContinuousClock.now - start
            if Terminal.standardErrorIsInteractive { Terminal.printProgress(nil) }
            let after = try FullTextSegments.count(connection: connection)
            print("\(database.path): merged the full-text index from \(before) segments into \(after) in \(String(format: "%.1f", elapsed.seconds)) s")
        }
    }
}
