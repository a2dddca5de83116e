import Foundation
import Testing

/// What sits at an export's target is never harmed, and no printed output is lost without an error.
@Suite("Exports and printed output never lose or overwrite silently")
struct OutputSafetyTests {
    /// A database with SampleData's pages in it.
    static func loaded(_ newsdb: BuiltBinary, _ scratch: ScratchFolder) throws -> String {
        let db = scratch.path("news.db")
        let result = try newsdb.run(["ingest", "--db", db, "--quiet", IngestCommandTests.sample("pages")])
        #expect(result.status == 0, "\(result.stderr)")
        return db
    }

    /// Runs a shell line (for `ulimit` and redirections), returning its exit status and standard error.
    static func shell(_ line: String) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", line]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    static func leftovers(in scratch: ScratchFolder) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).filter { $0.contains(".newsdb-") }
    }

    @Test func exportReplacesARegularFileAndKeepsItsMode() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let db = try Self.loaded(newsdb, scratch)
        let out = scratch.path("dump.sql")
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: out))
        chmod(out, 0o600)
        let result = try newsdb.run(["export", "--db", db, "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.hasPrefix("-- newsdb export for sqlite3"))
        let mode = try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try Self.leftovers(in: scratch).isEmpty)
    }

    @Test func exportRefusesSymlinksAndDirectoriesAndLeavesThemAlone() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let db = try Self.loaded(newsdb, scratch)
        let kept = scratch.path("kept.txt")
        try Data("keep me\n".utf8).write(to: URL(fileURLWithPath: kept))
        let link = scratch.path("link.sql")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: kept)

        let linked = try newsdb.run(["export", "--db", db, "--out", link])
        #expect(linked.status == 1)
        #expect(linked.stderr.contains("symbolic link"))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == kept)
        #expect(try String(contentsOfFile: kept, encoding: .utf8) == "keep me\n")

        let folder = try newsdb.run(["export", "--db", db, "--out", scratch.url.path])
        #expect(folder.status == 1)
        #expect(folder.stderr.contains("is a directory"))
    }

    @Test func exportWritesStraightToDevices() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let db = try Self.loaded(newsdb, scratch)
        let null = try newsdb.run(["export", "--db", db, "--format", "jsonl", "--out", "/dev/null"])
        #expect(null.status == 0, "\(null.stderr)")
        let status = try FileManager.default.attributesOfItem(atPath: "/dev/null")[.type] as? FileAttributeType
        #expect(status == .typeCharacterSpecial)

        let full = try newsdb.run(["export", "--db", db, "--out", "/dev/full"])
        #expect(full.status == 1)
        #expect(full.stderr.contains("/dev/full") && full.stderr.contains("no space left"))
    }

    @Test func exportPastAFileSizeLimitFailsAndLeavesTheOldFile() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let db = try Self.loaded(newsdb, scratch)
        let out = scratch.path("dump.sql")
        try Data("the previous export\n".utf8).write(to: URL(fileURLWithPath: out))
        // 64 blocks of 512 bytes: the database opens, the export (about 100 KB) cannot be written whole.
        let result = try Self.shell("ulimit -f 64; '\(newsdb.url.path)' export --db '\(db)' --out '\(out)'")
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("cannot write \(out)"))
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "the previous export\n")
        #expect(try Self.leftovers(in: scratch).isEmpty)
    }

    @Test(arguments: [["search", "harbour"], ["sql", "SELECT title FROM articles"], ["stats"], ["show", "1"], ["entities"]])
    func printingToAFullDiskIsAnError(arguments: [String]) throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let db = try Self.loaded(newsdb, scratch)
        let command = ([arguments[0], "--db", db] + arguments.dropFirst()).map { "'\($0)'" }.joined(separator: " ")
        let result = try Self.shell("'\(newsdb.url.path)' \(command) > /dev/full")
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot write to standard output"))
    }

    @Test func aReaderThatGoesAwayIsNoError() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let db = try Self.loaded(newsdb, scratch)
        let result = try Self.shell("'\(newsdb.url.path)' export --db '\(db)' --format jsonl | head -c 10 > /dev/null; exit ${PIPESTATUS:-0}")
        #expect(result.stderr.isEmpty || !result.stderr.contains("Error"), "\(result.stderr)")
    }
}
