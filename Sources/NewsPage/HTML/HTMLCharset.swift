/// Decides the character set of a page's bytes: a byte-order mark, then the charset the HTTP
/// response or the page itself declares (`<meta charset>`, `http-equiv`), else UTF-8 when the bytes
/// are valid UTF-8 and Windows-1252 (what browsers assume) when they are not.
enum HTMLCharset {
    /// How far into the page a `<meta>` declaration is looked for (browsers look at the first 1024 bytes).
    static let declarationReach = 4096

    /// The bytes to parse and the encoding to parse them as. A page declared as UTF-8 that is not
    /// valid UTF-8 is repaired (bad sequences become U+FFFD) rather than read as another charset.
    static func prepare(_ bytes: [UInt8], declared: String? = nil) -> (bytes: [UInt8], encoding: String) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return repairedUTF8(Array(bytes.dropFirst(3))) }
        if bytes.starts(with: [0xFF, 0xFE]) { return (bytes, "UTF-16LE") }
        if bytes.starts(with: [0xFE, 0xFF]) { return (bytes, "UTF-16BE") }
        let name = (declared.flatMap(normalised) ?? metaCharset(in: bytes)) ?? (isValidUTF8(bytes) ? "utf-8" : "windows-1252")
        if name == "utf-8" { return repairedUTF8(bytes) }
        return (bytes, name)
    }

    /// The charset named in a Content-Type value ("text/html; charset=ISO-8859-1").
    static func fromContentType(_ value: String) -> String? {
        let lower = value.lowercased()
        guard let range = lower.range(of: "charset=") else { return nil }
        let name = lower[range.upperBound...].prefix { !";, ".contains($0) }.trimmingCharacters(in: "\"'")
        return name.isEmpty ? nil : name
    }

    /// `<meta charset="…">` or `<meta http-equiv="Content-Type" content="…; charset=…">` near the top.
    static func metaCharset(in bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(declarationReach), as: UTF8.self).lowercased()
        var searchStart = head.startIndex
        while let meta = head.range(of: "<meta", range: searchStart..<head.endIndex) {
            let tagEnd = head[meta.upperBound...].firstIndex(of: ">") ?? head.endIndex
            let tag = head[meta.upperBound..<tagEnd]
            if let charset = tag.range(of: "charset=") {
                let name = tag[charset.upperBound...].drop { "\"' ".contains($0) }.prefix { !"\"'; />".contains($0) }
                if let known = normalised(String(name)) { return known }
            }
            searchStart = tagEnd
        }
        return nil
    }

    /// The name libxml2 is given; labels browsers treat as another charset are mapped to it.
    private static func normalised(_ label: String) -> String? {
        let name = label.trimmingCharacters(in: " \t\"'").lowercased()
        guard !name.isEmpty, name.count <= 40 else { return nil }
        switch name {
        case "utf8", "utf-8", "unicode-1-1-utf-8": return "utf-8"
        // A page cannot be UTF-16 once its bytes have been read as ASCII up to the declaration.
        case "utf-16", "utf-16le", "utf-16be": return "utf-8"
        case "iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii", "cp1252": return "windows-1252"
        default: return name
        }
    }

    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        // Most pages are ASCII for long stretches: skip those bytes quickly.
        String(validating: bytes, as: UTF8.self) != nil
    }

    private static func repairedUTF8(_ bytes: [UInt8]) -> (bytes: [UInt8], encoding: String) {
        if isValidUTF8(bytes) { return (bytes, "utf-8") }
        return (Array(String(decoding: bytes, as: UTF8.self).utf8), "utf-8")
    }
}

extension StringProtocol {
    fileprivate func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
