import Foundation
import NewsStore

/// One file (or standard input) to load, with its format and why that format was chosen.
public struct InputFile: Sendable, Equatable {
    public var path: String
    /// For a format decided by content, the reader looks at the first bytes again when it opens the
    /// file: the walk that feeds the reader does not open files.
    public var format: DumpFormat
    public var gzip: Bool
    /// "by extension", "by content", "as asked".
    public var decidedBy: String
    /// Size and identity (modification time to the nanosecond, device, inode), for skipping files
    /// already loaded; nil for standard input.
    public var size: Int64?
    public var identity: String?
    /// The path with links and dots resolved: what "already loaded" is keyed by.
    public var resolved: String?

    public init(
        path: String, format: DumpFormat, gzip: Bool, decidedBy: String, size: Int64? = nil, identity: String? = nil,
        resolved: String? = nil
    ) {
        self.path = path
        self.format = format
        self.gzip = gzip
        self.decidedBy = decidedBy
        self.size = size
        self.identity = identity
        self.resolved = resolved
    }

    public var displayName: String { path == "-" ? "<stdin>" : path }

    /// The file's row in `ingest_files` once `records` of it are loaded.
    public func stamp(records: Int = 0) -> IngestLog.FileStamp? {
        guard let size, let identity else { return nil }
        return IngestLog.FileStamp(path: resolved ?? path, size: size, modified: identity, records: records)
    }
}

/// What the walk of the given paths finds, one input at a time, in a stable order.
public enum PlannedInput: Sendable {
    case file(InputFile)
    /// Read as nothing at all, with the reason (hidden files, other kinds of file).
    case skipped(path: String, reason: String)
    /// Cannot be loaded at all (missing, empty, unreadable folder); it becomes a reject.
    case reject(IngestLog.Reject)
}

/// Expands the paths given to `newsdb ingest` into files, in a stable order, without ever holding
/// the list: folders are walked again, lazily, when the files are read.
public enum InputPlanner {
    /// The paths to read and what a first walk over them found, for the report before the load
    /// and the totals of its progress line.
    public struct Plan: Sendable {
        public let paths: [String]
        public let format: DumpFormat?
        /// Links to files inside the input folders are read (`--follow-links`); otherwise skipped.
        public var followsLinks = false
        public var survey = Survey()

        /// The inputs in walk order. Without sniffing, files whose format is decided by content
        /// are not opened here (the reader sniffs them as it opens them).
        public func inputs(sniffing: Bool = false) -> PlannedInputs {
            PlannedInputs(paths: paths, format: format, sniffing: sniffing, followsLinks: followsLinks)
        }
    }

    public struct Survey: Sendable {
        /// Files found, grouped by how their format was decided ("page by extension"), in the
        /// order each group was first seen.
        public var decisions: [(decision: String, files: Int)] = []
        public var files = 0
        /// The file when there is exactly one.
        public var onlyFile: InputFile?
        /// The first few files read as nothing, and how many there are in all.
        public var skipped: [(path: String, reason: String)] = []
        public var skippedCount = 0
        public var rejectedCount = 0
        /// Files an earlier run loaded that have not changed since (they are not read again).
        public var alreadyLoaded = 0
        public var filesToRead = 0
        /// Bytes of the files to read; nil when some are compressed or standard input.
        public var bytesToRead: Int64? = 0
        /// Bytes the files to read take on disk, compressed ones as stored (standard input counts 0).
        public var bytesOnDisk: Int64 = 0

        static let skippedShown = 10
    }

    /// Walks the paths once to count what is there; `isLoaded` tells files an earlier run loaded.
    public static func plan(
        paths: [String], format: DumpFormat?, followsLinks: Bool = false, isLoaded: ((IngestLog.FileStamp) -> Bool)? = nil
    ) -> Plan {
        var plan = Plan(paths: paths, format: format, followsLinks: followsLinks)
        var inputs = plan.inputs(sniffing: true)
        var groups: [String: Int] = [:]
        while let input = inputs.next() {
            switch input {
            case .file(let file):
                let decision = "\(file.format.rawValue)\(file.gzip ? " (gzip)" : "") \(file.decidedBy)"
                if let index = groups[decision] {
                    plan.survey.decisions[index].files += 1
                } else {
                    groups[decision] = plan.survey.decisions.count
                    plan.survey.decisions.append((decision, 1))
                }
                plan.survey.files += 1
                plan.survey.onlyFile = plan.survey.files == 1 ? file : nil
                if let isLoaded, let stamp = file.stamp(), isLoaded(stamp) {
                    plan.survey.alreadyLoaded += 1
                    continue
                }
                plan.survey.filesToRead += 1
                plan.survey.bytesOnDisk += file.size ?? 0
                if let total = plan.survey.bytesToRead, !file.gzip, let size = file.size {
                    plan.survey.bytesToRead = total + size
                } else {
                    plan.survey.bytesToRead = nil
                }
            case .skipped(let path, let reason):
                if plan.survey.skipped.count < Survey.skippedShown { plan.survey.skipped.append((path, reason)) }
                plan.survey.skippedCount += 1
            case .reject:
                plan.survey.rejectedCount += 1
            }
        }
        return plan
    }
}

/// The walk behind a plan: each path given, folders expanded in path order.
public struct PlannedInputs: IteratorProtocol, Sequence {
    private var paths: ArraySlice<String>
    private let format: DumpFormat?
    private let sniffing: Bool
    private let followsLinks: Bool
    private var walk: DirectoryWalk?
    private var walkRoot = ""
    private var resolvedWalkRoot = ""

