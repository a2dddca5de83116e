/// Splits a byte stream into lines (LF or CRLF), keeping line numbers. A line longer than the limit is
/// skipped as it streams by, never held in memory whole, and reported as too long.
final class LineReader {
    enum Line {
        case text([UInt8], number: Int)
        case tooLong(number: Int, bytes: Int)
    }

    private let source: any ByteStream
    private let limit: Int
    private var buffer: [UInt8] = []
    private var position = 0
    private var ended = false
    private(set) var lineNumber = 0
    /// Bytes read from the source so far, for progress.
    private(set) var bytesRead = 0

    init(source: any ByteStream, limit: Int) {
        self.source = source
        self.limit = limit
    }

    func next() throws -> Line? {
        var current: [UInt8] = []
        var length = 0
        var overflowed = false
        while true {
            if position >= buffer.count {
                guard !ended else { break }
                buffer = try source.read(maximum: 1 << 20)
                bytesRead += buffer.count
                position = 0
                if buffer.isEmpty {
                    ended = true
                    break
                }
            }
            let newline = buffer[position...].firstIndex(of: 0x0A)
            let end = newline ?? buffer.count
            length += end - position
            if length > limit {
                overflowed = true
                current = []
            } else {
                current.append(contentsOf: buffer[position..<end])
            }
            position = end
            if newline != nil {
                position += 1
                lineNumber += 1
                return finish(current, length: length, overflowed: overflowed)
            }
        }
        guard length > 0 || overflowed else { return nil }
        lineNumber += 1
        return finish(current, length: length, overflowed: overflowed)
    }

    private func finish(_ line: [UInt8], length: Int, overflowed: Bool) -> Line {
        if overflowed { return .tooLong(number: lineNumber, bytes: length) }
        var line = line
        if line.last == 0x0D { line.removeLast() }
        return .text(line, number: lineNumber)
    }
}
