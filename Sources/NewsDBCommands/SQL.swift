import ArgumentParser
import NewsStore

extension NewsDB {
    /// `newsdb sql`: run one read-only query and print its rows.
    struct SQL: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sql",
            abstract: "Run one read-only SQL query and print the rows.",
            discussion: """
                The database is opened read-only: statements that would change it are refused.
                Example: newsdb sql "SELECT name, count(*) FROM articles JOIN sources ON sources.id = source_id GROUP BY name"
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Option(help: "Output format: table, csv, json or jsonl.")
        var format: OutputFormat = .table

        @Argument(help: "One SQL statement.")
        var query: String

        func run() throws {
            let connection = try NewsDatabase.openReadOnly(path: database.path)
            let statement: Statement
            do {
                statement = try connection.prepare(query)
            } catch let error as SQLiteError where error.code == .readOnly {
                throw ReadOnlyRefusal(message: error.message)
            }
            guard statement.isReadOnly else {
                throw ReadOnlyRefusal(message: "the statement would change the database")
            }
            let rows: [Row]
            do {
                rows = try statement.rows()
            } catch let error as SQLiteError where error.code == .readOnly {
                throw ReadOnlyRefusal(message: error.message)
            }
            print(RowRenderer.render(columns: statement.columnNames, rows: rows, as: format), terminator: "")
        }
    }
}

/// The message a user sees when `newsdb sql` is given a statement that writes.
struct ReadOnlyRefusal: Error, CustomStringConvertible {
    let message: String

    var description: String {
        "newsdb sql is read-only (\(message)); it runs queries that only read, such as SELECT"
    }
}
