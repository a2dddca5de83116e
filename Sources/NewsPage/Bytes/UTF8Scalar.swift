/// Decodes one scalar from a Swift string's UTF-8 (always well formed), for the byte-level loops of
/// the normaliser and the tokeniser, which pass most bytes through untouched.
public enum UTF8Scalar {
    /// The scalar that starts at `index`, and how many bytes it takes.
    @inlinable @inline(__always)
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (value: UInt32, length: Int) {
        let lead = bytes[index]
        guard lead >= 0x80 else { return (UInt32(lead), 1) }
        let length = min(lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2, bytes.count - index)
        var value = UInt32(lead) & (lead >= 0xF0 ? 0x07 : lead >= 0xE0 ? 0x0F : 0x1F)
        for next in bytes[(index + 1)..<(index + length)] { value = value << 6 | UInt32(next & 0x3F) }
        return (value, length)
    }
}
