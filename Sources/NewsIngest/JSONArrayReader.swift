/// Splits a JSON array of objects (`[{…}, {…}]`, as many scrapers and `jq -s` write) into one object's
/// bytes at a time, streaming: the array is never held whole, only the object being read, and an object
/// over the limit is skipped as it streams by. Each object then goes the way of a JSONL line.
final class JSONArrayReader {
    enum Element {
        case object([UInt8], number: Int, line: Int)
        /// Not an object (a string, a number), an object over the limit, or the array cut short.
        case malformed(number: Int, line: Int, reason: String)
    }

    private let source: any ByteStream
    private let limit: Int
    private var buffer: [UInt8] = []
    private var position = 0
    private var ended = false
    private var opened = false
    private var closed = false
    private var line = 1
    /// Elements handed out so far; the next one is number `count + 1`.
    private(set) var count = 0
    private(set) var bytesRead = 0

    init(source: any ByteStream, limit: Int) {
        self.source = source
        self.limit = limit
    }

    /// The line the reader has reached, for a reject when reading stops.
    var lineNumber: Int { line }

    func next() throws -> Element? {
        guard !closed else { return nil }
        if !opened {
            guard try skipBlanks(commas: false) else { return nil }
            guard try peek() == UInt8(ascii: "[") else {
                closed = true
                return .malformed(number: 1, line: line, reason: "a JSON array dump must start with '['")
            }
            advance()
            opened = true
        }
        guard try skipBlanks(commas: true) else {
            closed = true
            return .malformed(number: count + 1, line: line, reason: "the array ends without ']' (the file is cut short)")
        }
        if try peek() == UInt8(ascii: "]") {
            closed = true
            return nil
        }
        count += 1
        let startLine = line
        let isObject = try peek() == UInt8(ascii: "{")
        let (bytes, length, complete) = try readValue()
        guard complete else {
            closed = true
            return .malformed(number: count, line: startLine, reason: "the array ends inside this record (the file is cut short)")
        }
        guard isObject else {
            return .malformed(number: count, line: startLine, reason: "array element is not a JSON object")
        }
        guard length <= limit else {
            return .malformed(number: count, line: startLine,
                              reason: "record too large: \(length / 1_000_000) MB (limit \(limit / 1_000_000) MB; raise --max-record-mb)")
        }
        return .object(bytes, number: count, line: startLine)
    }

    /// One value: from its first byte to the `,` or `]` that ends it at depth zero (strings and their
    /// escapes followed). The bytes are kept up to the limit; `complete` is false when the input ends first.
    private func readValue() throws -> (bytes: [UInt8], length: Int, complete: Bool) {
        var bytes: [UInt8] = []
        var length = 0
        var depth = 0
        var inString = false
        var escaped = false
        while true {
            guard let byte = try peek() else { return (bytes, length, false) }
            if !inString, depth == 0, byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") {
                while let last = bytes.last, Self.isBlank(last) { bytes.removeLast() }
                return (bytes, length, true)
            }
            advance()
            length += 1
            if length <= limit { bytes.append(byte) } else if !bytes.isEmpty { bytes = [] }
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                depth += 1
            } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                depth -= 1
            }
        }
    }

    /// Skips white space (and commas between elements); false at the end of the input.
    private func skipBlanks(commas: Bool) throws -> Bool {
        while let byte = try peek() {
            guard Self.isBlank(byte) || byte == 0xEF || byte == 0xBB || byte == 0xBF || (commas && byte == UInt8(ascii: ",")) else { return true }
            advance()
        }
        return false
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private func peek() throws -> UInt8? {
        if position >= buffer.count {
            guard !ended else { return nil }
            buffer = try source.read(maximum: 1 << 20)
            bytesRead += buffer.count
            position = 0
            if buffer.isEmpty {
                ended = true
                return nil
            }
        }
        return buffer[position]
    }

    private func advance() {
        if buffer[position] == 0x0A { line += 1 }
        position += 1
    }
}
