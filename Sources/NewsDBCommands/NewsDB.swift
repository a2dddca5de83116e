import ArgumentParser

/// The `newsdb` command: a SQLite-backed full-text news database.
public struct NewsDB: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "newsdb",
        abstract: "Load scraped news pages into SQLite, search them, and export them.",
        discussion: "The database is --db PATH, else $NEWSDB_PATH, else ./news.db.",
        version: NewsDB.version,
        subcommands: [Init.self, Ingest.self, Search.self, Show.self, Quotes.self, Entities.self, Export.self, Parse.self, Rejects.self, Stats.self, Optimize.self, SQL.self, DatasetteMetadata.self]
    )

    /// The release, printed by `newsdb --version`.
    public static let version = "0.9.0"

    public init() {}
}
