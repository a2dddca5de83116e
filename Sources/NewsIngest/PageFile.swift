import Foundation

/// Reads a saved page from disk as text, whatever its encoding turns out to be.
public enum PageFile {
    public enum ReadError: Error, CustomStringConvertible {
        case unreadable(path: String, reason: String)
        case binary(path: String)

        public var description: String {
            switch self {
            case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
            case .binary(let path): "\(path) is not text (it contains NUL bytes)"
            }
        }
    }

    /// UTF-8 when the bytes are valid UTF-8 (a BOM is dropped later), else Windows-1252, which
    /// decodes any byte: old scrapers saved pages that way.
    public static func read(path: String) throws -> String {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ReadError.unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        return try decode(data, path: path)
    }

    public static func decode(_ data: Data, path: String) throws -> String {
        if data.prefix(4096).contains(0) { throw ReadError.binary(path: path) }
        if let text = String(data: data, encoding: .utf8) { return text }
        return String(data: data, encoding: .windowsCP1252) ?? String(decoding: data, as: UTF8.self)
    }
}
