import Foundation
import NewsStore
import Testing
@testable import NewsIngest

/// A byte stream over memory, handing out small chunks to exercise the chunk boundaries.
final class MemoryStream: ByteStream {
    private var bytes: [UInt8]
    private let chunk: Int

    init(_ text: String, chunk: Int = 7) {
        bytes = Array(text.utf8)
        self.chunk = chunk
    }

    func read(maximum: Int) throws -> [UInt8] {
        let count = min(maximum, chunk, bytes.count)
        defer { bytes.removeFirst(count) }
        return Array(bytes[0..<count])
    }
}

@Suite("Dump readers")
struct DumpReaderTests {
    /// Field values and names are trimmed without Foundation, exactly as Foundation's sets would.
    @Test func fieldTrimmingAgreesWithFoundation() {
        for value in 0..<0x3100 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "\(scalar)a\(scalar)b\(scalar)"
            #expect(text.trimmedWhitespaceAndNewlines() == text.trimmingCharacters(in: .whitespacesAndNewlines), "U+\(String(value, radix: 16))")
            #expect(text.trimmedWhitespace() == text.trimmingCharacters(in: .whitespaces), "U+\(String(value, radix: 16))")
        }
        for text in ["", "   ", "\n\t x \r\n", "e\u{301} ", " \u{301}a", "\u{3000}Zürich\u{2028}", "a"] {
            #expect(text.trimmedWhitespaceAndNewlines() == text.trimmingCharacters(in: .whitespacesAndNewlines))
            #expect(text.trimmedWhitespace() == text.trimmingCharacters(in: .whitespaces))
        }
    }

    @Test func csvHandlesQuotedCommasQuotesAndNewlines() throws {
        let reader = CSVReader(source: MemoryStream("title,body\r\n\"A, B\",\"He said \"\"hi\"\"\nand left\"\r\nplain,text\n"), separator: 44, limit: 1000)
        guard case .fields(let first, let line) = try #require(try reader.next()) else { Issue.record("not fields"); return }
        #expect(first == ["title": "A, B", "body": "He said \"hi\"\nand left"])
        #expect(line == 2)
        guard case .fields(let second, let secondLine) = try #require(try reader.next()) else { Issue.record("not fields"); return }
        #expect(second == ["title": "plain", "body": "text"])
        #expect(secondLine == 4)
        #expect(try reader.next() == nil)
    }

    @Test func csvReportsAnUnclosedQuoteWithItsLine() throws {
        let reader = CSVReader(source: MemoryStream("title,body\nok,fine\n\"never closed,body\nmore\n"), separator: 44, limit: 1000)
        _ = try reader.next()
        guard case .malformed(let line, let reason, _) = try #require(try reader.next()) else { Issue.record("not malformed"); return }
        #expect(line == 3)
        #expect(reason.contains("unclosed quote"))
    }

    @Test func jsonLineErrorsNameTheColumn() {
        #expect(throws: JSONLine.SyntaxError(column: 14, reason: "expected true")) { try JSONLine.fields(Array("{\"a\": 1, \"b\":tru}".utf8)) }
        #expect(throws: JSONLine.SyntaxError.self) { try JSONLine.fields(Array("[1, 2]".utf8)) }
        #expect(throws: JSONLine.SyntaxError.self) { try JSONLine.fields(Array("{\"a\": \"open".utf8)) }
    }

    @Test func jsonLineFlattensArraysObjectsAndEscapes() throws {
        let fields = try JSONLine.fields(Array(#"{"authors": ["Ana Ruiz", "Tom Berg"], "source": {"name": "Valley Gazette"}, "text": "caf\u00e9 \ud83d\ude00\n", "n": 3, "x": null}"#.utf8))
        #expect(fields["authors"] == "Ana Ruiz, Tom Berg")
        #expect(fields["source"] == "Valley Gazette")
        #expect(fields["text"] == "café 😀\n")
        #expect(fields["n"] == "3")
        #expect(fields["x"] == nil)
    }

    @Test func jsonArrayIsSplitIntoObjectsAcrossChunks() throws {
        let text = """
            [ {"title": "A, [b]", "text": "x \\\\" } ,
              {"title": "C", "nested": {"list": [1, {"k": "}"}]}},
              "a string", 42,
              {"title": "\(String(repeating: "y", count: 300))"},
              {"title": "last"} ]
            """
        let reader = JSONArrayReader(source: MemoryStream(text, chunk: 5), limit: 200)
        var seen: [String] = []
        while let element = try reader.next() {
            switch element {
            case .object(let bytes, let number, let line): seen.append("\(number)@\(line) " + String(decoding: bytes, as: UTF8.self))
            case .malformed(let number, let line, let reason): seen.append("\(number)@\(line) ! " + reason)
            }
        }
        #expect(seen == [
            #"1@1 {"title": "A, [b]", "text": "x \\" }"#,
            #"2@2 {"title": "C", "nested": {"list": [1, {"k": "}"}]}}"#,
            "3@3 ! array element is not a JSON object",
            "4@3 ! array element is not a JSON object",
            "5@4 ! record too large: 0 MB (limit 0 MB; raise --max-record-mb)",
            #"6@5 {"title": "last"}"#,
        ])
    }

    @Test func jsonArrayCutShortIsOneRejectAfterTheWholeRecords() throws {
        let reader = JSONArrayReader(source: MemoryStream("[{\"a\": 1}, {\"b\": \"unfinished", chunk: 3), limit: 1000)
        guard case .object(_, 1, 1) = try #require(try reader.next()) else { Issue.record("first"); return }
        guard case .malformed(2, 1, let reason) = try #require(try reader.next()) else { Issue.record("second"); return }
        #expect(reason.contains("cut short"))
        #expect(try reader.next() == nil)
    }

    @Test(arguments: [("[{\"a\":1}]", true), ("  [\n {", true), ("[]", true), ("[Updated] Ferry", false), ("{\"a\":1}", false)])
    func jsonArraysAreRecognised(text: String, isArray: Bool) {
        #expect(DumpFormat.opensJSONArray(Array(text.utf8)[...]) == isArray)
    }

    @Test func longLinesAreSkippedNotHeld() throws {
        let reader = LineReader(source: MemoryStream("short\n" + String(repeating: "x", count: 500) + "\nafter\n", chunk: 64), limit: 100)
        guard case .text(let first, 1) = try #require(try reader.next()) else { Issue.record("first"); return }
        #expect(first == Array("short".utf8))
        guard case .tooLong(2, 500) = try #require(try reader.next()) else { Issue.record("second"); return }
        guard case .text(let third, 3) = try #require(try reader.next()) else { Issue.record("third"); return }
        #expect(third == Array("after".utf8))
    }

    @Test(arguments: [
        ("{\"title\": \"x\"}\n", DumpFormat.jsonl),
        ("title,text,url\nA,B,C\n", .csv),
        ("title\ttext\nA\tB\n", .tsv),
        ("THE RIVERSIDE BULLETIN\nJun 2, 2025\n", .page),
    ])
    func formatsAreSniffed(text: String, format: DumpFormat) {
        #expect(DumpFormat.sniff(Array(text.utf8)) == format)
    }

    @Test func fieldsBecomeAnArticleWithDatesAndParagraphs() throws {
        let article = try FieldMapping.article(from: [
            "headline": "Ferry timetable changes", "maintext": "First paragraph here.\n\nSecond paragraph here.",
            "source_domain": "coastal-ledger.example", "date_publish": "2025-03-12 14:05:00", "authors": "Ana Ruiz",
        ], origin: "x:1").get()
        #expect(article.title == "Ferry timetable changes")
        #expect(article.paragraphs == ["First paragraph here.", "Second paragraph here."])
        #expect(article.source == "coastal-ledger.example")
        #expect(article.published == "2025-03-12T14:05:00")
        #expect(article.byline == "Ana Ruiz")
    }

    @Test func recordWithoutTextIsRefusedWithTheFieldsItHad() {
        let result = FieldMapping.article(from: ["title": "Only a title", "url": "u"], origin: "x:2")
        guard case .failure(let failure) = result else { Issue.record("accepted"); return }
        #expect(failure.description.contains("no article text"))
    }

    @Test func truncatedGzipIsAnError() throws {
        let compressed = try Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("SampleData/dumps/articles.jsonl.gz"))
        final class DataStream: ByteStream {
            var data: [UInt8]
            init(_ data: [UInt8]) { self.data = data }
            func read(maximum: Int) throws -> [UInt8] {
                let count = min(maximum, data.count)
                defer { data.removeFirst(count) }
                return Array(data[0..<count])
            }
        }
        let whole = try GzipByteStream(source: DataStream([UInt8](compressed)))
        var total = 0
        while case let chunk = try whole.read(maximum: 4096), !chunk.isEmpty { total += chunk.count }
        #expect(total > compressed.count)
        let cut = try GzipByteStream(source: DataStream(Array([UInt8](compressed).prefix(compressed.count / 2))))
        #expect(throws: ByteStreamError.self) {
            while case let chunk = try cut.read(maximum: 4096), !chunk.isEmpty {}
        }
    }
}

