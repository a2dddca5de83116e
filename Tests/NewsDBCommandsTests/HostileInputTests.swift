import Foundation
import Testing

/// Dumps built to hurt: huge lines, deep nesting, absurdly wide rows, compression bombs, a file
/// size limit that stops the writes, a million tiny files. Each must end in clear rejects or a
/// clear error, with memory bounded and the database valid.
@Suite("Hostile input and a full disk")
struct HostileInputTests {
    static let slowTestsEnabled = ProcessInfo.processInfo.environment["NEWSDB_SLOW_TESTS"] != nil

    @Test func hostileDumpsAreRejectedWithinBoundedMemory() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let folder = scratch.url.appendingPathComponent("dumps")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let good = Data("{\"title\": \"Good\", \"text\": \"A good line of text that is long enough to keep as an article.\"}\n".utf8)

        // A 100 MB single line, then a good one.
        let longLine = folder.appendingPathComponent("long-line.jsonl")
        FileManager.default.createFile(atPath: longLine.path, contents: nil)
        let handle = try FileHandle(forWritingTo: longLine)
        try handle.write(contentsOf: Data("{\"text\": \"".utf8))
        let chunk = Data(repeating: UInt8(ascii: "w"), count: 1_000_000)
        for _ in 0..<100 { try handle.write(contentsOf: chunk) }
        try handle.write(contentsOf: Data("\"}\n".utf8) + good)
        try handle.close()

        // JSON nested a hundred thousand levels deep, then a good line.
        let nested = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        try (Data("{\"text\": \(nested)}\n".utf8) + good).write(to: folder.appendingPathComponent("nested.jsonl"))

        // A CSV row of two million columns, one of a hundred million, and one whose quote never
        // closes over 20 MB.
        let wide = "title,text\nGood,\"A fine body for the first row, long enough to keep.\"\n" + String(repeating: ",", count: 2_000_000) + "\n"
        try Data(wide.utf8).write(to: folder.appendingPathComponent("wide.csv"))
        let commas = folder.appendingPathComponent("commas.csv")
        FileManager.default.createFile(atPath: commas.path, contents: Data("title,text\n".utf8))
        let commasHandle = try FileHandle(forWritingTo: commas)
        try commasHandle.seekToEnd()
        let commaChunk = Data(repeating: UInt8(ascii: ","), count: 1_000_000)
        for _ in 0..<100 { try commasHandle.write(contentsOf: commaChunk) }
        try commasHandle.close()
        var unbalanced = Data("title,text\nGood,\"A fine body for the second file, long enough to keep.\"\nBad,\"never closed ".utf8)
        unbalanced.append(Data(repeating: UInt8(ascii: "x"), count: 20_000_000))
        try unbalanced.write(to: folder.appendingPathComponent("unbalanced.csv"))

        // A gzip bomb: 200 MB of one letter without a line break, a few hundred KB compressed.
        let bomb = scratch.url.appendingPathComponent("bomb.jsonl")
        FileManager.default.createFile(atPath: bomb.path, contents: nil)
        let bombHandle = try FileHandle(forWritingTo: bomb)
        for _ in 0..<200 { try bombHandle.write(contentsOf: chunk) }
        try bombHandle.close()
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        gzip.arguments = ["-c", "gzip -1 -c \"$0\" > \"$1\"", bomb.path, folder.appendingPathComponent("bomb.jsonl.gz").path]
        try gzip.run()
        gzip.waitUntilExit()
        #expect(gzip.terminationStatus == 0)

