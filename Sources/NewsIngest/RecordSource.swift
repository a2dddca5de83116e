import Foundation
import NewsStore

/// Reads the planned files one after the other and hands out their records in order, streaming.
/// A file that fails part-way (unreadable, truncated gzip) yields a reject for where it failed;
/// the records before stay, and the next file is read.
final class RecordSource {
    enum Item {
        case record(RawRecord)
        /// Every record of the file has been handed out (so, once committed, the file is loaded);
        /// its row for `ingest_files`, nil for standard input.
        case finished(IngestLog.FileStamp?)
    }

    private var inputs: any IteratorProtocol<PlannedInput>
    /// True for a file an earlier run loaded and that has not changed since: it is not read.
    private let isLoaded: (IngestLog.FileStamp) -> Bool
    private let recordLimit: Int
    private var current: (file: InputFile, reader: Reader, records: Int)?
    private var completedBytes: Int64 = 0

    private enum Reader {
        case page(any ByteStream, html: Bool)
        case lines(LineReader)
        case array(JSONArrayReader)
        case table(CSVReader)
        case archive(WARCReader)
    }

    /// Archive records that are not pages (requests, metadata, non-HTML responses), by kind: counted, not loaded.
    private(set) var skippedRecords: [String: Int] = [:]

    /// Reads the inputs as the walk finds them; skipped inputs were reported by the plan.
    init(inputs: some IteratorProtocol<PlannedInput>, recordLimit: Int, isLoaded: @escaping (IngestLog.FileStamp) -> Bool = { _ in false }) {
        self.inputs = inputs
        self.recordLimit = recordLimit
        self.isLoaded = isLoaded
    }

    convenience init(files: [InputFile], recordLimit: Int) {
        self.init(inputs: files.map(PlannedInput.file).makeIterator(), recordLimit: recordLimit)
    }

    /// Bytes read so far (compressed files count their decompressed bytes).
    var bytesRead: Int64 {
        guard let current else { return completedBytes }
        switch current.reader {
        case .page: return completedBytes
        case .archive(let reader): return completedBytes + Int64(reader.bytesRead)
        case .lines(let reader): return completedBytes + Int64(reader.bytesRead)
        case .array(let reader): return completedBytes + Int64(reader.bytesRead)
        case .table(let reader): return completedBytes + Int64(reader.bytesRead)
        }
    }

    func next() -> Item? {
        while true {
            if current == nil {
                guard let input = inputs.next() else { return nil }
                let file: InputFile
                switch input {
                case .file(let planned): file = planned
                case .skipped: continue
                case .reject(let reject): return .record(.reject(reject))
                }
                if let stamp = file.stamp(), isLoaded(stamp) { continue }
                do {
                    current = (file, try open(file), 0)
                } catch {
                    return .record(.reject(IngestLog.Reject(origin: file.displayName, reason: "cannot read: \(error)")))
                }
            }
            guard let (file, reader, records) = current else { continue }
            do {
                if let record = try nextRecord(from: reader, file: file) {
                    current?.records = records + 1
                    return .record(record)
                }
            } catch {
                let origin = location(in: file, reader: reader)
                finishFile(file, reader: reader)
                current = nil
                return .record(.reject(IngestLog.Reject(origin: origin, reason: "reading stopped: \(error)")))
            }
            finishFile(file, reader: reader)
            current = nil
            return .finished(file.stamp(records: records))
        }
    }

    private func finishFile(_ file: InputFile, reader: Reader) {
        switch reader {
        case .page: completedBytes += file.size ?? 0
        case .archive(let archive): completedBytes += Int64(archive.bytesRead)
        case .lines(let lines): completedBytes += Int64(lines.bytesRead)
        case .array(let array): completedBytes += Int64(array.bytesRead)
        case .table(let table): completedBytes += Int64(table.bytesRead)
        }
    }

    private func location(in file: InputFile, reader: Reader) -> String {
        switch reader {
        case .page: file.displayName
        case .archive(let archive): "\(file.displayName)#\(archive.recordNumber) (byte \(archive.offset))"
        case .lines(let lines): "\(file.displayName):\(lines.lineNumber + 1)"
        case .array(let array): "\(file.displayName)#\(array.count) (line \(array.lineNumber))"
        case .table: file.displayName
        }
    }

