import ArgumentParser
import NewsStore

extension NewsDB {
    /// `newsdb entities`: people, organisations and places by the number of articles naming them.
    struct Entities: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "entities",
            abstract: "List people, organisations and places with their article counts.",
            discussion: "QUERY searches names and aliases. Example: newsdb entities --type person --top 20"
        )

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "Words to find in names and aliases.")
        var query: String = ""

        @Option(help: "person, organization or place.", completion: .list(["person", "organization", "place"]))
        var type: String?

        @Option(help: "How many to list.")
        var top: Int = 20

        @Option(help: "table, csv, json or jsonl.")
        var format: OutputFormat = .table

        func validate() throws {
            try NumericLimits.count(top, "--top", least: 1)
            if let type, Entity.Kind(rawValue: type == "org" ? "organization" : type) == nil {
                throw ValidationError("--type must be person, organization or place")
            }
        }

        func run() throws {
            let parsed = query.isEmpty ? nil : try QueryText.parse(query)
            let connection = try database.openReadOnly()
            let kind = type.flatMap { Entity.Kind(rawValue: $0 == "org" ? "organization" : $0) }
            let counts = try EntityQueries.top(matching: parsed, type: kind, limit: top, in: connection)
            let rows = counts.map { count in
                Row(values: [.integer(count.id), .text(count.name), .text(count.type.rawValue), .integer(Int64(count.articles)),
                             .text(count.aliases.joined(separator: "; "))])
            }
            // Aliases are an array in JSON, as in `show`; "; "-separated in tables and CSV.
            let columns = ["id", "name", "type", "articles", "aliases"]
            print(RowRenderer.render(columns: columns, rows: rows, as: format, shapes: ["aliases": .list(separator: "; ")]), terminator: "")
        }
    }
}
