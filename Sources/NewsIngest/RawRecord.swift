import NewsPage
import NewsStore

/// One input record as read, before parsing: what the parallel part of the pipeline works on.
public enum RawRecord: Sendable {
    case pageBytes([UInt8], origin: String)
    /// A page from a web archive (or a file named as HTML), with what the archive says of it.
    case archived(ArchivedPage, origin: String)
    case jsonLine([UInt8], origin: String)
    case fields([String: String], origin: String)
    case reject(IngestLog.Reject)

    /// About how many bytes the record holds, for bounding a batch's memory.
    var byteCount: Int {
        switch self {
        case .pageBytes(let bytes, _), .jsonLine(let bytes, _): bytes.count
        case .archived(let page, _): page.bytes.count
        case .fields(let fields, _): fields.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count }
        case .reject: 0
        }
    }

    public var origin: String {
        switch self {
        case .pageBytes(_, let origin), .jsonLine(_, let origin), .fields(_, let origin), .archived(_, let origin): origin
        case .reject(let reject): reject.origin
        }
    }

    /// Parses the record into an article, or says why it cannot be one. Pure, so it runs on any
    /// core. A page's short lines come back in `sighting`, for the pipeline to count; `recurring`
    /// holds the lines of its site that the counts say are template.
    public func parse(defaultSource: String?, recurring: RecurringLines = .none) -> ParsedRecord {
        var sighting: TemplateSighting?
        let result = article(defaultSource: defaultSource, recurring: recurring, sighting: &sighting)
        return ParsedRecord(result: result.map(PreparedArticle.init), sighting: sighting)
    }

    private func article(
        defaultSource: String?, recurring: RecurringLines, sighting: inout TemplateSighting?
    ) -> Result<Article, IngestLog.Reject> {
        let result: Result<Article, IngestLog.Reject>
        // Set when the page had more lines than the parser reads.
        var tooLong: Int?
        switch self {
        case .reject(let reject):
            return .failure(reject)
        case .pageBytes(let bytes, let origin):
            let page: ParsedPage
            switch Self.textPage(bytes, origin: origin, defaultSource: defaultSource, recurring: recurring, sighting: &sighting) {
            case .failure(let reject): return .failure(reject)
            case .success(let parsed): page = parsed
            }
            tooLong = page.tooLong
            result = .success(Self.article(of: page, defaultSource: defaultSource))
        case .archived(let archived, let origin):
            var page: ParsedPage
            if archived.isHTML {
                page = HTMLPageParser.parse(archived.bytes, origin: origin, url: archived.url, charset: archived.charset)
            } else {
                switch Self.textPage(archived.bytes, origin: origin, defaultSource: defaultSource, recurring: recurring, sighting: &sighting) {
                case .failure(let reject): return .failure(reject)
                case .success(let parsed): page = parsed
                }
            }
            tooLong = page.tooLong
            if page.url == nil { page.url = archived.url }
            if page.captured == nil { page.captured = archived.captured.flatMap(HTMLPageParser.isoDate) }
            result = .success(Self.article(of: page, defaultSource: defaultSource))
        case .jsonLine(let bytes, let origin):
            switch TextDecoding.decode(bytes) {
            case .failure(let failure):
                return .failure(IngestLog.Reject(origin: origin, reason: failure.description))
            case .success(let text):
                do {
                    let fields = try JSONLine.fields(Array(text.utf8))
                    result = FieldMapping.article(from: fields, origin: origin, defaultSource: defaultSource)
                        .mapError { IngestLog.Reject(origin: origin, reason: $0.description, excerpt: text) }
                } catch {
                    return .failure(IngestLog.Reject(origin: origin, reason: "\(error)", excerpt: text))
                }
            }
        case .fields(let fields, let origin):
            result = FieldMapping.article(from: fields, origin: origin, defaultSource: defaultSource)
                .mapError { IngestLog.Reject(origin: origin, reason: $0.description) }
        }
        if case .success(let article) = result, article.paragraphs.isEmpty {
            if let lines = tooLong {
                return .failure(IngestLog.Reject(
                    origin: origin, reason: "page too long: \(lines) lines (pages of more than \(PageParser.maximumLines) lines are not read)"))
            }
            return .failure(IngestLog.Reject(origin: origin, reason: "empty body: no article paragraphs found", excerpt: article.title ?? ""))
        }
        return result
    }

    /// A page of text decoded and parsed, its lines handed back in `sighting` for template counting.
    private static func textPage(
        _ bytes: [UInt8], origin: String, defaultSource: String?, recurring: RecurringLines, sighting: inout TemplateSighting?
    ) -> Result<ParsedPage, IngestLog.Reject> {
        switch TextDecoding.decode(bytes) {
        case .failure(let failure):
            return .failure(IngestLog.Reject(origin: origin, reason: failure.description))
        case .success(let text):
            let page = parsePage(text, origin: origin, defaultSource: defaultSource, recurring: recurring)
            sighting = page.sighting
            return .success(page.parsed)
        }
    }

    /// The stored article of a parsed page, with the load's source when the page names none.
    private static func article(of page: ParsedPage, defaultSource: String?) -> Article {
        var article = ArticleAssembly.article(from: page)
        if article.source == nil { article.source = defaultSource }
        return article
    }

    /// Parses a page, without the lines its site repeats when a load has learnt them, and names the
    /// site its lines are counted for: the page's aggregator or source, else the folder it was read from.
    static func parsePage(
        _ text: String, origin: String, defaultSource: String?, recurring: RecurringLines
    ) -> (parsed: ParsedPage, sighting: TemplateSighting) {
        let page = PageParser.parse(text, origin: origin, recurring: recurring)
        let site = page.aggregator ?? page.source ?? defaultSource ?? Self.folder(of: origin)
        return (page, TemplateSighting(site: site, hashes: page.templateHashes, keptHashes: page.keptTemplateHashes))
    }

    /// The folder part of an origin ("dumps/site/page.txt" gives "dumps/site").
    static func folder(of origin: String) -> String {
        origin.lastIndex(of: "/").map { String(origin[..<$0]) } ?? ""
    }
}

/// A record parsed by a worker: its article or reject, and the lines of its page for template counting.
public struct ParsedRecord: Sendable {
    public var result: Result<PreparedArticle, IngestLog.Reject>
    public var sighting: TemplateSighting?
}
