import Foundation

/// Buffered output of an export, so exports stream without holding rows, and never harm what sits
/// at the target path:
///
/// - no file yet, or a regular file: the export is written to a new file beside it and renamed over
///   the target only once complete (a failed or killed export leaves the old file, or nothing, under
///   the target's name); a replaced file keeps its permissions;
/// - a FIFO, a character device (`/dev/null`, a terminal) or standard output: written straight to;
/// - a directory, a symbolic link or anything else: refused, with the reason.
///
/// Every write is checked: an error (a full disk, a file size limit, a closed pipe) is thrown with the
/// path and the reason, and the file beside the target is removed.
public final class ExportSink {
    private let descriptor: Int32
    /// Where the finished export goes, and the file it is written to until then (nil when written straight).
    private let target: String
    private let temporary: String?
    private var buffer: [UInt8] = []
    private var closed = false

    /// Bytes gathered before a write.
    static let bufferBytes = 1 << 20

    /// `path` nil writes to standard output.
    public init(path: String?) throws {
        buffer.reserveCapacity(Self.bufferBytes)
        guard let path else {
            descriptor = STDOUT_FILENO
            target = "standard output"
            temporary = nil
            return
        }
        target = path
        var status = stat()
        if lstat(path, &status) == 0 {
            switch status.st_mode & S_IFMT {
            case S_IFREG:
                guard access(path, W_OK) == 0 else { throw ExportError.cannotWrite(path, reason: Self.reason(errno)) }
                (descriptor, temporary) = try Self.createBeside(path, mode: status.st_mode & 0o7777)
            case S_IFIFO, S_IFCHR:
                descriptor = open(path, O_WRONLY | O_CLOEXEC)
                guard descriptor >= 0 else { throw ExportError.cannotWrite(path, reason: Self.reason(errno)) }
                temporary = nil
            case S_IFDIR:
                throw ExportError.cannotWrite(path, reason: "it is a directory")
            case S_IFLNK:
                throw ExportError.cannotWrite(path, reason: "it is a symbolic link, which an export does not follow; give the path it points to")
            default:
                throw ExportError.cannotWrite(path, reason: "it is not a regular file, a FIFO or a device")
            }
        } else if errno == ENOENT {
            let mask = umask(0)
            umask(mask)
            (descriptor, temporary) = try Self.createBeside(path, mode: 0o666 & ~mask)
        } else {
            throw ExportError.cannotWrite(path, reason: Self.reason(errno))
        }
    }

    deinit {
        if !closed {
            if descriptor != STDOUT_FILENO { Foundation.close(descriptor) }
            if let temporary { unlink(temporary) }
        }
    }

    public func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.bufferBytes { try flush() }
    }

    public func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                let failure = errno
                abandon()
                throw ExportError.cannotWrite(target, reason: Self.reason(failure))
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is left, makes it durable and, for a file, puts it in place of the target.
    public func close() throws {
        try flush()
        guard let temporary else {
            closed = true
            if descriptor != STDOUT_FILENO, Foundation.close(descriptor) != 0 {
                throw ExportError.cannotWrite(target, reason: Self.reason(errno))
            }
            return
        }
        guard fsync(descriptor) == 0 else {
            let failure = errno
            abandon()
            throw ExportError.cannotWrite(target, reason: Self.reason(failure))
        }
        closed = true
        Foundation.close(descriptor)
        guard rename(temporary, target) == 0 else {
            let failure = errno
            unlink(temporary)
            throw ExportError.cannotWrite(target, reason: Self.reason(failure))
        }
    }

    /// Gives up: the file beside the target goes, the target stays as it was.
    private func abandon() {
        guard !closed else { return }
        closed = true
        if descriptor != STDOUT_FILENO { Foundation.close(descriptor) }
        if let temporary { unlink(temporary) }
    }

    /// A new file in the target's folder (so the rename stays on one file system), named after it.
    private static func createBeside(_ path: String, mode: mode_t) throws -> (Int32, String) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var template = Array((folder + "/." + url.lastPathComponent + ".newsdb-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw ExportError.cannotWrite(path, reason: reason(errno)) }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        fchmod(descriptor, mode)
        return (descriptor, temporary)
    }

    static func reason(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }
}

public enum ExportError: Error, CustomStringConvertible {
    case cannotWrite(String, reason: String)
    case needsDirectory

    public var description: String {
        switch self {
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        case .needsDirectory: "the csv export writes one file per table: give --out DIRECTORY"
        }
    }
}
