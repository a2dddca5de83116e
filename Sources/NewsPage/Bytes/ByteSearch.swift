import Foundation

/// Substring search on UTF-8 bytes: memchr finds each candidate first byte, memcmp checks the rest.
/// Far cheaper than Foundation's `range(of:)`, which bridges to NSString and normalises first.
enum ByteSearch {
    static func firstOffset(of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !needle.isEmpty else { return 0 }
        guard needle.count <= haystack.count else { return nil }
        let base = haystack.baseAddress!
        let lastStart = haystack.count - needle.count
        var start = 0
        while start <= lastStart {
            guard let hit = memchr(base + start, Int32(needle[0]), lastStart - start + 1) else { return nil }
            let offset = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + offset, needle.baseAddress!, needle.count) == 0 { return offset }
            start = offset + 1
        }
        return nil
    }

    /// The first occurrence of `needle` in `text`, as a range of `text`'s indices.
    static func range(of needle: String, in text: String) -> Range<String.Index>? {
        var needle = needle
        var text = text
        let offset = text.withUTF8 { haystack in needle.withUTF8 { firstOffset(of: $0, in: haystack) } }
        guard let offset else { return nil }
        let lower = text.utf8.index(text.startIndex, offsetBy: offset)
        return lower..<text.utf8.index(lower, offsetBy: needle.utf8.count)
    }
}
