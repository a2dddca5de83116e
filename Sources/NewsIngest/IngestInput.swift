import Foundation
import NewsStore

/// One file (or standard input) to load, with its format and why that format was chosen.
public struct InputFile: Sendable, Equatable {
    public var path: String
    public var format: DumpFormat
    public var gzip: Bool
    /// "by extension", "by content", "as asked".
    public var decidedBy: String
    /// Size and modification time (seconds since 1970), for skipping files already loaded; nil
    /// for standard input. Kept as numbers: a plan can list a million files.
    public var size: Int64?
    public var modified: Double?

    public init(path: String, format: DumpFormat, gzip: Bool, decidedBy: String, size: Int64? = nil, modified: Double? = nil) {
        self.path = path
        self.format = format
        self.gzip = gzip
        self.decidedBy = decidedBy
        self.size = size
        self.modified = modified
    }

    public var displayName: String { path == "-" ? "<stdin>" : path }

    /// The file's row in `ingest_files` once `records` of it are loaded.
    public func stamp(records: Int = 0) -> IngestLog.FileStamp? {
        guard let size, let modified else { return nil }
        return IngestLog.FileStamp(path: path, size: size, modified: ISODate.format(Date(timeIntervalSince1970: modified)), records: records)
    }
}

/// Expands the paths given to `newsdb ingest` into files, in a stable order.
public enum InputPlanner {
    public struct Plan: Sendable {
        public var files: [InputFile] = []
        /// Files read as nothing at all, with the reason (hidden files, other kinds of file).
        public var skipped: [(path: String, reason: String)] = []
        /// Files that could not be loaded at all; they become rejects.
        public var rejects: [IngestLog.Reject] = []
    }

    public static func plan(paths: [String], format: DumpFormat?) -> Plan {
        var plan = Plan()
        for path in paths {
            if path == "-" {
                plan.files.append(InputFile(path: "-", format: format ?? .page, gzip: false, decidedBy: format == nil ? "by content" : "as asked"))
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                plan.rejects.append(IngestLog.Reject(origin: path, reason: "no such file or directory"))
                continue
            }
            if isDirectory.boolValue {
                walk(directory: path, format: format, into: &plan)
            } else {
                add(file: path, format: format, explicit: true, into: &plan)
            }
        }
        return plan
    }

    private static func walk(directory: String, format: DumpFormat?, into plan: inout Plan) {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else {
            plan.rejects.append(IngestLog.Reject(origin: directory, reason: "directory cannot be read"))
            return
        }
        // Files go straight into the plan and are sorted there: no second list of a million paths.
        let first = (files: plan.files.count, skipped: plan.skipped.count, rejects: plan.rejects.count)
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            let full = (directory as NSString).appendingPathComponent(relative)
            let status = FileStatus(path: full)
            if name.hasPrefix(".") {
                plan.skipped.append((full, "hidden"))
                if status?.isDirectory == true { enumerator.skipDescendants() }
                continue
            }
            if let status, !status.isDirectory { add(file: full, status: status, format: format, explicit: false, into: &plan) }
        }
        plan.files[first.files...].sort { $0.path < $1.path }
        plan.skipped[first.skipped...].sort { $0.path < $1.path }
        plan.rejects[first.rejects...].sort { $0.origin < $1.origin }
    }

    private static func add(file path: String, status: FileStatus? = nil, format: DumpFormat?, explicit: Bool, into plan: inout Plan) {
        let status = status ?? FileStatus(path: path)
        let size = status?.size ?? 0
        if size == 0 {
            plan.rejects.append(IngestLog.Reject(origin: path, reason: "empty file"))
            return
        }
        let modified = status?.modified ?? 0
        // Only a format decided by content needs the first bytes here; a compressed file whose name
        // does not say so is still found out when it is opened (see RecordSource).
        let namedGzip = path.lowercased().hasSuffix(".gz")
        if let format {
            plan.files.append(InputFile(path: path, format: format, gzip: namedGzip, decidedBy: "as asked", size: size, modified: modified))
            return
        }
        switch DumpFormat.byExtension(path) {
        case .some(.some(let byName)):
            plan.files.append(InputFile(path: path, format: byName, gzip: namedGzip, decidedBy: "by extension", size: size, modified: modified))
        case .some(.none):
            // No extension: saved pages usually have none, but look at the content.
            plan.files.append(byContent(path: path, size: size, modified: modified))
        case .none:
            if explicit {
                plan.files.append(byContent(path: path, size: size, modified: modified))
            } else {
                plan.skipped.append((path, "not a page or dump file (extension .\((path as NSString).pathExtension))"))
            }
        }
    }

    private static func byContent(path: String, size: Int64, modified: Double) -> InputFile {
        let head = firstBytes(of: path)
        let gzip = head.starts(with: [0x1F, 0x8B])
        let format = DumpFormat.sniff(gzip ? inflatedHead(of: path) : head)
        return InputFile(path: path, format: format, gzip: gzip, decidedBy: "by content", size: size, modified: modified)
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
struct FileStatus {
    var isDirectory: Bool
    var size: Int64
    /// Modification time, seconds since 1970.
    var modified: Double

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
        size = Int64(info.st_size)
        modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
    }
}
