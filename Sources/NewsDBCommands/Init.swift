import ArgumentParser
import NewsStore

extension NewsDB {
    /// `newsdb init`: create a database, or bring an existing one to this binary's schema.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create the database, or migrate it to the latest schema.",
            discussion: "Example: newsdb init --db news.db"
        )

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            // The same way in as every other command: a new file gets newsdb's page size.
            let (_, applied) = try NewsDatabase.openMigrating(path: database.path)
            let latest = Migrator(migrations: try Migration.embedded).latestVersion
            if applied.isEmpty {
                print("\(database.path) is up to date at schema version \(latest)")
            } else {
                let names = applied.map { String(format: "%04d_%@", $0.version, $0.name) }
                print("\(database.path) migrated to schema version \(latest) (applied \(names.joined(separator: ", ")))")
            }
        }
    }
}
