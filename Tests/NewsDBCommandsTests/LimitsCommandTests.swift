import Foundation
import Testing

/// Numeric options, time limits, table cells, read-only folders, foreign files and first runs.
@Suite("Limits and errors say what happened")
struct LimitsCommandTests {
    static func loaded(_ newsdb: BuiltBinary, _ scratch: ScratchFolder) throws -> String {
        try OutputSafetyTests.loaded(newsdb, scratch)
    }

    @Test(arguments: [
        ["search", "harbour", "--limit", "9223372036854775807"], ["search", "harbour", "--offset", "9223372036854775807"],
        ["search", "harbour", "--timeout", "nan"], ["search", "harbour", "--timeout=-1"], ["search", "harbour", "--timeout", "inf"],
        ["sql", "SELECT 1", "--timeout", "nan"], ["sql", "SELECT 1", "--max-rows", "0"], ["quotes", "--limit=-3"],
        ["entities", "--top", "9223372036854775807"], ["ingest", "--max-record-mb", "9223372036854775807", "x"],
    ])
    func outOfRangeNumbersAreMisuseNotCrashes(arguments: [String]) throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let db = try Self.loaded(newsdb, scratch)
        let result = try newsdb.run([arguments[0], "--db", db] + arguments.dropFirst())
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains("must be"), "\(result.stderr)")
    }

    @Test func tableCellsAreCutAndSaidSo() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let db = try Self.loaded(newsdb, scratch)
        let result = try newsdb.run(["sql", "--db", db, "SELECT printf('%.*c', 100000, 'x') AS wide"])
        #expect(result.status == 0)
        #expect(result.stdout.count < 2_000)
        #expect(result.stderr.contains("cut in a table"))
        let csv = try newsdb.run(["sql", "--db", db, "--format", "csv", "SELECT printf('%.*c', 100000, 'x') AS wide"])
        #expect(csv.stdout.count > 100_000)
    }

    @Test func anotherProgramsDatabaseIsRefusedAndLeftUntouched() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") else { return }
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let db = scratch.path("notes.db")
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [db, "CREATE TABLE notes (x); INSERT INTO notes VALUES (1);"]
        try sqlite.run()
        sqlite.waitUntilExit()
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let result = try newsdb.run(["ingest", "--db", db, IngestCommandTests.sample("dumps/articles.csv")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("another program's SQLite database"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
        #expect(!FileManager.default.fileExists(atPath: db + "-wal"))
    }

    @Test func twoFirstRunsOnANewFileBothSucceed() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        for round in 0..<5 {
            let db = scratch.path("race-\(round).db")
            let first = try newsdb.start(["init", "--db", db])
            let second = try newsdb.run(["init", "--db", db])
            first.waitUntilExit()
            #expect(first.terminationStatus == 0)
            #expect(second.status == 0, "\(second.stderr)")
            #expect(try newsdb.scalar(db: db, "SELECT count(*) FROM schema_migrations WHERE version = 1") == "1")
        }
    }

    @Test func aDatabaseInAFolderNobodyMayWriteCanStillBeSearched() throws {
        // Root ignores permissions: the search runs as nobody, when the tests run as root.
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser") else { return }
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer {
            chmod(scratch.url.path, 0o755)
            scratch.remove()
        }
        let db = try Self.loaded(newsdb, scratch)
        chmod(scratch.url.path, 0o555)
        chmod(FileManager.default.temporaryDirectory.path, 0o1777)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
        process.arguments = ["-u", "nobody", "--", newsdb.url.path, "search", "--db", db, "harbour", "--limit", "1"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // The binary may sit where nobody cannot reach it (a home folder): then there is nothing to check.
        if text.contains("Permission denied") && !text.contains("news.db") { return }
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("harbour") || text.contains("Harbour"), "\(text)")
    }
}
