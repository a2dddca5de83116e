import Foundation

/// Buffered text output to a file or standard output, so exports stream without holding rows.
public final class ExportSink {
    private let handle: FileHandle
    private let closes: Bool
    private var buffer: [UInt8] = []

    public init(path: String?) throws {
        if let path {
            guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
                throw ExportError.cannotWrite(path)
            }
            self.handle = handle
            closes = true
        } else {
            handle = FileHandle.standardOutput
            closes = false
        }
        buffer.reserveCapacity(1 << 20)
    }

    public func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { flush() }
    }

    public func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    public func close() throws {
        flush()
        if closes { try handle.close() }
    }
}

public enum ExportError: Error, CustomStringConvertible {
    case cannotWrite(String)
    case needsDirectory

    public var description: String {
        switch self {
        case .cannotWrite(let path): "cannot write \(path)"
        case .needsDirectory: "the csv export writes one file per table: give --out DIRECTORY"
        }
    }
}
