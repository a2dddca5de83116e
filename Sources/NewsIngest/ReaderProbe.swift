/// The dump readers run on bytes in memory, for the fuzzing target and its regression replays.
public enum ReaderProbe {
    /// The fields of one JSON line, or nil when it is not valid JSON.
    public static func jsonLine(_ bytes: [UInt8]) -> [String: String]? {
        try? JSONLine.fields(bytes)
    }

    /// How many elements a JSON array dump gives (objects, each parsed, and malformed ones), to the end.
    public static func jsonArray(_ bytes: [UInt8]) -> Int {
        let reader = JSONArrayReader(source: MemoryByteStream(bytes), limit: 1 << 16)
        var elements = 0
        while let element = try? reader.next() {
            if case .object(let object, _, _) = element { _ = try? JSONLine.fields(object) }
            elements += 1
        }
        return elements
    }

    /// How many records and malformed rows a CSV text gives, reading it to the end.
    public static func csv(_ bytes: [UInt8]) -> Int {
        let reader = CSVReader(source: MemoryByteStream(bytes), separator: UInt8(ascii: ","), limit: 1 << 20)
        var records = 0
        while let record = try? reader.next() {
            _ = record
            records += 1
        }
        return records
    }

    /// How many records a web archive gives (pages, skipped and malformed alike), reading it to the end;
    /// each page's payload is parsed as HTML or text, as ingest would.
    public static func warc(_ bytes: [UInt8]) -> Int {
        let reader = WARCReader(source: MemoryByteStream(bytes), limit: 1 << 20)
        var records = 0
        while let record = try? reader.next() {
            if case .page(let page) = record {
                _ = RawRecord.archived(page, origin: "fuzz").parse(defaultSource: nil)
            }
            records += 1
        }
        return records
    }
}

/// Bytes already in memory, handed out in chunks.
final class MemoryByteStream: ByteStream {
    private var bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func read(maximum: Int) throws -> [UInt8] {
        let end = min(bytes.count, position + maximum)
        defer { position = end }
        return Array(bytes[position..<end])
    }
}
