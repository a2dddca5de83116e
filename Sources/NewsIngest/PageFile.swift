import Foundation

/// Reads a saved page from disk as text.
public enum PageFile {
    public struct ReadError: Error, CustomStringConvertible {
        public let path: String
        public let reason: String

        public var description: String { "\(path): \(reason)" }
    }

    public static func read(path: String) throws -> String {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file"
            throw ReadError(path: path, reason: reason)
        }
        return try decode(data, path: path)
    }

    public static func decode(_ data: Data, path: String) throws -> String {
        switch TextDecoding.decode(data) {
        case .success(let text): return text
        case .failure(let failure): throw ReadError(path: path, reason: failure.description)
        }
    }
}
