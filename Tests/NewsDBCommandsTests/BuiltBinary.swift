import Foundation

/// Runs the `newsdb` executable that SwiftPM built beside the test runner, as a user would.
struct BuiltBinary {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    let url: URL

    /// `$NEWSDB_BINARY` when set, else `newsdb` in the folder of the running test bundle.
    static func locate() throws -> BuiltBinary {
        if let explicit = ProcessInfo.processInfo.environment["NEWSDB_BINARY"] {
            return BuiltBinary(url: URL(fileURLWithPath: explicit))
        }
        var candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        candidates.append(Bundle.main.bundleURL)
        for folder in candidates {
            let binary = folder.appendingPathComponent("newsdb")
            if FileManager.default.isExecutableFile(atPath: binary.path) { return BuiltBinary(url: binary) }
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "newsdb next to \(candidates.map(\.path))"])
    }

    @discardableResult
    func run(_ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:], input: Data? = nil) throws -> Result {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        var fullEnvironment = ProcessInfo.processInfo.environment
        fullEnvironment.removeValue(forKey: "NEWSDB_PATH")
        fullEnvironment.merge(environment) { $1 }
        process.environment = fullEnvironment
        let output = Pipe()
        let errors = Pipe()
        let inputPipe = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = inputPipe
        try process.run()
        if let input { inputPipe.fileHandleForWriting.write(input) }
        try inputPipe.fileHandleForWriting.close()
        // Read both pipes before waiting, so a large output cannot fill a pipe and block the child.
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self)
        )
    }
}

/// The summary `newsdb ingest --json` prints when a run ends.
struct IngestSummary: Decodable {
    let run: Int
    let added: Int
    let duplicates: Int
    let rejected: Int
    let records: Int
    let already_loaded_files: Int
    let skipped_archive_records: [String: Int]
    let indexes_left_to_build: [String]
}

extension BuiltBinary {
    /// `newsdb ingest --db DB --json --quiet ARGUMENTS…`: the process's result, and its summary when it printed one.
    func ingest(_ arguments: [String], db: String, input: Data? = nil) throws -> (result: Result, summary: IngestSummary?) {
        let result = try run(["ingest", "--db", db, "--json", "--quiet"] + arguments, input: input)
        return (result, try? JSONDecoder().decode(IngestSummary.self, from: Data(result.stdout.utf8)))
    }

    /// The first value of the first row a `newsdb sql` query returns, as CSV text ("" when none).
    func scalar(db: String, _ query: String) throws -> String {
        let result = try run(["sql", "--db", db, "--format", "csv", query])
        return result.stdout.split(separator: "\r\n").dropFirst().first.map(String.init) ?? ""
    }
}

/// A temporary folder removed when the test ends.
struct ScratchFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("newsdb-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Running `newsdb ingest` in the background, for the tests that interrupt it or read beside it.
extension BuiltBinary {
    /// Starts the binary without waiting; stdout is discarded, stderr goes to `errors` when given.
    func start(_ arguments: [String], errors: Pipe? = nil) throws -> Process {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.standardError = errors ?? FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// The number of articles committed so far, read by another process as a user would.
    func articleCount(db: String) throws -> Int {
        let csv = try run(["sql", "--db", db, "--format", "csv", "SELECT count(*) FROM articles"]).stdout
        return Int(csv.split(separator: "\r\n").last ?? "0") ?? 0
    }

    /// Polls until `target` articles are committed, the process ends, or a minute passes.
    @discardableResult
    func waitForArticles(_ target: Int, db: String, while process: Process) throws -> Int {
        let deadline = Date().addingTimeInterval(60)
        var committed = try articleCount(db: db)
        while committed < target, process.isRunning, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.01)
            committed = try articleCount(db: db)
        }
        return committed
    }
}

/// Small test pages, one story each, numbered so every page is distinct.
enum TestPages {
    static func write(count: Int, into folder: URL, about word: String) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for number in 0..<count {
            let page = """
                Test story number \(number) about the \(word)
                March 12, 2025

                The \(word) committee in test town \(number) met on Tuesday to discuss item number \(number) and its fees.
                """
            try page.write(to: folder.appendingPathComponent(String(format: "%05d.txt", number)), atomically: false, encoding: .utf8)
        }
    }
}
