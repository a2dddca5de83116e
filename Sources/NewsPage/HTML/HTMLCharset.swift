import Foundation

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
        // The web's most common other charset is decoded here, so its five unassigned bytes become
        // U+FFFD instead of stopping libxml2's converter in the middle of the page.
        if name == "windows-1252" { return (windows1252ToUTF8(bytes), "utf-8") }
        // Any other charset is converted here too (iconv, a bad sequence becoming U+FFFD), as
        // libxml2's own conversion stops at the first bad byte and drops the rest of the page; a
        // charset iconv does not know is read as UTF-8.
        return (transcodedToUTF8(bytes, from: name) ?? repairedUTF8(bytes).bytes, "utf-8")
    }

    /// The charset named in a Content-Type value ("text/html; charset=ISO-8859-1").
    static func fromContentType(_ value: String) -> String? {
        let lower = value.lowercased()
        guard let range = lower.range(of: "charset=") else { return nil }
        let name = lower[range.upperBound...].prefix { !";, ".contains($0) }.trimmed { "\"'".contains($0) }
        return name.isEmpty ? nil : name
    }

    /// `<meta charset="…">` or `<meta http-equiv="Content-Type" content="…; charset=…">` near the top,
    /// found on the bytes (every page is asked).
    static func metaCharset(in bytes: [UInt8]) -> String? {
        let head = bytes.prefix(declarationReach)
        let meta = Array("<meta".utf8)
        let charset = Array("charset=".utf8)
        var index = head.startIndex
        while let start = find(meta, in: head, from: index) {
            let tagEnd = head[start...].firstIndex(of: UInt8(ascii: ">")) ?? head.endIndex
            if let found = find(charset, in: head[start..<tagEnd], from: start) {
                let value = head[(found + charset.count)..<tagEnd].drop { $0 == 0x22 || $0 == 0x27 || $0 == 0x20 }
                    .prefix { !($0 == 0x22 || $0 == 0x27 || $0 == 0x3B || $0 == 0x20 || $0 == 0x2F || $0 == 0x3E) }
                if let known = normalised(String(decoding: value, as: UTF8.self)) { return known }
            }
            index = tagEnd
        }
        return nil
    }

    /// Where `needle` (lower case ASCII) starts in `bytes` from `start`, ignoring ASCII case.
    private static func find(_ needle: [UInt8], in bytes: ArraySlice<UInt8>, from start: Int) -> Int? {
        guard !needle.isEmpty, bytes.endIndex - start >= needle.count else { return nil }
        var index = start
        while index <= bytes.endIndex - needle.count {
            if bytes[index] | 0x20 == needle[0] {
                var matched = 1
                while matched < needle.count, bytes[index + matched] | 0x20 == needle[matched] | 0x20 { matched += 1 }
                if matched == needle.count { return index }
            }
            index += 1
        }
        return nil
    }

    /// The name libxml2 is given; labels browsers treat as another charset are mapped to it.
    private static func normalised(_ label: String) -> String? {
        let name = label.trimmed { " \t\"'".contains($0) }.lowercased()
        guard !name.isEmpty, name.count <= 40 else { return nil }
        switch name {
        case "utf8", "utf-8", "unicode-1-1-utf-8": return "utf-8"
        // A page cannot be UTF-16 once its bytes have been read as ASCII up to the declaration.
        case "utf-16", "utf-16le", "utf-16be": return "utf-8"
        case "iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii", "cp1252": return "windows-1252"
        default: return name
        }
    }

    /// Validity checked on the bytes without making a String: ASCII runs are stepped over eight bytes
    /// at a time, and each multi-byte sequence is checked for its lead byte, its continuation bytes,
    /// overlong forms, surrogates and the Unicode range.
    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            let count = raw.count
            var index = 0
            while index < count {
                if index + 8 <= count, raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    index += 8
                    continue
                }
                let lead = raw[index]
                if lead < 0x80 {
                    index += 1
                    continue
                }
                let length: Int
                var low: UInt8 = 0x80
                var high: UInt8 = 0xBF
                switch lead {
                case 0xC2...0xDF: length = 2
                case 0xE0: length = 3; low = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED: length = 3; high = 0x9F
                case 0xF0: length = 4; low = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4: length = 4; high = 0x8F
                default: return false
                }
                guard index + length <= count, (low...high).contains(raw[index + 1]) else { return false }
                for offset in 2..<length where raw[index + offset] & 0xC0 != 0x80 { return false }
                index += length
            }
            return true
        }
    }

    /// `bytes` in `charset` converted to UTF-8 by iconv, each sequence it cannot convert replaced by
    /// U+FFFD; nil when iconv does not know the charset.
    static func transcodedToUTF8(_ bytes: [UInt8], from charset: String) -> [UInt8]? {
        let converter = iconv_open("UTF-8", charset)
        guard Int(bitPattern: converter) != -1 else { return nil }
        defer { iconv_close(converter) }
        var output = [UInt8](repeating: 0, count: bytes.count * 4 + 16)
        var produced = 0
        var input = bytes
        let inputCount = input.count
        input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                var consumed = 0
                while consumed < inputCount {
                    var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(source.baseAddress! + consumed)
                        .assumingMemoryBound(to: CChar.self)
                    var inLeft = inputCount - consumed
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(target.baseAddress! + produced)
                        .assumingMemoryBound(to: CChar.self)
                    var outLeft = target.count - produced - 3
                    let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                    produced = target.count - 3 - outLeft
                    consumed = inputCount - inLeft
                    if result != -1 || consumed >= inputCount { break }
                    // A byte that is not the charset's (or a sequence cut off at the end): U+FFFD, then on.
                    guard errno == EILSEQ || errno == EINVAL else { break }
                    target[produced] = 0xEF
                    target[produced + 1] = 0xBF
                    target[produced + 2] = 0xBD
                    produced += 3
                    consumed += 1
                    // Restart the converter's shift state after the bad byte.
                    iconv(converter, nil, nil, nil, nil)
                }
            }
        }
        return Array(output.prefix(produced))
    }

    /// Windows-1252 (and Latin-1, which browsers read as it) to UTF-8.
    static func windows1252ToUTF8(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 {
                output.append(byte)
                continue
            }
            let scalar: UInt32 = byte >= 0xA0 ? UInt32(byte) : windows1252High[Int(byte - 0x80)]
            output.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8))
        }
        return output
    }

    /// Code points of bytes 0x80-0x9F in Windows-1252; the five unassigned ones are U+FFFD.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]

    private static func repairedUTF8(_ bytes: [UInt8]) -> (bytes: [UInt8], encoding: String) {
        if isValidUTF8(bytes) { return (bytes, "utf-8") }
        return (Array(String(decoding: bytes, as: UTF8.self).utf8), "utf-8")
    }
}
