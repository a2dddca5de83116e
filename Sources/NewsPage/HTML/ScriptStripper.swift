import Foundation

/// Empties the `<script>`, `<style>` and `<svg>` elements of a page before libxml2 parses it: on news
/// pages more than half the bytes are inline code and icons, which libxml2 would otherwise read
/// character by character only for the article's extraction to throw away. JSON-LD scripts are kept whole (the
/// page's own metadata). The tags themselves stay, so the document's structure is unchanged.
enum ScriptStripper {
    static func strip(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { input in
            var output: [UInt8] = []
            output.reserveCapacity(input.count)
            var copied = 0
            var index = 0
            while let open = nextOpening(in: input, from: index) {
                // Past the opening tag's ">".
                guard let tagEnd = firstIndex(of: UInt8(ascii: ">"), in: input, from: open.start) else { break }
                let contentStart = tagEnd + 1
                let isData = open.kind == .script && contains(Array("ld+json".utf8), in: input, range: open.start..<tagEnd)
                guard let close = closing(open.kind.closing, in: input, from: contentStart) else { break }
                if !isData {
                    output.append(contentsOf: input[copied..<contentStart])
                    copied = close
                }
                index = close
            }
            if copied == 0 { return bytes }
            output.append(contentsOf: input[copied...])
            return output
        }
    }

    private enum Kind: CaseIterable {
        case script
        case style
        case svg

        var opening: [UInt8] {
            switch self {
            case .script: Array("<script".utf8)
            case .style: Array("<style".utf8)
            case .svg: Array("<svg".utf8)
            }
        }

        var closing: [UInt8] {
            switch self {
            case .script: Array("</script".utf8)
            case .style: Array("</style".utf8)
            case .svg: Array("</svg".utf8)
            }
        }
    }

    private static let openings = Kind.allCases.map { ($0, $0.opening) }

    /// The next `<script`, `<style` or `<svg` tag (followed by a space, `>` or `/`).
    private static func nextOpening(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (start: Int, kind: Kind)? {
        var index = start
        while let less = firstIndex(of: UInt8(ascii: "<"), in: bytes, from: index) {
            index = less + 1
            // Most tags are none of these: one byte rules them out.
            guard index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "s") else { continue }
            guard let (kind, word) = openings.first(where: { matches($0.1, in: bytes, at: less) }) else { continue }
            let after = less + word.count
            if after < bytes.count, bytes[after] == 0x20 || bytes[after] == 0x3E || bytes[after] == 0x2F
                || bytes[after] == 0x0A || bytes[after] == 0x09 || bytes[after] == 0x0D
            {
                return (less, kind)
            }
        }
        return nil
    }

    /// Where the closing tag starts, or nil when the element is never closed (left as it is).
    private static func closing(_ word: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        while let less = firstIndex(of: UInt8(ascii: "<"), in: bytes, from: index) {
            if less + 1 < bytes.count, bytes[less + 1] == UInt8(ascii: "/"), matches(word, in: bytes, at: less) { return less }
            index = less + 1
        }
        return nil
    }

    /// True when `word` (lower case ASCII) is at `index`, ignoring ASCII case.
    private static func matches(_ word: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index + word.count <= bytes.count else { return false }
        for offset in 0..<word.count where bytes[index + offset] | 0x20 != word[offset] | 0x20 { return false }
        return true
    }

    private static func contains(_ word: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> Bool {
        guard range.count >= word.count else { return false }
        return (range.lowerBound...(range.upperBound - word.count)).contains { matches(word, in: bytes, at: $0) }
    }

    private static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < bytes.count, let base = bytes.baseAddress,
            let found = memchr(base + start, Int32(byte), bytes.count - start)
        else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
}
