import Foundation

/// Drops the attributes nothing in the extraction reads (link targets, image sources, `data-*`,
/// inline styles, handlers) from a page's start tags before libxml2 parses it. Once scripts are
/// emptied, tags are some seven tenths of a news page's bytes, and libxml2 reads every attribute
/// value a character at a time and keeps it as nodes, only for it to be ignored.
///
/// Tags are read as libxml2's HTML parser reads them (names of letters, digits and `:_.-`, quoted
/// values running past `>`, `<script>` and `<style>` contents raw), so the tree it builds is the same
/// but for the dropped attributes. Markup it would read as a bogus attribute, a quote that never
/// closes, or a NUL byte ends the slimming: the rest of the page is left exactly as it is.
enum AttributeSlimmer {
    /// The attributes kept on every element: what `BlockClass` and `PageMetadata` read.
    private static let kept: [ShortName] = [
        "class", "id", "role", "itemprop", "itemtype", "lang", "xml:lang", "content", "name", "property",
        "datetime", "pubdate", "rel", "type", "charset", "http-equiv",
    ].map { ShortName($0.utf8)! }

    /// `href` is read on `<link rel="canonical">` only; on the page's many `<a>` it is dropped.
    private static let href = ShortName("href".utf8)!
    private static let hrefKeptOn = ["link", "base"].map { ShortName($0.utf8)! }
    private static let rawElements = ["script", "style"].map { ShortName($0.utf8)! }

    /// libxml2 reads at most this many bytes of a name; a longer one ends the slimming.
    private static let longestName = 99

    static func slim(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { input in
            guard let base = input.baseAddress, memchr(base, 0, input.count) == nil else { return bytes }
            var slimmer = Pass(input: input)
            slimmer.run()
            guard slimmer.copied > 0 else { return bytes }
            slimmer.output.append(contentsOf: UnsafeBufferPointer(rebasing: input[slimmer.copied...]))
            return slimmer.output
        }
    }

    private struct Pass {
        let input: UnsafeBufferPointer<UInt8>
        var output: [UInt8] = []
        /// Input before this index is in `output` or dropped.
        var copied = 0
        var index = 0

        init(input: UnsafeBufferPointer<UInt8>) {
            self.input = input
        }

        mutating func run() {
            while let less = find(UInt8(ascii: "<"), from: index) {
                index = less + 1
                guard index < input.count else { return }
                let next = input[index]
                if next == UInt8(ascii: "!") {
                    guard skipComment(at: less) else { return }
                } else if AttributeSlimmer.startsName(next) {
                    guard startTag() else { return }
                }
            }
        }

        /// Past `<!-- … -->` (or any other `<!…`, whose `>` libxml2 finds itself); false when a
        /// comment never closes.
        private mutating func skipComment(at less: Int) -> Bool {
            guard less + 4 <= input.count, input[less + 2] == 0x2D, input[less + 3] == 0x2D else { return true }
            var from = less + 4
            while let dash = find(0x2D, from: from) {
                if dash + 2 < input.count, input[dash + 1] == 0x2D, input[dash + 2] == 0x3E {
                    index = dash + 3
                    return true
                }
                from = dash + 1
            }
            return false
        }

        /// Reads a start tag from its name (at `index`), dropping what it need not keep; false when
        /// the tag is not read the way libxml2 would surely read it.
        private mutating func startTag() -> Bool {
            let nameStart = index
            index = nameEnd(from: index)
            guard index - nameStart <= AttributeSlimmer.longestName else { return false }
            let tag = ShortName(input[nameStart..<index])
            while true {
                let blanksStart = index
                skipBlanks()
                guard index < input.count else { return false }
                let byte = input[index]
                if byte == 0x3E { break }
                if byte == 0x2F {
                    guard index + 1 < input.count, input[index + 1] == 0x3E else { return false }
                    break
                }
                guard AttributeSlimmer.startsName(byte) else { return false }
                let attributeStart = index
                index = nameEnd(from: index)
                guard index - attributeStart <= AttributeSlimmer.longestName else { return false }
                let attribute = ShortName(input[attributeStart..<index])
                let afterName = index
                skipBlanks()
                if index < input.count, input[index] == 0x3D {
                    index += 1
                    skipBlanks()
                    guard skipValue() else { return false }
                } else {
                    index = afterName
                    guard index < input.count else { return false }
                    let following = input[index]
                    guard AttributeSlimmer.isBlank(following) || following == 0x3E || following == 0x2F else { return false }
                }
                if !keeps(attribute, on: tag) { drop(blanksStart..<index) }
            }
            if let tag, AttributeSlimmer.rawElements.contains(tag) { return skipRaw(named: nameStart..<nameEnd(from: nameStart)) }
            return true
        }

