import Foundation
import NewsStore

/// One file (or standard input) to load, with its format and why that format was chosen.
///
/// A plan can list a million files, so each is kept small: a walked file shares its folder's path
/// with every other file of the walk and keeps only its relative name (short names fit in the
/// String itself, with no allocation), and its size and time are plain numbers.
public struct InputFile: Sendable, Equatable {
    private var root: String
    private var relative: String
    public var format: DumpFormat
    public var gzip: Bool
    private var decision: Decision
    private var storedSize: Int64
    private var storedModified: Double

    private enum Decision: UInt8 {
        case byExtension, byContent, asAsked
    }

    public init(path: String, format: DumpFormat, gzip: Bool, decidedBy: String, size: Int64? = nil, modified: Double? = nil) {
        self.init(root: path, relative: "", format: format, gzip: gzip, decidedBy: decidedBy, size: size, modified: modified)
    }

    /// A file found under `root` by a directory walk.
    init(root: String, relative: String, format: DumpFormat, gzip: Bool, decidedBy: String, size: Int64?, modified: Double?) {
        self.root = root
        self.relative = relative
        self.format = format
        self.gzip = gzip
        decision = switch decidedBy {
        case "by extension": .byExtension
        case "by content": .byContent
        default: .asAsked
        }
        storedSize = size ?? -1
        storedModified = modified ?? .nan
    }

    public var path: String {
        if relative.isEmpty { return root }
        return root.hasSuffix("/") ? root + relative : root + "/" + relative
    }

    /// "by extension", "by content", "as asked".
    public var decidedBy: String {
        switch decision {
        case .byExtension: "by extension"
        case .byContent: "by content"
        case .asAsked: "as asked"
        }
    }

    /// Size and modification time (seconds since 1970), for skipping files already loaded; nil
    /// for standard input.
    public var size: Int64? { storedSize < 0 ? nil : storedSize }
    public var modified: Double? { storedModified.isNaN ? nil : storedModified }

    public var displayName: String { path == "-" ? "<stdin>" : path }

    /// The file's row in `ingest_files` once `records` of it are loaded.
    public func stamp(records: Int = 0) -> IngestLog.FileStamp? {
        guard let size, let modified else { return nil }
        return IngestLog.FileStamp(path: path, size: size, modified: ISODate.format(Date(timeIntervalSince1970: modified)), records: records)
    }

    /// Orders the files of one walk by path.
    static func walkOrder(_ first: InputFile, _ second: InputFile) -> Bool {
        first.root == second.root ? first.relative < second.relative : first.path < second.path
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
            if let status, !status.isDirectory {
                add(file: full, status: status, format: format, explicit: false, into: &plan, root: directory, relative: relative)
            }
        }
        plan.files[first.files...].sort(by: InputFile.walkOrder)
        plan.skipped[first.skipped...].sort { $0.path < $1.path }
        plan.rejects[first.rejects...].sort { $0.origin < $1.origin }
    }

    private static func add(
        file path: String, status: FileStatus? = nil, format: DumpFormat?, explicit: Bool, into plan: inout Plan,
        root: String? = nil, relative: String = ""
    ) {
        func file(_ format: DumpFormat, gzip: Bool, decidedBy: String, size: Int64, modified: Double) -> InputFile {
            InputFile(root: root ?? path, relative: root == nil ? "" : relative, format: format, gzip: gzip, decidedBy: decidedBy, size: size, modified: modified)
        }
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
            plan.files.append(file(format, gzip: namedGzip, decidedBy: "as asked", size: size, modified: modified))
            return
        }
        switch DumpFormat.byExtension(path) {
        case .some(.some(let byName)):
            plan.files.append(file(byName, gzip: namedGzip, decidedBy: "by extension", size: size, modified: modified))
        case .some(.none):
            // No extension: saved pages usually have none, but look at the content.
            let sniffed = sniff(path: path)
            plan.files.append(file(sniffed.format, gzip: sniffed.gzip, decidedBy: "by content", size: size, modified: modified))
        case .none:
            if explicit {
                let sniffed = sniff(path: path)
                plan.files.append(file(sniffed.format, gzip: sniffed.gzip, decidedBy: "by content", size: size, modified: modified))
            } else {
                plan.skipped.append((path, "not a page or dump file (extension .\((path as NSString).pathExtension))"))
            }
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
