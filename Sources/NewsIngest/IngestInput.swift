import Foundation
import NewsStore

/// One file (or standard input) to load, with its format and why that format was chosen.
public struct InputFile: Sendable, Equatable {
    public var path: String
    public var format: DumpFormat
    public var gzip: Bool
    /// "by extension", "by content", "as asked".
    public var decidedBy: String
    /// Size and modification time, for skipping files already loaded; nil for standard input.
    public var stamp: IngestLog.FileStamp?

    public var displayName: String { path == "-" ? "<stdin>" : path }
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
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            let full = (directory as NSString).appendingPathComponent(relative)
            if name.hasPrefix(".") {
                plan.skipped.append((full, "hidden"))
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), isDirectory.boolValue {
                    enumerator.skipDescendants()
                }
                continue
            }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(full)
            }
        }
        for file in files.sorted() {
            add(file: file, format: format, explicit: false, into: &plan)
        }
    }

    private static func add(file path: String, format: DumpFormat?, explicit: Bool, into plan: inout Plan) {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let size = (attributes?[.size] as? NSNumber)?.int64Value ?? 0
        let modified = (attributes?[.modificationDate] as? Date).map(ISODate.format) ?? ""
        let stamp = IngestLog.FileStamp(path: path, size: size, modified: modified, records: 0)
        if size == 0 {
            plan.rejects.append(IngestLog.Reject(origin: path, reason: "empty file"))
            return
        }
        let head = firstBytes(of: path)
        let gzip = head.starts(with: [0x1F, 0x8B])
        if let format {
            plan.files.append(InputFile(path: path, format: format, gzip: gzip, decidedBy: "as asked", stamp: stamp))
            return
        }
        switch DumpFormat.byExtension(path) {
        case .some(.some(let byName)):
            plan.files.append(InputFile(path: path, format: byName, gzip: gzip, decidedBy: "by extension", stamp: stamp))
        case .some(.none):
            // No extension: saved pages usually have none, but look at the content.
            plan.files.append(InputFile(path: path, format: DumpFormat.sniff(gzip ? [] : head), gzip: gzip, decidedBy: "by content", stamp: stamp))
        case .none:
            if explicit {
                plan.files.append(InputFile(path: path, format: DumpFormat.sniff(gzip ? [] : head), gzip: gzip, decidedBy: "by content", stamp: stamp))
            } else {
                plan.skipped.append((path, "not a page or dump file (extension .\((path as NSString).pathExtension))"))
            }
        }
    }

    private static func firstBytes(of path: String) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        return [UInt8]((try? handle.read(upToCount: 4096)) ?? Data())
    }
}