        private func keeps(_ attribute: ShortName?, on tag: ShortName?) -> Bool {
            guard let attribute else { return false }
            if AttributeSlimmer.kept.contains(attribute) { return true }
            guard attribute == AttributeSlimmer.href, let tag else { return false }
            return AttributeSlimmer.hrefKeptOn.contains(tag)
        }

        /// Leaves out `range`, keeping the next attribute apart from what came before.
        private mutating func drop(_ range: Range<Int>) {
            if output.isEmpty { output.reserveCapacity(input.count) }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: input[copied..<range.lowerBound]))
            copied = range.upperBound
            if copied < input.count, !AttributeSlimmer.isBlank(input[copied]), input[copied] != 0x3E, input[copied] != 0x2F {
                output.append(0x20)
            }
        }

        /// A quoted value (to its closing quote) or an unquoted one (to a blank or `>`).
        private mutating func skipValue() -> Bool {
            guard index < input.count else { return false }
            let quote = input[index]
            if quote == 0x22 || quote == 0x27 {
                guard let close = find(quote, from: index + 1) else { return false }
                index = close + 1
                return true
            }
            while index < input.count, !AttributeSlimmer.isBlank(input[index]), input[index] != 0x3E { index += 1 }
            return index < input.count
        }

        /// Past a raw element's content, to its closing tag (`</script`, any case).
        private mutating func skipRaw(named name: Range<Int>) -> Bool {
            var from = index
            while let less = find(UInt8(ascii: "<"), from: from) {
                if less + 1 + name.count < input.count, input[less + 1] == 0x2F,
                    name.indices.allSatisfy({ input[less + 2 + $0 - name.lowerBound] | 0x20 == input[$0] | 0x20 })
                {
                    index = less
                    return true
                }
                from = less + 1
            }
            return false
        }

        private mutating func skipBlanks() {
            while index < input.count, AttributeSlimmer.isBlank(input[index]) { index += 1 }
        }

        private func nameEnd(from start: Int) -> Int {
            var end = start
            while end < input.count, AttributeSlimmer.continuesName(input[end]) { end += 1 }
            return end
        }

        private func find(_ byte: UInt8, from start: Int) -> Int? {
            guard start < input.count, let base = input.baseAddress,
                let found = memchr(base + start, Int32(byte), input.count - start)
            else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// The bytes libxml2 starts an HTML name with: ASCII letters, `_` and `:`.
    static func startsName(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return (lower >= 0x61 && lower <= 0x7A) || byte == 0x5F || byte == 0x3A
    }

    /// The bytes libxml2 continues an HTML name with: also digits, `-` and `.`.
    static func continuesName(_ byte: UInt8) -> Bool {
        startsName(byte) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x2E
    }

    static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }
}

/// An HTML name of up to 16 bytes, lower-cased and packed into two words, compared without allocating.
private struct ShortName: Equatable {
    let low: UInt64
    let high: UInt64

    init?<Bytes: Collection<UInt8>>(_ bytes: Bytes) {
        guard bytes.count <= 16 else { return nil }
        var words: (UInt64, UInt64) = (0, 0)
        for (offset, byte) in bytes.enumerated() {
            let lower = UInt64(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            if offset < 8 { words.0 |= lower << (8 * offset) } else { words.1 |= lower << (8 * (offset - 8)) }
        }
        (low, high) = words
    }
}
