import Foundation
import NewsPage
import Testing
@testable import NewsIngest

/// Reading page files: bytes that are not text are refused with a reason, never a crash.
@Suite("Page reading")
struct PageReadingTests {
    @Test(arguments: 1...50)
    func randomBytesNeverCrash(seed: Int) {
        // A linear congruential sequence from the seed: the same bytes on every run.
        var state = UInt64(seed) &* 104_729
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        let bytes = (0..<Int(next() % 4001)).map { _ in UInt8(truncatingIfNeeded: next() % 255 + 1) }
        // Mostly invalid UTF-8: refused with a reason, never a crash; the parser still copes with the lossy text.
        if case .success(let text) = TextDecoding.decode(bytes) { _ = PageParser.parse(text, origin: "random \(seed)") }
        _ = PageParser.parse(String(decoding: bytes, as: UTF8.self), origin: "random \(seed)")
    }

    @Test func binaryFilesAreRefusedWithTheirName() {
        #expect(throws: PageFile.ReadError.self) { try PageFile.decode(Data([0x41, 0x00, 0x42]), path: "x.bin") }
    }
}
