import Foundation
import Testing
@testable import NewsIngest
import NewsPage

/// SampleData's fictional HTML pages parse to their expected fields, and the web archive made from
/// them reads as one page per HTML response, with the rest counted by kind.
@Suite("SampleData HTML pages and web archive")
struct HTMLSampleDataTests {
    static let sampleData = SampleDataTests.sampleData

    static var goldFiles: [String] {
        let folder = sampleData.appendingPathComponent("expected-html").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
    }

    static func expected(_ file: String) throws -> [String: Any] {
        let data = try Data(contentsOf: sampleData.appendingPathComponent("expected-html/\(file)"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func thereAreFiveLayouts() throws {
        let layouts = try Set(Self.goldFiles.map { try Self.expected($0)["layout"] as? String ?? "" })
        #expect(layouts == ["jsonld", "opengraph", "broken", "windows-1252", "table"])
    }

    @Test(arguments: HTMLSampleDataTests.goldFiles)
    func pageMatchesExpectation(file: String) throws {
        let expected = try Self.expected(file)
        let path = Self.sampleData.appendingPathComponent(try #require(expected["page"] as? String)).path
        let page = try PageFile.parse(try PageFile.readBytes(path: path), origin: path)
        func text(_ key: String) -> String? { expected[key] as? String }
        #expect(page.title == text("title"), "title")
        #expect(page.source == text("source"), "source")
        #expect(page.byline == text("byline"), "byline")
        #expect(page.published == text("published"), "published")
        #expect(page.url == text("url"), "url")
        #expect(page.paragraphs == expected["paragraphs"] as? [String], "paragraphs")
    }

    @Test func archiveHoldsOnePagePerHTMLResponse() throws {
        let path = Self.sampleData.appendingPathComponent("archives/pages.warc.gz").path
        let reader = WARCReader(source: try GzipByteStream(source: try FileByteStream(path: path)), limit: 8_000_000)
        var pages: [ArchivedPage] = []
        var skipped: [String: Int] = [:]
        while let record = try reader.next() {
            switch record {
            case .page(let page): pages.append(page)
            case .skipped(let kind): skipped[kind, default: 0] += 1
            case .malformed(let number, let offset, let reason): Issue.record("record \(number) at \(offset): \(reason)")
            }
        }
        #expect(pages.count == Self.goldFiles.count)
        #expect(skipped == ["warcinfo": 1, "request": 5, "metadata": 5, "non-HTML response": 1])
        // The gzip'd and the chunked responses come out as the page's own bytes.
        for (page, file) in zip(pages, Self.goldFiles) {
            let expected = try Self.expected(file)
            let onDisk = try PageFile.readBytes(path: Self.sampleData.appendingPathComponent(expected["page"] as! String).path)
            #expect(page.bytes == onDisk, "\(file)")
            #expect(page.captured == "2025-06-20T08:00:00Z")
            #expect(page.url?.hasPrefix("https://") == true)
        }
    }

    @Test func truncatedArchiveEndsWithAMalformedRecordAndItsOffset() throws {
        let path = Self.sampleData.appendingPathComponent("archives/pages.warc.gz").path
        let whole = try PageFile.readBytes(path: path)
        // Cut inside the last page's response.
        let reader = WARCReader(source: MemoryByteStream(Array(whole.prefix(whole.count * 3 / 4))), limit: 8_000_000)
        var last: WARCReader.Record?
        var pages = 0
        while let record = try reader.next() {
            if case .page = record { pages += 1 }
            last = record
        }
        guard case .malformed(_, let offset, let reason) = last else {
            Issue.record("expected a malformed last record, got \(String(describing: last))")
            return
        }
        #expect(reason.contains("truncated"))
        #expect(offset > 0)
        #expect(pages < Self.goldFiles.count)
    }

    @Test func garbageBetweenRecordsIsReportedNotSkippedSilently() throws {
        let record = "WARC/1.0\r\nWARC-Type: request\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n"
        let bytes = Array((record + "this is not a record\r\n" + record).utf8)
        let reader = WARCReader(source: MemoryByteStream(bytes), limit: 1_000)
        var kinds: [String] = []
        while let next = try reader.next() {
            switch next {
            case .page: kinds.append("page")
            case .skipped(let kind): kinds.append(kind)
            case .malformed(let number, _, _): kinds.append("malformed #\(number)")
            }
        }
        #expect(kinds.first == "request")
        #expect(kinds.contains("malformed #2"))
        #expect(kinds.last == "request")
    }

    @Test func chunkedBodiesAreJoined() {
        let body = Array("4\r\nWiki\r\n5;ext=1\r\npedia\r\n0\r\n\r\n".utf8)
        #expect(HTTPMessage.dechunked(body) == Array("Wikipedia".utf8))
        // A body stored already de-chunked is left as it is.
        #expect(HTTPMessage.dechunked(Array("<html>".utf8)) == nil)
    }
}
