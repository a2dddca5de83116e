/// Lines that other pages of the same site repeat word for word: a site's template (menus, footers,
/// widget headings, slogans), which a load learns by counting lines across pages. A page parsed on
/// its own has none.
public struct RecurringLines: Sendable {
    public let hashes: Set<UInt64>

    public init(_ hashes: Set<UInt64>) {
        self.hashes = hashes
    }

    public static let none = RecurringLines([])

    /// Words a line that may be template has at most: long paragraphs are counted out of the way.
    public static let templateLineWords = 40.0

    /// The hash a line is counted by: FNV-1a over its folded bytes, so case and quote styles do not matter.
    public static func hash(_ folded: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in folded {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    func contains(_ hash: UInt64) -> Bool { hashes.contains(hash) }
}
