import Foundation
import NewsIngest
import NewsPage
import NewsStore

// The libFuzzer target behind `make fuzz`. Built with -sanitize=fuzzer (and -DFUZZING), libFuzzer
// supplies main; built normally, main replays the files given as arguments, so a crash found by the
// fuzzer can be re-run and kept as a regression input. The first byte of an input chooses the code
// under test; the rest is its input (jsonl feeds both the line parser and the JSON array reader). `NEWSDB_FUZZ_TARGET` (page, date, quote, query, jsonl, csv, html, warc)
// sends every input to one of them instead, so each can be fuzzed on its own for a set time.
// Any crash, hang or sanitizer report is a finding.

let fuzzTargets = ["page", "date", "quote", "query", "jsonl", "csv", "html", "warc"]
let fixedTarget: UInt8? = ProcessInfo.processInfo.environment["NEWSDB_FUZZ_TARGET"]
    .flatMap { fuzzTargets.firstIndex(of: $0) }.map { UInt8($0) }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let text = String(decoding: bytes, as: UTF8.self)
    switch fixedTarget ?? data[0] % UInt8(fuzzTargets.count) {
    case 0: _ = PageParser.parse(text, origin: "fuzz")
    case 1: _ = DateParser.parse(text)
    case 2: _ = QuoteExtractor.quotes(in: text.components(separatedBy: "\n"))
    case 3: _ = try? SearchQuery.parse(text)
    case 4:
        _ = ReaderProbe.jsonLine(bytes)
        _ = ReaderProbe.jsonArray(bytes)
    case 5: _ = ReaderProbe.csv(bytes)
    case 6: _ = HTMLPageParser.parse(bytes, origin: "fuzz")
    default: _ = ReaderProbe.warc(bytes)
    }
    return 0
}

#if FUZZING
/// libFuzzer's driver for programs that keep their own main (SwiftPM executables must).
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

@main
struct FuzzMain {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv) { data, size in
            guard let data else { return 0 }
            return fuzz(data, size)
        })
    }
}
#else
@main
struct ReplayInputs {
    static func main() throws {
        for path in CommandLine.arguments.dropFirst() {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            _ = bytes.withUnsafeBufferPointer { buffer in
                fuzz(buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!, buffer.count)
            }
            print("replayed \(path)")
        }
    }
}
#endif
