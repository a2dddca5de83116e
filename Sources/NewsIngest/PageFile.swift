import Foundation
import NewsPage

/// Reads a saved page from disk, gzip'd or not, and parses it as HTML or as page text by its content.
public enum PageFile {
    public struct ReadError: Error, CustomStringConvertible {
        public let path: String
        public let reason: String

        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }

        public var description: String { "\(path): \(reason)" }
    }

    /// The page's bytes, inflated when they are gzip data (whatever the file's name says).
    public static func readBytes(path: String) throws -> [UInt8] {
        do {
            let file = try PrefixedByteStream(source: try FileByteStream(path: path), peek: 2)
            let stream: any ByteStream = file.prefix.starts(with: [0x1F, 0x8B]) ? try GzipByteStream(source: file) : file
            var bytes: [UInt8] = []
            while true {
                let chunk = try stream.read(maximum: 1 << 20)
                if chunk.isEmpty { return bytes }
                bytes += chunk
            }
        } catch {
            throw ReadError(path: path, reason: "\(error)")
        }
    }

    /// Parses a page's bytes: HTML (by its name, `.html` or `.htm`, or by its content) through the
    /// DOM, anything else as page text.
    public static func parse(_ bytes: [UInt8], origin: String, explain: Bool = false) throws -> ParsedPage {
        if DumpFormat.byExtension(origin) == .some(.html) || HTMLPageParser.looksLikeHTML(bytes) {
            return HTMLPageParser.parse(bytes, origin: origin, explain: explain)
        }
        switch TextDecoding.decode(bytes) {
        case .success(let text): return PageParser.parse(text, origin: origin, explain: explain)
        case .failure(let failure): throw ReadError(path: origin, reason: failure.description)
        }
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
