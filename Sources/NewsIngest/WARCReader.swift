import Foundation
import NewsPage

/// Reads a web archive (WARC/1.0 and 1.1, as written by Common Crawl, `wget --warc-file`,
/// Heritrix, Browsertrix) record by record, streaming: a record's header is read, then exactly its
/// declared block, so memory holds one record at a time whatever the file's size. Gzip'd archives
/// (one member per record) reach it already inflated by `GzipByteStream`.
///
/// `response` records with an HTML payload (and `resource` records of HTML) become pages; WET
/// `conversion` records become page text; every other record is counted by its kind and skipped.
final class WARCReader {
    /// One record, as the ingest needs it.
    enum Record {
        /// A page to parse, with where it was fetched from and when.
        case page(ArchivedPage)
        /// A record that is not a page: its kind ("request", "metadata", "non-HTML response").
        case skipped(kind: String)
        /// A record that cannot be read, with its number and offset in the (inflated) archive.
        case malformed(number: Int, offset: Int, reason: String)
    }

    private let source: any ByteStream
    private let limit: Int
    private var chunk = ChunkBuffer()
    /// Bytes consumed from the inflated archive, for offsets.
    private(set) var offset = 0
    var bytesRead: Int { chunk.bytesRead }
    private(set) var recordNumber = 0

    /// The longest header line and the most header bytes a record may have.
    static let headerLimit = 64 * 1024

    init(source: any ByteStream, limit: Int) {
        self.source = source
        self.limit = limit
    }

    func next() throws -> Record? {
        // Records are separated by blank lines; anything else between them is noise to step over.
        var versionLine: [UInt8]?
        while versionLine == nil {
            guard let line = try readLine() else { return nil }
            if line.isEmpty { continue }
            guard line.starts(with: Array("WARC/".utf8)) else {
                return .malformed(number: recordNumber + 1, offset: offset, reason: "expected a WARC/1.x record header")
            }
            versionLine = line
        }
        recordNumber += 1
        let start = offset
        var headers: [String: String] = [:]
        var headerBytes = 0
        while true {
            guard let line = try readLine() else {
                return .malformed(number: recordNumber, offset: start, reason: "the archive ends inside a record header (truncated)")
            }
            if line.isEmpty { break }
            headerBytes += line.count
            guard headerBytes <= Self.headerLimit else {
                return .malformed(number: recordNumber, offset: start, reason: "record header over \(Self.headerLimit / 1024) KB")
            }
            if let (name, value) = HTTPMessage.headerField(line[...]) { headers[name] = value }
        }
        guard let lengthText = headers["content-length"], let length = Int(lengthText), length >= 0 else {
            return .malformed(number: recordNumber, offset: start, reason: "record without a valid Content-Length")
        }
        let kind = headers["warc-type"]?.lowercased() ?? "unknown"
        let wanted = kind == "response" || kind == "resource" || kind == "conversion"
        guard wanted, length <= limit else {
            let skipped = try skip(length)
            guard skipped == length else {
                return .malformed(number: recordNumber, offset: start, reason: "the archive ends inside a record (truncated)")
            }
            if wanted {
                return .malformed(number: recordNumber, offset: start,
                                  reason: "record too large: \(length / 1_000_000) MB (limit \(limit / 1_000_000) MB; raise --max-record-mb)")
            }
            return .skipped(kind: kind)
        }
        let block = try read(length)
        guard block.count == length else {
            return .malformed(number: recordNumber, offset: start, reason: "the archive ends inside a record (truncated)")
        }
        let origin = "#\(recordNumber)"
        let url = headers["warc-target-uri"].map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "<>")) }
        let captured = headers["warc-date"]
        switch kind {
        case "conversion":
            return .page(ArchivedPage(bytes: block, record: origin, url: url, captured: captured, charset: nil, isHTML: false))
        case "resource":
            guard Self.isHTML(contentType: headers["content-type"]) || HTMLPageParser.looksLikeHTML(block.prefix(1024)) else {
                return .skipped(kind: "non-HTML resource")
            }
            return .page(ArchivedPage(bytes: block, record: origin, url: url, captured: captured,
                                      charset: headers["content-type"].flatMap(HTMLPageParser.charset(inContentType:)), isHTML: true))
        default:
            return response(block, origin: origin, url: url, captured: captured, start: start)
        }
    }

    /// An HTTP response's payload, when it is HTML: status and headers read, chunks joined and
    /// compression undone.
    private func response(_ block: [UInt8], origin: String, url: String?, captured: String?, start: Int) -> Record {
        guard let message = HTTPMessage(block) else {
            return .malformed(number: recordNumber, offset: start, reason: "response record without an HTTP header")
        }
        guard (200..<300).contains(message.status) else { return .skipped(kind: "HTTP \(message.status) response") }
        let contentType = message.headers["content-type"]
        guard Self.isHTML(contentType: contentType) || contentType == nil && HTMLPageParser.looksLikeHTML(message.body.prefix(1024)) else {
            return .skipped(kind: "non-HTML response")
        }
        let body: [UInt8]
        do {
            body = try message.decodedBody(limit: limit)
        } catch {
            return .malformed(number: recordNumber, offset: start, reason: "HTTP body: \(error)")
        }
        return .page(ArchivedPage(bytes: body, record: origin, url: url, captured: captured,
                                  charset: contentType.flatMap(HTMLPageParser.charset(inContentType:)), isHTML: true))
    }

    private static func isHTML(contentType: String?) -> Bool {
        guard let type = contentType?.lowercased() else { return false }
        return type.hasPrefix("text/html") || type.hasPrefix("application/xhtml")
    }

    // MARK: Buffered reading

    /// A line without its CR LF (or LF); nil at the end. Lines past the header limit are cut there.
    private func readLine() throws -> [UInt8]? {
        var line: [UInt8] = []
        var sawAny = false
        while try chunk.fill(from: source) {
            sawAny = true
            let newline = chunk.bytes[chunk.position...].firstIndex(of: 0x0A)
            let end = newline ?? chunk.bytes.count
            if line.count < Self.headerLimit {
                line.append(contentsOf: chunk.bytes[chunk.position..<min(end, chunk.position + Self.headerLimit)])
            }
            offset += end - chunk.position
            chunk.position = end
            if newline != nil {
                chunk.position += 1
                offset += 1
                if line.last == 0x0D { line.removeLast() }
                return line
            }
        }
        return sawAny ? line : nil
    }

    private func read(_ count: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        while bytes.count < count, try chunk.fill(from: source) {
            let take = min(count - bytes.count, chunk.bytes.count - chunk.position)
            bytes.append(contentsOf: chunk.bytes[chunk.position..<(chunk.position + take)])
            chunk.position += take
            offset += take
        }
        return bytes
    }

    private func skip(_ count: Int) throws -> Int {
        var skipped = 0
        while skipped < count, try chunk.fill(from: source) {
            let take = min(count - skipped, chunk.bytes.count - chunk.position)
            chunk.position += take
            offset += take
            skipped += take
        }
        return skipped
    }
}

/// A page found in a web archive (or a file named as HTML).
public struct ArchivedPage: Sendable {
    public var bytes: [UInt8]
    /// "#12": the record's number in its archive ("" for a file).
    public var record: String
    public var url: String?
    /// WARC-Date, ISO 8601.
    public var captured: String?
    /// The charset the HTTP response declared.
    public var charset: String?
    /// HTML, or page text (a WET conversion record).
    public var isHTML: Bool
}
