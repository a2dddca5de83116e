import ArgumentParser
import Foundation
import Testing
@testable import NewsDBCommands

@Suite("Documentation stays true")
struct DocumentationTests {
    static let readme: String = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    @Test func everyCommandHasAnAbstractAndAppearsInTheReadme() {
        for command in NewsDB.configuration.subcommands {
            let configuration = command.configuration
            let name = configuration.commandName ?? String(describing: command).lowercased()
            #expect(!configuration.abstract.isEmpty, "\(name) has no abstract")
            #expect(Self.readme.contains("`newsdb \(name)"), "README does not document newsdb \(name)")
        }
    }

    @Test func readmeStartsWithMakeDemoAndMakeTest() {
        let quickStart = Self.readme.components(separatedBy: "## Quick start").dropFirst().first ?? ""
        let firstBlock = quickStart.components(separatedBy: "```").dropFirst().first ?? ""
        #expect(firstBlock.contains("make demo"))
        #expect(firstBlock.contains("make test"))
    }
}
