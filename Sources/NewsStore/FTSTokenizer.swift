import CSQLite
import Foundation

/// FTS5's own tokenizer, set up as `articles_fts` declares it ('porter unicode61 remove_diacritics
/// 2'), run outside the index: the search bounds must count exactly the terms the index holds, and
/// a tokenizer of our own would drift from it on some script or stem.
final class FTSTokenizer {
    /// The arguments of `articles_fts`'s `tokenize` option (Migrations/0001_initial.sql).
    static let articleTokenizer = (name: "porter", arguments: ["unicode61", "remove_diacritics", "2"])

    private var methods: fts5_tokenizer
    private let instance: OpaquePointer
    /// The connection's FTS5 module owns the tokenizer's code: it must outlive the instance.
    private let connection: Connection

    init?(connection: Connection) {
        guard let api = RankFunction.fts5API(connection.handle), let find = api.pointee.xFindTokenizer else { return nil }
        var methods = fts5_tokenizer()
        var context: UnsafeMutableRawPointer?
        guard find(api, Self.articleTokenizer.name, &context, &methods) == SQLITE_OK, let create = methods.xCreate else { return nil }
        let arguments = Self.articleTokenizer.arguments.map { strdup($0) }
        defer { arguments.forEach { free($0) } }
        var pointers = arguments.map { UnsafePointer<CChar>($0) }
        var made: OpaquePointer?
        let status = pointers.withUnsafeMutableBufferPointer { buffer in
            create(context, buffer.baseAddress, Int32(buffer.count), &made)
        }
        guard status == SQLITE_OK, let made else { return nil }
        self.methods = methods
        self.instance = made
        self.connection = connection
    }

    deinit {
        methods.xDelete?(instance)
    }

    /// The tokens of `text` as strings, in order (a query's few words, not an article's).
    func terms(in text: String) -> [String] {
        var terms: [String] = []
        forEachToken(in: text) { terms.append(String(decoding: $0, as: UTF8.self)) }
        return terms
    }

    /// Calls `body` with the bytes of each token of `text`, in order.
    func forEachToken(in text: String, _ body: (UnsafeRawBufferPointer) -> Void) {
        withoutActuallyEscaping(body) { escaping in tokenize(text, into: ClosureSink(escaping)) }
    }

    /// Hands each token of `text` to `sink`, in order (the index's count of a column's tokens is
    /// the number of calls). Colocated tokens (synonyms) would not be counted, as FTS5 does not
    /// count them; this tokenizer makes none.
    func tokenize(_ text: String, into sink: TokenSink) {
        var text = text
        text.withUTF8 { tokenize($0, into: sink) }
    }

    /// The same over UTF-8 bytes (a column read straight from SQLite).
    func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, into sink: TokenSink) {
        guard let base = bytes.baseAddress, let tokenize = methods.xTokenize else { return }
        withExtendedLifetime(sink) {
            _ = tokenize(instance, Unmanaged.passUnretained(sink).toOpaque(), FTS5_TOKENIZE_DOCUMENT,
                         UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(bytes.count)) { context, flags, token, length, _, _ in
                guard let context, let token, flags & FTS5_TOKEN_COLOCATED == 0 else { return SQLITE_OK }
                Unmanaged<TokenSink>.fromOpaque(context).takeUnretainedValue().consume(UnsafeRawBufferPointer(start: token, count: Int(length)))
                return SQLITE_OK
            }
        }
    }

    private final class ClosureSink: TokenSink {
        let body: (UnsafeRawBufferPointer) -> Void
        init(_ body: @escaping (UnsafeRawBufferPointer) -> Void) { self.body = body }
        override func consume(_ token: UnsafeRawBufferPointer) { body(token) }
    }
}

/// What receives a tokenizer's tokens: a class, so the C callback reaches it with one dynamic
/// call and no closure context (the sealer takes a few hundred million tokens in a big load).
class TokenSink {
    func consume(_ token: UnsafeRawBufferPointer) {}
}
