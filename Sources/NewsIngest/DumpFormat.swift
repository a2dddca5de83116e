import Foundation
import NewsPage

/// The kinds of input `newsdb ingest` reads.
public enum DumpFormat: String, Sendable, CaseIterable {
    /// One saved page per file.
    case page
    /// One JSON object per line (JSONL, NDJSON).
    case jsonl
    /// Comma-separated values with a header row.
    case csv
    /// Tab-separated values with a header row.
    case tsv
    /// One saved HTML page per file.
    case html
    /// A web archive (WARC, or WET page text), records read one by one.
    case warc

    /// The format an extension names; nil for extensions that are not dumps (images, HTML, archives).
    /// `.gz` is looked through: `news.jsonl.gz` is JSONL.
    public static func byExtension(_ path: String) -> DumpFormat?? {
        // Called once per file of a walk, so the name is cut from the path's bytes.
        let bytes = path.utf8
        var name = bytes[(bytes.lastIndex(of: UInt8(ascii: "/")).map(bytes.index(after:)) ?? bytes.startIndex)...]
        if name.count > 3, String(decoding: name.suffix(3), as: UTF8.self).lowercased() == ".gz" { name = name.dropLast(3) }
        guard let dot = name.lastIndex(of: UInt8(ascii: ".")), dot != name.startIndex else { return .some(nil) }
        switch String(decoding: name[name.index(after: dot)...], as: UTF8.self).lowercased() {
        case "txt", "text": return .some(.page)
        case "jsonl", "ndjson", "json": return .some(.jsonl)
        case "csv": return .some(.csv)
        case "tsv", "tab": return .some(.tsv)
        case "html", "htm", "xhtml", "shtml": return .some(.html)
        case "warc", "wet": return .some(.warc)
        default: return nil
        }
    }

    /// True for bytes that open a JSON array of objects: `[`, white space, `{` (a page of text may open
    /// with "[Updated]", which is not this).
    static func opensJSONArray(_ bytes: ArraySlice<UInt8>) -> Bool {
        let start = bytes.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }
        guard start.first == UInt8(ascii: "[") else { return false }
        let next = start.dropFirst().drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        return next.first == UInt8(ascii: "{") || next.first == UInt8(ascii: "]")
    }

    /// Guesses from the first bytes: `WARC/` opens an archive, a doctype or `<html>` a page of HTML,
    /// a `{` JSON lines; a first line with separators and known column names is a table; anything
    /// else is page text.
    public static func sniff(_ bytes: [UInt8]) -> DumpFormat {
        let start = bytes.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }
        if start.starts(with: Array("WARC/".utf8)) { return .warc }
        if HTMLPageParser.looksLikeHTML(start) { return .html }
        if start.first == UInt8(ascii: "{") || opensJSONArray(start) { return .jsonl }
        let firstLine = String(decoding: start.prefix { $0 != 0x0A && $0 != 0x0D }, as: UTF8.self).lowercased()
        let known = FieldMapping.allKnownNames
        for (separator, format) in [("\t", DumpFormat.tsv), (",", DumpFormat.csv)] {
            let names = firstLine.split(separator: Character(separator)).map { $0.trimmingCharacters(in: .init(charactersIn: "\" \r")) }
            if names.count >= 2, names.filter({ known.contains($0) }).count >= 2 { return format }
        }
        return .page
    }
}
