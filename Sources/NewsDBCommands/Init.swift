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
            let connection = try Connection(path: database.path)
            let migrator = Migrator(migrations: try Migration.embedded)
            let applied = try migrator.migrate(connection)
            try connection.useWriteAheadLog()
            if applied.isEmpty {
                print("\(database.path) is up to date at schema version \(migrator.latestVersion)")
            } else {
                let names = applied.map { String(format: "%04d_%@", $0.version, $0.name) }
                print("\(database.path) migrated to schema version \(migrator.latestVersion) (applied \(names.joined(separator: ", ")))")
            }
        }
    }
}
