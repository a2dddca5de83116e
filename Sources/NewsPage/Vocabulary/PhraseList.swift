/// A word list for the line rules, kept as one buffer of UTF-8 bytes: the rules test every line
/// of every page against lists of dozens of phrases, and walking an array of Strings for that
/// retains and releases each one. Written as an array literal, like the list it replaces.
struct PhraseList: ExpressibleByArrayLiteral, Sendable {
    let phrases: [String]
    private let bytes: [UInt8]
    /// Where each phrase ends in `bytes` (it starts where the one before ends).
    private let ends: [Int]

    init(arrayLiteral phrases: String...) {
        self.phrases = phrases
        var bytes: [UInt8] = []
        var ends: [Int] = []
        for phrase in phrases {
            bytes += Array(phrase.utf8)
            ends.append(bytes.count)
        }
        self.bytes = bytes
        self.ends = ends
    }

    /// True when `test` holds for one of the phrases (given as bytes).
    func contains(where test: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        bytes.withUnsafeBufferPointer { all in
            var start = 0
            for end in ends {
                if test(UnsafeBufferPointer(rebasing: all[start..<end])) { return true }
                start = end
            }
            return false
        }
    }

    /// How many phrases `test` holds for.
    func count(where test: (UnsafeBufferPointer<UInt8>) -> Bool) -> Int {
        bytes.withUnsafeBufferPointer { all in
            var start = 0
            var count = 0
            for end in ends {
                if test(UnsafeBufferPointer(rebasing: all[start..<end])) { count += 1 }
                start = end
            }
            return count
        }
    }
}
