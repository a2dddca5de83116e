/// RFC 4180 records from a byte stream: quoted fields may hold separators, doubled quotes and line
/// breaks. The first record is the header; each later record becomes named fields.
final class CSVReader {
    enum Record {
        case fields([String: String], line: Int)
        case malformed(line: Int, reason: String, excerpt: String)
    }

    private let source: any ByteStream
    private let separator: UInt8
    private let limit: Int
    private var chunk = ChunkBuffer()
    private var line = 1
    private var header: [String]?
    var bytesRead: Int { chunk.bytesRead }

    init(source: any ByteStream, separator: UInt8, limit: Int) {
        self.source = source
        self.separator = separator
        self.limit = limit
    }

    private func nextByte() throws -> UInt8? {
        guard try chunk.fill(from: source) else { return nil }
        defer { chunk.position += 1 }
        return chunk.bytes[chunk.position]
    }

    private func peekByte() throws -> UInt8? {
        guard try chunk.fill(from: source) else { return nil }
        return chunk.bytes[chunk.position]
    }

    /// The next record, or nil at the end of the input.
    func next() throws -> Record? {
        while true {
            let startLine = line
            guard let (rawFields, problem) = try readRow() else { return nil }
            let fields = rawFields.map { String(decoding: $0, as: UTF8.self) }
            if header == nil {
                header = fields.map { $0.trimmedWhitespace().lowercased() }
                if let first = header?.first, first.hasPrefix("\u{FEFF}") { header![0] = String(first.dropFirst()) }
                continue
            }
            let excerpt = String(fields.joined(separator: ",").prefix(120))
            if let problem { return .malformed(line: startLine, reason: problem, excerpt: excerpt) }
            if fields.count == 1, fields[0].isEmpty { continue }
            guard let header, fields.count == header.count else {
                return .malformed(line: startLine, reason: "row has \(fields.count) fields, the header has \(header?.count ?? 0)", excerpt: excerpt)
            }
            return .fields(Dictionary(zip(header, fields), uniquingKeysWith: { first, _ in first }), line: startLine)
        }
    }

    /// One row's raw fields, and a problem when the row is malformed (an unclosed quote, too long).
    private func readRow() throws -> ([[UInt8]], String?)? {
        var fields: [[UInt8]] = []
        var field: [UInt8] = []
        var size = 0
        var problem: String?
        guard try peekByte() != nil else { return nil }
        var quoted = false
        var fieldStart = true
        while let byte = try nextByte() {
            size += 1
            if size > limit, problem == nil {
                problem = "record longer than \(limit / 1_000_000) MB"
            }
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if try peekByte() == UInt8(ascii: "\"") {
                        _ = try nextByte()
                        if problem == nil { field.append(byte) }
                    } else {
                        quoted = false
                        if let following = try peekByte(), following != separator, following != 0x0A, following != 0x0D, problem == nil {
                            problem = "stray text after a closing quote (a quote inside a field must be doubled)"
                        }
                    }
                } else {
                    if byte == 0x0A {
                        line += 1
                    } else if byte == 0x0D, try peekByte() != 0x0A {
                        line += 1
                    }
                    if problem == nil { field.append(byte) }
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\"") where fieldStart:
                quoted = true
                fieldStart = false
            case separator:
                // Past a problem nothing more is kept: a row of a hundred million commas stays small.
                if problem == nil { fields.append(field) }
                field = []
                fieldStart = true
            case 0x0A, 0x0D:
                // LF, CR LF, or a lone CR (old Mac files): each ends the row once.
                if byte == 0x0D, try peekByte() == 0x0A { _ = try nextByte() }
                line += 1
                fields.append(field)
                return (fields, problem)
            default:
                if problem == nil { field.append(byte) }
                fieldStart = false
            }
        }
        if quoted { problem = "unclosed quote: the quoted field runs to the end of the file" }
        fields.append(field)
        return (fields, problem)
    }
}