        let db = scratch.path("news.db")
        let run = try newsdb.runMeasured(["ingest", "--db", db, "--quiet", folder.path])
        #expect(run.status == 0)
        // Well under the 300 MB bar, although the inputs hold 100, 20 and 200 MB records.
        #expect(run.peakMemoryMB < 300, "peak memory \(run.peakMemoryMB) MB")
        let rejects = try newsdb.run(["rejects", "--db", db, "--format", "csv"]).stdout
        for (origin, reason) in [
            ("long-line.jsonl:1", "too large"), ("nested.jsonl:1", "nested too deeply"), ("wide.csv:3", "fields"),
            ("commas.csv:2", "longer than 8 MB"), ("unbalanced.csv:3", "unclosed quote"), ("bomb.jsonl.gz:1", "too large"),
        ] {
            #expect(rejects.split(separator: "\r\n").contains { $0.contains(origin) && $0.contains(reason) },
                    "no reject for \(origin) with \(reason) in\n\(rejects)")
        }
        // Every good record around them is loaded (the two JSON lines are one article: same words).
        #expect(try newsdb.scalar(db: db, "SELECT count(*) FROM articles") == "3")
        #expect(try newsdb.scalar(db: db, "PRAGMA integrity_check") == "ok")
    }

    /// A file size limit (ulimit -f) makes writes fail as a full disk does.
    @Test func fullDiskStopsTheLoadClearlyAndTheDatabaseStaysValid() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let folder = scratch.url.appendingPathComponent("pages")
        let count = 1500
        try TestPages.write(count: count, into: folder, about: "reservoir")
        let db = scratch.path("news.db")
        try newsdb.run(["init", "--db", db])

        let limited = Process()
        limited.executableURL = URL(fileURLWithPath: "/bin/sh")
        // 2 MB in 512-byte blocks: room for the first batches, not for all of them.
        limited.arguments = ["-c", "ulimit -f 4096 && exec \"$0\" \"$@\"", newsdb.url.path,
                             "ingest", "--db", db, "--quiet", "--batch", "100", folder.path]
        let errors = Pipe()
        limited.standardError = errors
        limited.standardOutput = FileHandle.nullDevice
        try limited.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        limited.waitUntilExit()
        #expect(limited.terminationStatus == 1)
        #expect(message.contains("rolled back and the database is intact"), "\(message)")

        let stored = Int(try newsdb.scalar(db: db, "SELECT count(*) FROM articles")) ?? -1
        #expect(stored >= 0 && stored < count)
        #expect(try newsdb.scalar(db: db, "PRAGMA integrity_check") == "ok")
        #expect(try newsdb.scalar(db: db, "SELECT status FROM ingest_runs") == "failed")

        // With room again, the same command finishes the job.
        let rerun = try newsdb.run(["ingest", "--db", db, "--quiet", folder.path])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(try newsdb.scalar(db: db, "SELECT count(*) FROM articles") == String(count))
        let fts = try newsdb.run(["sql", "--db", db, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'reservoir'"])
        #expect(fts.stdout.contains(String(count)))
    }

    /// Slow (about a minute and 4 GB of inodes): run by `make test-all`.
    @Test(.enabled(if: slowTestsEnabled)) func aMillionTinyFilesLoadInBoundedMemory() throws {
        let newsdb = try BuiltBinary.locate()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let count = 1_000_000
        for folderNumber in 0..<(count / 10_000) {
            let folder = scratch.url.appendingPathComponent(String(format: "pages/%03d", folderNumber))
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for number in 0..<10_000 {
                let id = folderNumber * 10_000 + number
                try Data("Tiny note \(id)\n\nItem \(id) was filed.\n".utf8).write(to: folder.appendingPathComponent("\(number).txt"))
            }
        }
        let db = scratch.path("news.db")
        let run = try newsdb.runMeasured(["ingest", "--db", db, "--quiet", scratch.url.appendingPathComponent("pages").path])
        #expect(run.status == 0)
        #expect(run.peakMemoryMB < 300, "peak memory \(run.peakMemoryMB) MB")
        #expect(try newsdb.scalar(db: db, "SELECT count(*) FROM articles") == String(count))
    }
}

extension BuiltBinary {
    struct MeasuredRun {
        let status: Int32
        let peakMemoryMB: Int
    }

    /// Runs the binary with output discarded and returns its exit status and peak resident memory,
    /// from wait4's resource usage for exactly that child.
    func runMeasured(_ arguments: [String]) throws -> MeasuredRun {
        var pid: pid_t = 0
        let argv = ([url.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let spawned = posix_spawn(&pid, url.path, &actions, nil, argv, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return MeasuredRun(status: exitStatus, peakMemoryMB: usage.ru_maxrss / 1024)
    }
}