@Suite("Planning inputs")
struct InputPlanningTests {
    private func plannedFiles(_ folder: URL) -> [InputFile] {
        InputPlanner.plan(paths: [folder.path], format: nil).inputs(sniffing: true).compactMap { input in
            if case .file(let file) = input { file } else { nil }
        }
    }

    /// Folders are walked in the order of the files' full paths ("a.txt" before "a/b.txt"), hidden
    /// names and what is not a regular file are reported as skipped, and links to folders are not
    /// followed; the survey counts the same walk.
    @Test func walkFollowsFullPathOrderAndSaysWhatItSkips() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("newsdb-walk-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = ["b.txt", "a/b.txt", "a.txt", "a-b.txt", ".hidden.txt", ".git/x.txt", "c/d/e.txt", "image.png"]
        for name in files {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("Title of \(name)\n\nA paragraph long enough to be the body of \(name).\n".utf8).write(to: url)
        }
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("linked").path, withDestinationPath: folder.appendingPathComponent("c").path)
        #expect(mkfifo(folder.appendingPathComponent("pipe.txt").path, 0o600) == 0)

        let plan = InputPlanner.plan(paths: [folder.path], format: nil)
        let walked = plan.inputs().map { input -> String in
            switch input {
            case .file(let file): "file " + file.path.dropFirst(folder.path.count + 1)
            case .skipped(let path, let reason): "skip \(path.dropFirst(folder.path.count + 1)): \(reason)"
            case .reject(let reject): "reject \(reject.origin): \(reject.reason)"
            }
        }
        #expect(walked == [
            "skip .git: hidden", "skip .hidden.txt: hidden",
            "file a-b.txt", "file a.txt", "file a/b.txt", "file b.txt", "file c/d/e.txt",
            "skip image.png: not a page or dump file (extension .png)",
            "skip linked: link to a folder, not followed",
            "skip pipe.txt: not a regular file",
        ])
        #expect(plan.survey.files == 5)
        #expect(plan.survey.filesToRead == 5)
        #expect(plan.survey.skippedCount == 5)
        #expect(plan.survey.decisions.map(\.decision) == ["page by extension"])
        let sizes = try ["b.txt", "a/b.txt", "a.txt", "a-b.txt", "c/d/e.txt"].map {
            try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent($0).path)[.size] as? Int64 ?? 0
        }
        #expect(plan.survey.bytesToRead == sizes.reduce(0, +))

        // Files an earlier run loaded are counted apart and left out of the totals.
        let loaded = InputPlanner.plan(paths: [folder.path], format: nil) { $0.path.hasSuffix("/a.txt") }
        #expect(loaded.survey.alreadyLoaded == 1)
        #expect(loaded.survey.filesToRead == 4)
    }

    /// A missing path and an empty file are rejects, in walk order, and the rest is planned.
    @Test func missingPathsAndEmptyFilesAreRejects() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("newsdb-walk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data().write(to: folder.appendingPathComponent("empty.txt"))
        try Data("Title\n\nBody long enough to be kept as an article body.\n".utf8).write(to: folder.appendingPathComponent("full.txt"))
        let plan = InputPlanner.plan(paths: [folder.path + "/missing", folder.path], format: nil)
        let rejects = plan.inputs().compactMap { input -> String? in
            if case .reject(let reject) = input { (reject.origin as NSString).lastPathComponent + ": " + reject.reason } else { nil }
        }
        #expect(rejects == ["missing: no such file or directory", "empty.txt: empty file"])
        #expect(plan.survey.rejectedCount == 2)
        #expect(plan.survey.filesToRead == 1)
    }

    /// A compressed dump whose name does not end in .gz is still inflated: by its magic bytes when
    /// it is opened (named by extension) or when it is sniffed (no extension).
    @Test func gzipIsFoundByContentWhateverTheName() throws {
        let sampleData = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("SampleData/dumps")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("newsdb-plan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let compressed = sampleData.appendingPathComponent("articles.jsonl.gz")
        try FileManager.default.copyItem(at: compressed, to: folder.appendingPathComponent("renamed.jsonl"))
        try FileManager.default.copyItem(at: compressed, to: folder.appendingPathComponent("noextension"))
        let expected = try String(contentsOf: sampleData.appendingPathComponent("articles.jsonl"), encoding: .utf8)
            .split(separator: "\n").filter { !$0.allSatisfy(\.isWhitespace) }.count

        let files = plannedFiles(folder)
        #expect(files.map(\.format) == [.jsonl, .jsonl])
        #expect(files.map(\.decidedBy) == ["by content", "by extension"])
        let source = RecordSource(files: files, recordLimit: 8_000_000)
        var lines = 0
        var rejects: [String] = []
        while let item = source.next() {
            guard case .record(let record) = item else { continue }
            switch record {
            case .jsonLine: lines += 1
            case .reject(let reject): rejects.append(reject.reason)
            default: Issue.record("unexpected record \(record)")
            }
        }
        #expect(rejects.isEmpty)
        #expect(lines == 2 * expected)
    }

    /// A file that cannot be opened when its turn comes (gone, or unreadable) becomes a reject
    /// naming it, and the files after it are still read.
    @Test func fileThatCannotBeReadIsARejectAndTheRestIsRead() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("newsdb-plan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["a.txt", "b.txt", "c.txt"] {
            try Data("Title \(name)\n\nA paragraph long enough to be kept as the body of \(name).\n".utf8)
                .write(to: folder.appendingPathComponent(name))
        }
        let files = plannedFiles(folder)
        #expect(files.count == 3)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("b.txt"))
        let source = RecordSource(files: files, recordLimit: 8_000_000)
        var pages: [String] = []
        var rejects: [IngestLog.Reject] = []
        while let item = source.next() {
            guard case .record(let record) = item else { continue }
            switch record {
            case .pageBytes(_, let origin): pages.append(origin)
            case .reject(let reject): rejects.append(reject)
            default: Issue.record("unexpected record \(record)")
            }
        }
        #expect(pages.map { ($0 as NSString).lastPathComponent } == ["a.txt", "c.txt"])
        #expect(rejects.count == 1)
        #expect(rejects.first?.origin.hasSuffix("b.txt") == true)
        #expect(rejects.first?.reason.contains("cannot read") == true)
    }
}