    init(paths: [String], format: DumpFormat?, sniffing: Bool, followsLinks: Bool = false) {
        self.paths = paths[...]
        self.format = format
        self.sniffing = sniffing
        self.followsLinks = followsLinks
    }

    public mutating func next() -> PlannedInput? {
        while true {
            if walk != nil {
                if let entry = walk?.next() { return input(entry) }
                walk = nil
            }
            guard let path = paths.popFirst() else { return nil }
            if path == "-" {
                return .file(InputFile(path: "-", format: format ?? .page, gzip: false, decidedBy: format == nil ? "by content" : "as asked"))
            }
            guard let status = FileStatus(path: path) else {
                let reason = errno == ENOENT ? "no such file or directory" : "cannot read: \(String(cString: strerror(errno)))"
                return .reject(IngestLog.Reject(origin: path, reason: reason))
            }
            if status.isDirectory {
                walk = DirectoryWalk(root: path, followsLinks: followsLinks)
                walkRoot = path
                resolvedWalkRoot = resolvedPath(path)
                continue
            }
            return input(file: path, status: status, explicit: true, resolved: resolvedPath(path))
        }
    }

    private func input(_ entry: DirectoryWalk.Entry) -> PlannedInput {
        func path(_ relative: String) -> String {
            relative.isEmpty ? walkRoot : walkRoot.hasSuffix("/") ? walkRoot + relative : walkRoot + "/" + relative
        }
        switch entry {
        case .file(let relative, let status):
            let resolved = resolvedWalkRoot.hasSuffix("/") ? resolvedWalkRoot + relative : resolvedWalkRoot + "/" + relative
            return input(file: path(relative), status: status, explicit: false, resolved: resolved)
        case .skipped(let relative, let reason): return .skipped(path: path(relative), reason: reason)
        case .unreadable(let relative, let reason): return .reject(IngestLog.Reject(origin: path(relative), reason: reason))
        }
    }

    private func input(file path: String, status: FileStatus, explicit: Bool, resolved: String) -> PlannedInput {
        guard status.size > 0 else { return .reject(IngestLog.Reject(origin: path, reason: "empty file")) }
        func file(_ format: DumpFormat, gzip: Bool, decidedBy: String) -> PlannedInput {
            .file(InputFile(path: path, format: format, gzip: gzip, decidedBy: decidedBy, size: status.size, identity: status.identity,
                            resolved: resolved))
        }
        func byContent() -> PlannedInput {
            let sniffed = sniffing ? Self.sniff(path: path) : (format: .page, gzip: false)
            return file(sniffed.format, gzip: sniffed.gzip, decidedBy: "by content")
        }
        // Only a format decided by content needs the first bytes; a compressed file whose name
        // does not say so is still found out when it is opened (see RecordSource).
        let namedGzip = path.lowercased().hasSuffix(".gz")
        if let format { return file(format, gzip: namedGzip, decidedBy: "as asked") }
        switch DumpFormat.byExtension(path) {
        case .some(.some(let byName)):
            return file(byName, gzip: namedGzip, decidedBy: "by extension")
        case .some(.none):
            // No extension: saved pages usually have none, but the content tells.
            return byContent()
        case .none:
            guard explicit else {
                return .skipped(path: path, reason: "not a page or dump file (extension .\((path as NSString).pathExtension))")
            }
            return byContent()
        }
    }

    private static func sniff(path: String) -> (format: DumpFormat, gzip: Bool) {
        let head = firstBytes(of: path)
        let gzip = head.starts(with: [0x1F, 0x8B])
        return (DumpFormat.sniff(gzip ? inflatedHead(of: path) : head), gzip)
    }

    /// The first bytes of a compressed file once inflated; empty when they cannot be read (the
    /// reader reports why when it opens the file).
    private static func inflatedHead(of path: String) -> [UInt8] {
        guard let stream = try? GzipByteStream(source: try FileByteStream(path: path)) else { return [] }
        return (try? stream.read(maximum: 4096)) ?? []
    }

    private static func firstBytes(of path: String) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        return [UInt8]((try? handle.read(upToCount: 4096)) ?? Data())
    }
}

/// What one stat(2) call says about a path: a directory walk of a million files makes one call per
/// file instead of FileManager's several.
struct FileStatus: Equatable {
    var isDirectory: Bool
    var isRegular: Bool
    var size: Int64
    /// Modification time, seconds since 1970.
    var modified: Double
    /// The file's identity for "already loaded": modification time to the nanosecond, device and inode.
    /// A rewrite within the same second, or another file at the same path, changes it.
    var identity: String

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.init(info)
    }

    init(_ info: stat) {
        isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
        isRegular = (info.st_mode & S_IFMT) == S_IFREG
        size = Int64(info.st_size)
        modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
        let seconds = ISODate.format(Date(timeIntervalSince1970: Double(info.st_mtim.tv_sec)))
        let nanoseconds = String(info.st_mtim.tv_nsec)
        identity = "\(seconds) +\(String(repeating: "0", count: max(0, 9 - nanoseconds.count)))\(nanoseconds)ns dev \(info.st_dev) inode \(info.st_ino)"
    }

    /// The status of the path itself when it is a symbolic link (nil when it is not one, or cannot be read).
    static func link(at path: String) -> stat? {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return nil }
        return info
    }
}

/// The path with every link and "." or ".." resolved, for keying files already loaded (the same
/// file given as `./a/x.txt` and `/home/me/a/x.txt` is one file); the path itself when it cannot be.
func resolvedPath(_ path: String) -> String {
    guard let resolved = realpath(path, nil) else { return path }
    defer { free(resolved) }
    return String(cString: resolved)
}