    private func open(_ file: InputFile) throws -> Reader {
        var stream: any ByteStream = file.path == "-" ? FileByteStream(standardInput: ()) : try FileByteStream(path: file.path)
        var format = file.format
        if file.path == "-" || file.decidedBy == "by content" {
            // Standard input and files without a telling name are sniffed after opening.
            let prefixed = try PrefixedByteStream(source: stream, peek: 4096)
            stream = prefixed
            if prefixed.prefix.starts(with: [0x1F, 0x8B]) {
                let inflated = try PrefixedByteStream(source: try GzipByteStream(source: prefixed), peek: 4096)
                stream = inflated
                if file.decidedBy != "as asked" { format = DumpFormat.sniff(inflated.prefix) }
            } else if file.decidedBy != "as asked" {
                format = DumpFormat.sniff(prefixed.prefix)
            }
        } else if file.gzip {
            stream = try GzipByteStream(source: stream)
        } else {
            // A compressed file whose name does not end in .gz: the magic bytes tell.
            let prefixed = try PrefixedByteStream(source: stream, peek: 2)
            stream = prefixed.prefix.starts(with: [0x1F, 0x8B]) ? try GzipByteStream(source: prefixed) : prefixed
        }
        switch format {
        case .page: return .page(stream, html: false)
        case .html: return .page(stream, html: true)
        case .warc: return .archive(WARCReader(source: stream, limit: recordLimit))
        case .jsonl:
            // A JSON array of objects (`[{…}, …]`) is read element by element; otherwise one object a line.
            let prefixed = try PrefixedByteStream(source: stream, peek: 4096)
            if DumpFormat.opensJSONArray(prefixed.prefix[...]) { return .array(JSONArrayReader(source: prefixed, limit: recordLimit)) }
            return .lines(LineReader(source: prefixed, limit: recordLimit))
        case .csv: return .table(CSVReader(source: stream, separator: UInt8(ascii: ","), limit: recordLimit))
        case .tsv: return .table(CSVReader(source: stream, separator: 0x09, limit: recordLimit))
        }
    }

    private func nextRecord(from reader: Reader, file: InputFile) throws -> RawRecord? {
        switch reader {
        case .page(let stream, let html):
            // A page file is one record; it is read once.
            guard current?.records == 0 else { return nil }
            var bytes: [UInt8] = []
            while true {
                let chunk = try stream.read(maximum: 1 << 20)
                if chunk.isEmpty { break }
                bytes += chunk
                if bytes.count > recordLimit {
                    while try !stream.read(maximum: 1 << 20).isEmpty {}
                    return .reject(IngestLog.Reject(
                        origin: file.displayName,
                        reason: "record too large: over \(recordLimit / 1_000_000) MB (raise --max-record-mb to load it)"))
                }
            }
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
                return .reject(IngestLog.Reject(origin: file.displayName, reason: "empty page: only white space"))
            }
            if html {
                return .archived(ArchivedPage(bytes: bytes, record: "", url: nil, captured: nil, charset: nil, isHTML: true), origin: file.displayName)
            }
            return .pageBytes(bytes, origin: file.displayName)
        case .archive(let archive):
            while let record = try archive.next() {
                switch record {
                case .page(let page):
                    return .archived(page, origin: file.displayName + page.record)
                case .skipped(let kind):
                    skippedRecords[kind, default: 0] += 1
                case .malformed(let number, let offset, let reason):
                    return .reject(IngestLog.Reject(origin: "\(file.displayName)#\(number) (byte \(offset))", reason: reason))
                }
            }
            return nil
        case .lines(let lines):
            while let line = try lines.next() {
                switch line {
                case .tooLong(let number, let size):
                    return .reject(IngestLog.Reject(
                        origin: "\(file.displayName):\(number)",
                        reason: "record too large: \(size / 1_000_000) MB line (limit \(recordLimit / 1_000_000) MB; raise --max-record-mb)"))
                case .text(let bytes, let number):
                    if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                    return .jsonLine(bytes, origin: "\(file.displayName):\(number)")
                }
            }
            return nil
        case .array(let array):
            guard let element = try array.next() else { return nil }
            switch element {
            case .object(let bytes, let number, let line):
                return .jsonLine(bytes, origin: "\(file.displayName)#\(number) (line \(line))")
            case .malformed(let number, let line, let reason):
                return .reject(IngestLog.Reject(origin: "\(file.displayName)#\(number) (line \(line))", reason: reason))
            }
        case .table(let table):
            guard let record = try table.next() else { return nil }
            switch record {
            case .fields(let fields, let line):
                return .fields(fields, origin: "\(file.displayName):\(line)")
            case .malformed(let line, let reason, let excerpt):
                return .reject(IngestLog.Reject(origin: "\(file.displayName):\(line)", reason: "unparseable CSV row: \(reason)", excerpt: excerpt))
            }
        }
    }
}

/// Reads ahead a little so the format can be sniffed, then hands out those bytes first.
final class PrefixedByteStream: ByteStream {
    let prefix: [UInt8]
    private var pending: [UInt8]
    private let source: any ByteStream

    init(source: any ByteStream, peek: Int) throws {
        var bytes: [UInt8] = []
        while bytes.count < peek {
            let chunk = try source.read(maximum: peek - bytes.count)
            if chunk.isEmpty { break }
            bytes += chunk
        }
        self.prefix = bytes
        self.pending = bytes
        self.source = source
    }

    func read(maximum: Int) throws -> [UInt8] {
        if !pending.isEmpty {
            let count = min(maximum, pending.count)
            defer { pending.removeFirst(count) }
            return Array(pending[0..<count])
        }
        return try source.read(maximum: maximum)
    }
}
