/// An HTTP response as a web archive stores it: status line, headers, then the body as it was
/// sent (possibly chunked, possibly compressed).
struct HTTPMessage {
    var status: Int
    /// Header names lower case; a repeated header keeps its first value.
    var headers: [String: String] = [:]
    var body: ArraySlice<UInt8>

    enum BodyError: Error, CustomStringConvertible {
        case badChunk
        case tooLarge(Int)
        case unknownEncoding(String)
        case corrupt(String)

        var description: String {
            switch self {
            case .badChunk: "malformed chunked transfer encoding"
            case .tooLarge(let limit): "over \(limit / 1_000_000) MB once decoded"
            case .unknownEncoding(let name): "unsupported content encoding \(name)"
            case .corrupt(let reason): reason
            }
        }
    }

    init?(_ bytes: [UInt8]) {
        // The header ends at the first blank line (CR LF CR LF, or LF LF from lax servers).
        var index = 0
        var lines: [ArraySlice<UInt8>] = []
        var lineStart = 0
        var headerEnd: Int?
        while index < bytes.count, index < WARCReader.headerLimit {
            if bytes[index] == 0x0A {
                var line = bytes[lineStart..<index]
                if line.last == 0x0D { line = line.dropLast() }
                if line.isEmpty {
                    headerEnd = index + 1
                    break
                }
                lines.append(line)
                lineStart = index + 1
            }
            index += 1
        }
        guard let headerEnd, let statusLine = lines.first, statusLine.starts(with: Array("HTTP/".utf8)) else { return nil }
        let parts = statusLine.split(separator: 0x20, maxSplits: 2)
        guard parts.count >= 2, let status = Int(String(decoding: parts[1], as: UTF8.self)) else { return nil }
        self.status = status
        for line in lines.dropFirst() {
            guard let (name, value) = Self.headerField(line) else { continue }
            if headers[name] == nil { headers[name] = value }
        }
        body = bytes[headerEnd...]
    }

    /// A "Name: value" header line (HTTP's and WARC's), the name lower case, both trimmed.
    static func headerField(_ line: ArraySlice<UInt8>) -> (name: String, value: String)? {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let name = String(decoding: line[..<colon], as: UTF8.self).trimmedWhitespace().lowercased()
        return (name, String(decoding: line[(colon + 1)...], as: UTF8.self).trimmedWhitespace())
    }

    /// The body with its transfer and content encodings undone, at most `limit` bytes.
    func decodedBody(limit: Int) throws -> [UInt8] {
        var bytes = Array(body)
        if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            // Archivers often store the body already de-chunked but keep the header: only a body that
            // opens like a chunk (hex size, CR LF) is de-chunked.
            if let joined = Self.dechunked(bytes) { bytes = joined }
        }
        switch headers["content-encoding"]?.lowercased() {
        case nil, "", "identity", "none":
            return bytes
        case "gzip", "x-gzip", "deflate":
            guard bytes.first == 0x1F || bytes.first == 0x78 else { return bytes }  // stored already inflated
            let stream = try GzipByteStream(source: MemoryByteStream(bytes))
            var inflated: [UInt8] = []
            while true {
                let chunk: [UInt8]
                do {
                    chunk = try stream.read(maximum: 1 << 16)
                } catch {
                    throw BodyError.corrupt("\(error)")
                }
                if chunk.isEmpty { return inflated }
                inflated += chunk
                if inflated.count > limit { throw BodyError.tooLarge(limit) }
            }
        case let other?:
            throw BodyError.unknownEncoding(other)
        }
    }

    /// The chunks of a chunked body joined; nil when the body does not open like a chunk.
    static func dechunked(_ bytes: [UInt8]) -> [UInt8]? {
        var joined: [UInt8] = []
        var index = 0
        while index < bytes.count {
            guard let lineEnd = bytes[index...].firstIndex(of: 0x0A) else { return nil }
            var sizeText = String(decoding: bytes[index..<lineEnd], as: UTF8.self).trimmedWhitespaceAndNewlines()
            if let semicolon = sizeText.firstIndex(of: ";") { sizeText = String(sizeText[..<semicolon]) }
            guard !sizeText.isEmpty, let size = Int(sizeText, radix: 16), size >= 0 else { return joined.isEmpty ? nil : joined }
            if size == 0 { return joined }
            let start = lineEnd + 1
            guard start + size <= bytes.count else { return nil }
            joined.append(contentsOf: bytes[start..<(start + size)])
            index = start + size
            // The CR LF after the chunk's data.
            while index < bytes.count, bytes[index] == 0x0D || bytes[index] == 0x0A { index += 1 }
        }
        return joined
    }
}
