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
    /// The last line ended at a CR at the end of a read: an LF first in the next read belongs to it.
    private var skipsLineFeed = false
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
            // A line ends at LF, CR LF, or a lone CR (old Mac files); the LF after a CR is skipped
            // even when it arrives with the next read.
            if skipsLineFeed {
                skipsLineFeed = false
                if buffer[position] == 0x0A {
                    position += 1
                    continue
                }
            }
            let newline = buffer[position...].firstIndex { $0 == 0x0A || $0 == 0x0D }
            let end = newline ?? buffer.count
            length += end - position
            if length > limit {
                overflowed = true
                current = []
            } else {
                current.append(contentsOf: buffer[position..<end])
            }
            position = end
            if let newline {
                if buffer[newline] == 0x0D {
                    if newline + 1 < buffer.count {
                        if buffer[newline + 1] == 0x0A { position += 1 }
                    } else {
                        skipsLineFeed = true
                    }
                }
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
