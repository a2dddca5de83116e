import Foundation

/// Walks a folder tree in path order, holding one sorted listing per open folder and nothing else.
///
/// A dump of a million page files is walked in memory proportional to its largest folder: each
/// listing keeps its names packed end to end in one byte array. A folder's name is sorted with a
/// "/" after it, so the walk yields files in the order of their full relative paths ("a.txt"
/// before "a/b.txt", as a sort of the whole paths would).
struct DirectoryWalk: IteratorProtocol {
    enum Entry: Equatable {
        /// A regular file (or, when links are followed, a link to one inside the root), with its path
        /// relative to the root.
        case file(relative: String, status: FileStatus)
        /// Read as nothing: hidden files and folders, links (unless followed), sockets, devices.
        case skipped(relative: String, reason: String)
        /// A folder (the root included, as "") or a name that cannot be read.
        case unreadable(relative: String, reason: String)
    }

    private let root: String
    /// Follow links to files whose target lies inside the root (`--follow-links`).
    private let followsLinks: Bool
    /// The root with its links resolved, for telling whether a link's target lies inside it.
    private let resolvedRoot: String
    private var stack: [(prefix: String, listing: DirectoryListing, position: Int)] = []
    private var pending: Entry?

    init(root: String, followsLinks: Bool = false) {
        self.root = root.hasSuffix("/") ? root : root + "/"
        self.followsLinks = followsLinks
        let resolved = resolvedPath(root)
        resolvedRoot = resolved.hasSuffix("/") ? resolved : resolved + "/"
        do {
            stack = [("", try DirectoryListing(path: self.root), 0)]
        } catch {
            pending = .unreadable(relative: "", reason: "directory cannot be read: \(error)")
        }
    }

    mutating func next() -> Entry? {
        if let entry = pending {
            pending = nil
            return entry
        }
        while let top = stack.indices.last {
            let (prefix, listing, position) = stack[top]
            guard position < listing.count else {
                stack.removeLast()
                continue
            }
            stack[top].position += 1
            guard let name = listing.name(at: position) else {
                return .unreadable(relative: prefix + listing.lossyName(at: position), reason: "name is not valid UTF-8")
            }
            let relative = prefix + name
            if name.hasPrefix(".") { return .skipped(relative: relative, reason: "hidden") }
            switch listing.kind(at: position) {
            case .directory:
                // The listing sorted the folder as "name/"; its files follow with that prefix.
                do {
                    stack.append((relative + "/", try DirectoryListing(path: root + relative), 0))
                } catch {
                    return .unreadable(relative: relative, reason: "directory cannot be read: \(error)")
                }
            case .other:
                if FileStatus.link(at: root + relative) != nil {
                    if FileStatus(path: root + relative)?.isDirectory == true {
                        return .skipped(relative: relative, reason: "link to a folder, not followed")
                    }
                    guard followsLinks else {
                        return .skipped(relative: relative, reason: "link to a file, not followed (--follow-links follows links to files inside the input folders)")
                    }
                    guard resolvedPath(root + relative).hasPrefix(resolvedRoot) else {
                        return .skipped(relative: relative, reason: "a link to a file outside the input folder, not followed")
                    }
                }
                guard let status = FileStatus(path: root + relative) else {
                    return .unreadable(relative: relative, reason: "cannot read: \(String(cString: strerror(errno)))")
                }
                if status.isDirectory { return .skipped(relative: relative, reason: "link to a folder, not followed") }
                guard status.isRegular else { return .skipped(relative: relative, reason: "not a regular file") }
                return .file(relative: relative, status: status)
            }
        }
        return nil
    }
}

/// The names in one folder, sorted by their bytes, folders with a "/" after their name.
struct DirectoryListing {
    enum Kind: UInt8 {
        case directory
        /// A file, a link or anything readdir(3) does not name: stat(2) decides.
        case other
    }

    struct OpenError: Error, CustomStringConvertible {
        var code: Int32
        var description: String { String(cString: strerror(code)) }
    }

    private var bytes: [UInt8] = []
    /// Where each name starts in `bytes`, with one more start for the end of the last name.
    private var starts: [Int32] = [0]
    private var kinds: [Kind] = []
    private var order: [Int32] = []

    init(path: String) throws {
        guard let directory = opendir(path) else { throw OpenError(code: errno) }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let isDirectory = entry.pointee.d_type == UInt8(DT_DIR)
            let added = withUnsafeBytes(of: entry.pointee.d_name) { raw -> Bool in
                let name = raw.prefix { $0 != 0 }
                if name.elementsEqual([0x2E]) || name.elementsEqual([0x2E, 0x2E]) { return false }
                bytes.append(contentsOf: name)
                return true
            }
            guard added else { continue }
            if isDirectory { bytes.append(UInt8(ascii: "/")) }
            kinds.append(isDirectory ? .directory : .other)
            starts.append(Int32(bytes.count))
        }
        order = Array(0..<Int32(kinds.count))
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            order.sort { first, second in
                let (a, b) = (Int(first), Int(second))
                let aStart = Int(starts[a]), bStart = Int(starts[b])
                let aCount = Int(starts[a + 1]) - aStart, bCount = Int(starts[b + 1]) - bStart
                let common = memcmp(base + aStart, base + bStart, min(aCount, bCount))
                return common != 0 ? common < 0 : aCount < bCount
            }
        }
    }

    var count: Int { order.count }

    func kind(at position: Int) -> Kind { kinds[Int(order[position])] }

    /// The name at a sorted position without the folder's "/"; nil when it is not UTF-8.
    func name(at position: Int) -> String? {
        String(validating: nameBytes(at: position), as: UTF8.self)
    }

    func lossyName(at position: Int) -> String {
        String(decoding: nameBytes(at: position), as: UTF8.self)
    }

    private func nameBytes(at position: Int) -> ArraySlice<UInt8> {
        let index = Int(order[position])
        let end = Int(starts[index + 1]) - (kinds[index] == .directory ? 1 : 0)
        return bytes[Int(starts[index])..<end]
    }
}
