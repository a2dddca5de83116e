import Foundation
import Testing

/// HTML pages and web archives loaded from the built binary, as a user would.
@Suite("newsdb ingest of HTML pages and web archives")
struct ArchiveCommandTests {
    func ingest(_ newsdb: BuiltBinary, _ arguments: [String], db: String) throws -> IngestSummary {
        let (result, summary) = try newsdb.ingest(arguments, db: db)
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(summary)
    }

    @Test func archiveLoadsOneArticlePerPageWithTheSameBodiesAsThePages() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let fromArchive = scratch.path("archive.db")
        let summary = try ingest(newsdb, [IngestCommandTests.sample("archives/pages.warc.gz")], db: fromArchive)
        #expect(summary.added == 5)
        #expect(summary.rejected == 0)
        #expect(summary.skipped_archive_records == ["warcinfo": 1, "request": 5, "metadata": 5, "non-HTML response": 1])
        #expect(try newsdb.scalar(db: fromArchive, "SELECT count(*) FROM articles WHERE url LIKE 'https://%' AND captured LIKE '2025-06-20%'") == "5")

        let fromPages = scratch.path("pages.db")
        #expect(try ingest(newsdb, [IngestCommandTests.sample("html")], db: fromPages).added == 5)
        let bodies = "SELECT group_concat(lead || body, '|') FROM (SELECT lead, body FROM articles ORDER BY lead)"
        #expect(try newsdb.scalar(db: fromArchive, bodies) == newsdb.scalar(db: fromPages, bodies))

        // Read again (as after a killed run), the archive adds nothing twice.
        let again = try ingest(newsdb, ["--recheck", IngestCommandTests.sample("archives/pages.warc.gz")], db: fromArchive)
        #expect(again.added == 0)
        #expect(again.duplicates == 5)
    }

    @Test func truncatedArchiveKeepsItsWholeRecordsAndRejectsTheRestWithItsOffset() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        // Cut the inflated archive inside its last page's response, as a crawl stopped mid-write leaves it.
        let archive = try Data(contentsOf: IngestCommandTests.sampleData.appendingPathComponent("archives/pages.warc.gz"))
        let gunzip = Process()
        gunzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        let inflated = scratch.path("whole.warc")
        try archive.write(to: URL(fileURLWithPath: scratch.path("whole.warc.gz")))
        gunzip.arguments = ["-c", "gzip -dc '\(scratch.path("whole.warc.gz"))' > '\(inflated)'"]
        try gunzip.run()
        gunzip.waitUntilExit()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: inflated))
        let cut = scratch.path("cut.warc")
        try bytes.prefix(bytes.count * 3 / 4).write(to: URL(fileURLWithPath: cut))

        let db = scratch.path("news.db")
        let summary = try ingest(newsdb, [cut], db: db)
        #expect(summary.added >= 1 && summary.added < 5)
        #expect(summary.rejected == 1)
        let reason = try newsdb.run(["rejects", "--db", db]).stdout
        #expect(reason.contains("cut.warc#"))
        #expect(reason.contains("byte"))
        #expect(reason.contains("truncated"))
    }

    @Test func parseReadsAGzippedHTMLPage() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let page = try Data(contentsOf: IngestCommandTests.sampleData.appendingPathComponent("html/01.html"))
        let gzipped = scratch.path("01.html")
        try page.write(to: URL(fileURLWithPath: gzipped))
        let zip = Process()
        zip.executableURL = URL(fileURLWithPath: "/bin/sh")
        zip.arguments = ["-c", "gzip '\(gzipped)'"]
        try zip.run()
        zip.waitUntilExit()
        let result = try newsdb.run(["parse", gzipped + ".gz", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["title"] as? String == "Cracks found in Elbmark bridge force lorry ban")
        #expect(json["url"] as? String == "https://nordkurierabendblatt.example/news/bridge")
        #expect((json["paragraphs"] as? [String])?.count == 5)
    }
}
