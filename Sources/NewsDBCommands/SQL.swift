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

        @Argument(help: "One SQL statement; ? placeholders take the --param values in order.")
        var query: String

        @Option(name: .customLong("param"), help: "A value bound to the next ? (repeatable; numbers bind as numbers).")
        var params: [String] = []

        @Option(name: .customLong("max-rows"), help: "Stop after this many rows, with a note on stderr.")
        var maxRows: Int = 100_000

        @Option(help: "Stop a query running longer than this many seconds.")
        var timeout: Double = 10

        func validate() throws {
            try NumericLimits.count(maxRows, "--max-rows", least: 1)
            try NumericLimits.timeout(timeout)
        }

        func run() throws {
            let connection = try database.openReadOnly()
            connection.allowOnlyReads()
            let statement: Statement
            do {
                statement = try connection.prepare(query)
            } catch let error as SQLiteError where error.code == .readOnly || error.code == .auth {
                throw ReadOnlyRefusal(message: error.message)
            }
            guard statement.isReadOnly else {
                throw ReadOnlyRefusal(message: "the statement would change the database")
            }
            var rows: [Row] = []
            do {
                try statement.bind(params.map(Self.value))
                try connection.withTimeout(timeout) {
                    while let row = try statement.step() {
                        if rows.count == maxRows {
                            Terminal.printError("newsdb sql: stopped after --max-rows \(maxRows) rows; raise it to see more")
                            break
                        }
                        rows.append(row)
                    }
                }
            } catch let error as SQLiteError where error.code == .readOnly || error.code == .auth {
                throw ReadOnlyRefusal(message: error.message)
            }
            print(RowRenderer.render(columns: statement.columnNames, rows: rows, as: format), terminator: "")
            if format == .table, rows.contains(where: { $0.values.contains { RowRenderer.isCut($0) } }) {
                Terminal.printError("newsdb sql: cells longer than \(RowRenderer.tableCellCharacters) characters are cut in a table; --format csv or json shows them whole")
            }
        }
    }
}

extension NewsDB.SQL {
    /// "42" binds as an integer, "4.2" as a real, anything else as text.
    static func value(_ text: String) -> SQLValue {
        if let integer = Int64(text) { return .integer(integer) }
        if let real = Double(text), text.contains(".") { return .real(real) }
        return .text(text)
    }
}

/// The message a user sees when `newsdb sql` is given a statement that writes.
struct ReadOnlyRefusal: Error, CustomStringConvertible {
    let message: String

    var description: String {
        "newsdb sql is read-only (\(message)); it runs queries that only read, such as SELECT"
    }
}
