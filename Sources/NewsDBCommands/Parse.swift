import ArgumentParser
import Foundation
import NewsIngest
import NewsPage

extension NewsDB {
    /// `newsdb parse`: show what the page parser makes of saved pages, without a database.
    struct Parse: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "parse",
            abstract: "Parse saved news pages and print the normalised articles.",
            discussion: """
                With --json, prints one JSON object per page, one per line (the contract in ARCHITECTURE.md).
                Without it, prints the fields, the body and every removed line with its rule.
                With --explain, prints every line of the page with its zone (header, body, trailer), the rule
                that removed it (or "kept"), its shape, its weight in words, its score for the article region
                and any other evidence, to see why the parser decided as it did.
                HTML pages (found by their content, gzip'd or not) are read through their DOM: the page's own
                JSON-LD and meta tags first, then the article's container, then the same rules as for text.
                Example: newsdb parse SampleData/pages/01.txt --json
                """
        )

        @Flag(help: "Print one JSON object per page.")
        var json = false

        @Flag(help: "Print every line with its zone, rule and evidence.")
        var explain = false

        @Argument(help: "Saved pages: text or HTML, gzip'd or not.", completion: .file())
        var files: [String]

        func run() throws {
            var failures = 0
            for file in files {
                let page: ParsedPage
                do {
                    page = try PageFile.parse(try PageFile.readBytes(path: file), origin: file, explain: explain)
                    if let lines = page.tooLong {
                        throw PageFile.ReadError(path: file, reason: "page too long: \(lines) lines (pages of more than \(PageParser.maximumLines) lines are not read)")
                    }
                } catch {
                    FileHandle.standardError.write(Data("newsdb parse: \(error)\n".utf8))
                    failures += 1
                    continue
                }
                if explain {
                    print(ParsedPageExplanation.render(page, json: json), terminator: "")
                } else {
                    let article = ArticleAssembly.article(from: page)
                    print(json ? ParsedPageJSON.render(page, as: article) : ParsedPageText.render(page, as: article))
                }
            }
            if failures > 0 { throw ExitCode.failure }
        }
    }
}
