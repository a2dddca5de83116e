import CZlib
import Foundation

/// A source of bytes read in chunks: a file, standard input, or a gzip stream over either.
/// Dumps are read this way so memory stays flat whatever their size.
protocol ByteStream: AnyObject {
    /// Up to `maximum` bytes; an empty result means the end.
    func read(maximum: Int) throws -> [UInt8]
}

enum ByteStreamError: Error, CustomStringConvertible {
    case unreadable(String)
    case corruptGzip(String)

    var description: String {
        switch self {
        case .unreadable(let reason): reason
        case .corruptGzip(let reason): "corrupt gzip data: \(reason)"
        }
    }
}

/// Reads a file or standard input through a FileHandle.
final class FileByteStream: ByteStream {
    private let handle: FileHandle
    private let closes: Bool

    init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ByteStreamError.unreadable(FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")
        }
        self.handle = handle
        self.closes = true
    }

    init(standardInput: Void) {
        handle = FileHandle.standardInput
        closes = false
    }

    deinit {
        if closes { try? handle.close() }
    }

    func read(maximum: Int) throws -> [UInt8] {
        do {
            guard let data = try handle.read(upToCount: maximum) else { return [] }
            return [UInt8](data)
        } catch {
            throw ByteStreamError.unreadable((error as NSError).localizedDescription)
        }
    }
}

/// Inflates gzip (or zlib) data from another stream as it is read; concatenated gzip members are
/// read one after the other, as `gzip -d` does.
final class GzipByteStream: ByteStream {
    private let source: any ByteStream
    private var stream = z_stream()
    private var input: [UInt8] = []
    private var inputOffset = 0
    private var finished = false
    private var sourceEnded = false

    init(source: any ByteStream) throws {
        self.source = source
        guard newsdb_inflate_init_gzip(&stream) == Z_OK else { throw ByteStreamError.corruptGzip("cannot start zlib") }
    }

    deinit {
        inflateEnd(&stream)
    }

    func read(maximum: Int) throws -> [UInt8] {
        guard !finished else { return [] }
        var output = [UInt8](repeating: 0, count: maximum)
        var produced = 0
        while produced == 0 {
            if inputOffset >= input.count {
                if sourceEnded {
                    finished = true
                    if stream.total_in > 0, stream.avail_in == 0, !atMemberBoundary {
                        throw ByteStreamError.corruptGzip("the file ends in the middle of the compressed data (truncated)")
                    }
                    return []
                }
                input = try source.read(maximum: 1 << 16)
                inputOffset = 0
                if input.isEmpty {
                    sourceEnded = true
                    continue
                }
            }
            let status: Int32 = input.withUnsafeMutableBufferPointer { inputBuffer in
                output.withUnsafeMutableBufferPointer { outputBuffer in
                    stream.next_in = inputBuffer.baseAddress! + inputOffset
                    stream.avail_in = UInt32(inputBuffer.count - inputOffset)
                    stream.next_out = outputBuffer.baseAddress! + produced
                    stream.avail_out = UInt32(outputBuffer.count - produced)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    produced = outputBuffer.count - Int(stream.avail_out)
                    inputOffset = inputBuffer.count - Int(stream.avail_in)
                    return status
                }
            }
            switch status {
            case Z_OK, Z_BUF_ERROR:
                atMemberBoundary = false
            case Z_STREAM_END:
                // Another gzip member may follow.
                atMemberBoundary = true
                inflateReset(&stream)
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                throw ByteStreamError.corruptGzip(message)
            }
        }
        return Array(output[0..<produced])
    }

    private var atMemberBoundary = false
}

/// The chunk of a stream a reader is working through, refilled when used up: the readers of lines,
/// CSV rows and archive records share it.
struct ChunkBuffer {
    var bytes: [UInt8] = []
    var position = 0
    private(set) var ended = false
    /// Bytes read from the stream so far, for progress.
    private(set) var bytesRead = 0

    /// Bytes asked of the stream at a time.
    static let chunkBytes = 1 << 20

    /// True when a byte is ready at `position`; reads the next chunk when the current one is used up.
    mutating func fill(from source: any ByteStream) throws -> Bool {
        guard position >= bytes.count else { return true }
        guard !ended else { return false }
        bytes = try source.read(maximum: Self.chunkBytes)
        bytesRead += bytes.count
        position = 0
        if bytes.isEmpty {
            ended = true
            return false
        }
        return true
    }
}
