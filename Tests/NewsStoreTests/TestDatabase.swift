import Foundation
@testable import NewsStore

/// A fresh database file from the real migrations, in its own temporary folder.
struct TestDatabase {
    let folder: URL
    let path: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("newsdb-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent("test.db").path
    }

    func open() throws -> Connection {
        try NewsDatabase.open(path: path)
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }
}

func sampleArticle(
    title: String? = "Harbour council approves new ferry timetable",
    paragraphs: [String] = [
        "The Lindqvist harbour council voted on Tuesday to add three evening ferry crossings.",
        "Councillor Mara Okonjo said the change would \"ease the evening crush\" for commuters.",
    ],
    origin: String = "test.txt"
) -> Article {
    Article(
        source: "The Coastal Ledger", aggregator: "Daily Brief Hub", title: title, byline: "By Ana Ruiz",
        published: "2025-03-12", captured: "2025-03-13", credits: ["AP", "AFP"], paragraphs: paragraphs,
        entities: [
            Entity(name: "Mara Okonjo", type: .person, aliases: ["Okonjo"], mentions: 2, firstOffset: 100),
            Entity(name: "Lindqvist", type: .place),
        ],
        quotes: [Quote(text: "ease the evening crush", speaker: "Mara Okonjo", partial: true, position: 140)],
        origin: origin
    )
}
