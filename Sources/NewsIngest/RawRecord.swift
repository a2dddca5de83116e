import NewsPage
import NewsStore

/// One input record as read, before parsing: what the parallel part of the pipeline works on.
public enum RawRecord: Sendable {
    case pageBytes([UInt8], origin: String)
    case jsonLine([UInt8], origin: String)
    case fields([String: String], origin: String)
    case reject(IngestLog.Reject)

    /// About how many bytes the record holds, for bounding a batch's memory.
    var byteCount: Int {
        switch self {
        case .pageBytes(let bytes, _), .jsonLine(let bytes, _): bytes.count
        case .fields(let fields, _): fields.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count }
        case .reject: 0
        }
    }

    public var origin: String {
        switch self {
        case .pageBytes(_, let origin), .jsonLine(_, let origin), .fields(_, let origin): origin
        case .reject(let reject): reject.origin
        }
    }

    /// Parses the record into an article, or says why it cannot be one. Pure, so it runs on any core.
    public func article(defaultSource: String?) -> Result<Article, IngestLog.Reject> {
        let result: Result<Article, IngestLog.Reject>
        switch self {
        case .reject(let reject):
            return .failure(reject)
        case .pageBytes(let bytes, let origin):
            switch TextDecoding.decode(bytes) {
            case .failure(let failure):
                return .failure(IngestLog.Reject(origin: origin, reason: failure.description))
            case .success(let text):
                var article = ArticleAssembly.article(from: PageParser.parse(text, origin: origin))
                if article.source == nil { article.source = defaultSource }
                result = .success(article)
            }
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
            return .failure(IngestLog.Reject(origin: origin, reason: "empty body: no article paragraphs found", excerpt: article.title ?? ""))
        }
        return result
    }
}
