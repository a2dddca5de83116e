/// An article with what the writer derives from it already computed: the content hash, the body
/// text, the word count and the terms the full-text index will hold. Ingest prepares articles on the parsing threads, because the writer's
/// thread is the one a load waits for.
public struct PreparedArticle: Sendable {
    public let article: Article
    let contentHash: String
    let body: String
    let wordCount: Int
    /// Its terms for the search bounds, as the full-text index will count them.
    let terms: ArticleTerms?

    public init(_ article: Article) {
        self.article = article
        contentHash = ContentHash.of(article)
        body = article.body
        wordCount = article.wordCount
        terms = ArticleTerms.of(title: article.title, lead: article.lead, body: body)
    }
}
